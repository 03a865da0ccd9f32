package io.tellonce.profile.consent;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the person may be contacted. ANY is the fallback for every channel without a record of its own. */
public enum ConsentChannel {
    EMAIL, SMS, PHONE, PUSH, POST, ANY;

    public String storageName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ConsentChannel> fromStorageName(String name) {
        return Arrays.stream(values()).filter(channel -> channel.storageName().equals(name)).findFirst();
    }
}
