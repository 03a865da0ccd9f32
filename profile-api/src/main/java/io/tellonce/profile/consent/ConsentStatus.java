package io.tellonce.profile.consent;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The person's answer. A denial (asked, said no) and a withdrawal (took a grant back) both refuse. */
public enum ConsentStatus {
    GRANTED, DENIED, WITHDRAWN;

    public boolean refuses() {
        return this != GRANTED;
    }

    public String storageName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ConsentStatus> fromStorageName(String name) {
        return Arrays.stream(values()).filter(status -> status.storageName().equals(name)).findFirst();
    }
}
