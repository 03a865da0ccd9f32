package io.tellonce.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a channel knows a person. The declaration order is the match priority: when an observation's
 * identifiers point at different profiles, the profile of the earliest kind wins.
 */
public enum IdentifierKind {
    CRM_ID("crm_id", false),
    ACCOUNT_NUMBER("account_number", false),
    LOYALTY_ID("loyalty_id", false),
    EMAIL("email", false),
    PHONE("phone", false),
    CHANNEL_HANDLE("channel_handle", true),
    SOCIAL_HANDLE("social_handle", true),
    CUSTOM("custom", true),
    DEVICE_ID("device_id", false),
    COOKIE_ID("cookie_id", false);

    private final String storageName;
    private final boolean qualified;

    IdentifierKind(String storageName, boolean qualified) {
        this.storageName = storageName;
        this.qualified = qualified;
    }

    /** The stable name used in storage keys; never rename one, stored data depends on it. */
    public String storageName() {
        return storageName;
    }

    /** Whether identifiers of this kind need a namespace (the channel, network or custom kind name). */
    public boolean qualified() {
        return qualified;
    }

    public static Optional<IdentifierKind> fromStorageName(String name) {
        return Arrays.stream(values()).filter(k -> k.storageName.equals(name)).findFirst();
    }
}
