package io.tellonce.identity;

import java.util.Objects;
import java.util.UUID;

/** The id of one resolved person, stable for as long as the profile exists. */
public record ProfileId(UUID value) {
    public ProfileId {
        Objects.requireNonNull(value, "value");
    }

    /** @throws IllegalArgumentException when the text is not a UUID */
    public static ProfileId parse(String text) {
        return new ProfileId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
