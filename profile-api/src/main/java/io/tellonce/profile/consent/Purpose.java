package io.tellonce.profile.consent;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What personal data is used for: one of the built-in purposes, or a tenant's own (stored as
 * {@code custom:<name>} so that a custom name can never collide with a built-in one).
 */
public record Purpose(String storageName) {
    // Declared first: the constants below are checked against it as they are built.
    private static final List<String> BUILT_IN_NAMES = List.of("marketing", "personalisation", "analytics",
            "profiling", "third_party_sharing");
    public static final Purpose MARKETING = new Purpose("marketing");
    public static final Purpose PERSONALISATION = new Purpose("personalisation");
    public static final Purpose ANALYTICS = new Purpose("analytics");
    public static final Purpose PROFILING = new Purpose("profiling");
    public static final Purpose THIRD_PARTY_SHARING = new Purpose("third_party_sharing");
    public static final List<Purpose> BUILT_IN = List.of(MARKETING, PERSONALISATION, ANALYTICS, PROFILING,
            THIRD_PARTY_SHARING);

    private static final String CUSTOM_PREFIX = "custom:";
    private static final Pattern CUSTOM_NAME = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,63}$");

    public Purpose {
        Objects.requireNonNull(storageName, "storageName");
        if (!BUILT_IN_NAMES.contains(storageName) && !(storageName.startsWith(CUSTOM_PREFIX)
                && isValidCustomName(storageName.substring(CUSTOM_PREFIX.length())))) {
            throw new IllegalArgumentException("not a purpose: " + storageName);
        }
    }

    /** @throws IllegalArgumentException unless the name is 1-64 lower-case letters, digits, '-' or '_' */
    public static Purpose custom(String name) {
        return new Purpose(CUSTOM_PREFIX + name);
    }

    public static boolean isValidCustomName(String name) {
        return name != null && CUSTOM_NAME.matcher(name).matches();
    }

    /** A configured name: a built-in purpose's name, or a custom purpose's own name. */
    public static Purpose named(String name) {
        String trimmed = name.trim();
        return BUILT_IN_NAMES.contains(trimmed) ? new Purpose(trimmed)
                : trimmed.startsWith(CUSTOM_PREFIX) ? new Purpose(trimmed) : custom(trimmed);
    }

    /** The tenant's own name of a custom purpose. */
    public Optional<String> customName() {
        return storageName.startsWith(CUSTOM_PREFIX)
                ? Optional.of(storageName.substring(CUSTOM_PREFIX.length())) : Optional.empty();
    }

    /** In words, for reasons: "marketing", "third-party sharing", "custom purpose loyalty-offers". */
    public String words() {
        return customName().map(name -> "custom purpose " + name).orElse(storageName.replace('_', '-')
                .replace("third-party-sharing", "third-party sharing"));
    }

    @Override
    public String toString() {
        return storageName;
    }
}
