package io.tellonce.identity;

import java.util.regex.Pattern;

/** A brand or business unit. The first part of every storage key, so tenants never see each other's data. */
public record TenantId(String value) {
    private static final Pattern FORMAT = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,62}$");

    public TenantId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "tenant id must be 1-63 lower-case letters, digits, '-' or '_', starting with a letter or digit");
        }
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
