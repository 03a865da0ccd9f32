package io.tellonce.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns what a channel sent into the one canonical form per kind, so that " Alice@Example.COM " and
 * "alice@example.com" are the same identifier. Rejects values that cannot be of their kind.
 */
public final class IdentifierNormaliser {
    static final int MAX_VALUE_LENGTH = 256;
    /** Spaces around a value that are tolerated beyond its length (padding from fixed-width exports). */
    static final int MAX_EDGE_SPACE = 256;

    // Deliberately simple: RFC 5322 allows far more, but channels send ordinary addresses, and an
    // address we cannot deliver to is not worth linking people by.
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\\p{Z}]{1,64}@[^@\\s\\p{Z}.]+(\\.[^@\\s\\p{Z}.]+)+$");
    private static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,31}$");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\p{Z}\\u0085-]");
    private static final Pattern HANDLE_PREFIX = Pattern.compile("^[@\\s\\p{Z}\\u0085]+");

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    /** @param defaultRegion ISO 3166 region for phone numbers written without a country code, e.g. "GB" */
    public IdentifierNormaliser(String defaultRegion) {
        if (!phones.getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("unknown phone region: " + defaultRegion);
        }
        this.defaultRegion = defaultRegion;
    }

    public Identifier normalise(IdentifierKind kind, String namespace, String value) {
        String ns = normaliseNamespace(kind, namespace == null ? "" : namespace.trim().toLowerCase(Locale.ROOT));
        // The length is checked before anything else reads the text, so that every later step works on
        // at most a few hundred characters whatever the caller sent.
        if (value != null && value.length() > MAX_VALUE_LENGTH + MAX_EDGE_SPACE) {
            throw new IdentifierRejected("value", "must be at most " + MAX_VALUE_LENGTH + " characters");
        }
        String trimmed = value == null ? "" : withoutEdgeSpace(value);
        if (trimmed.length() > MAX_VALUE_LENGTH) {
            throw new IdentifierRejected("value", "must be at most " + MAX_VALUE_LENGTH + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IdentifierRejected("value", "must not contain control characters");
        }
        // Checked on the result too: separators alone normalise to nothing, and upper-casing can lengthen.
        String normalised = trimmed.isEmpty() ? "" : normaliseValue(kind, ns, trimmed);
        if (normalised.isEmpty()) {
            throw new IdentifierRejected("value", "must not be empty");
        }
        if (normalised.length() > MAX_VALUE_LENGTH) {
            throw new IdentifierRejected("value", "must be at most " + MAX_VALUE_LENGTH + " characters once normalised");
        }
        return new Identifier(kind, ns, normalised);
    }

    /**
     * The text without leading and trailing Unicode spaces (no-break spaces from pasted text included,
     * which String.strip() misses), in one pass from each end: a pattern with an end anchor backtracks
     * over every run of spaces and took seconds on a few ten thousand of them.
     */
    static String withoutEdgeSpace(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && edgeSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && edgeSpace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    private static boolean edgeSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u0085'
                || Character.isSpaceChar(c);
    }

    private String normaliseNamespace(IdentifierKind kind, String ns) {
        if (!kind.qualified()) {
            if (!ns.isEmpty()) {
                throw new IdentifierRejected("namespace", "must be empty for " + kind.storageName());
            }
            return ns;
        }
        if (ns.isEmpty()) {
            throw new IdentifierRejected("namespace", "is required for " + kind.storageName()
                    + " (the channel, network or custom kind name)");
        }
        if (!NAMESPACE.matcher(ns).matches()) {
            throw new IdentifierRejected("namespace",
                    "must be 1-32 lower-case letters, digits, '-' or '_', starting with a letter or digit");
        }
        return ns;
    }

    private String normaliseValue(IdentifierKind kind, String ns, String value) {
        return switch (kind) {
            case EMAIL -> email(value);
            case PHONE -> phone(value);
            case CHANNEL_HANDLE -> "whatsapp".equals(ns) || "sms".equals(ns) ? phone(value) : value;
            case SOCIAL_HANDLE -> socialHandle(value);
            case ACCOUNT_NUMBER, LOYALTY_ID -> SEPARATORS.matcher(value).replaceAll("").toUpperCase(Locale.ROOT);
            case CRM_ID, DEVICE_ID, COOKIE_ID, CUSTOM -> value;
        };
    }

    private static String email(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(lower).matches()) {
            throw new IdentifierRejected("value", "is not an e-mail address (expected local-part@domain.tld)");
        }
        return lower;
    }

    private String phone(String value) {
        try {
            PhoneNumber number = phones.parse(value, defaultRegion);
            if (!phones.isPossibleNumber(number)) {
                throw new IdentifierRejected("value", "is not a possible phone number");
            }
            String e164 = phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            // Some possible-but-invalid numbers keep a trunk prefix that a second parse drops; such a
            // number would not be one identifier, so it is refused rather than stored two ways.
            if (!e164.equals(phones.format(phones.parse(e164, defaultRegion), PhoneNumberUtil.PhoneNumberFormat.E164))) {
                throw new IdentifierRejected("value", "is not a valid phone number");
            }
            return e164;
        } catch (NumberParseException e) {
            throw new IdentifierRejected("value", "is not a phone number: " + e.getMessage());
        }
    }

    private static String socialHandle(String value) {
        return HANDLE_PREFIX.matcher(value).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
