package io.tellonce.identity;

import java.util.Objects;

/**
 * A claimed value seen with someone other than its owner's profile, without linking them: the
 * policy kept the two apart, or the value is weak. Counted per value; enough distinct {@code seenOn}
 * and the value is shared.
 *
 * @param owner  the profile whose node owns the value when it was seen; counted as one of the profiles
 * @param seenOn who else it was seen on: {@code profile <id>}, or the identifier the policy refused to
 *               add to the owner's profile (a second CRM id names a second person who has no profile yet)
 */
public record Sighting(Identifier identifier, ProfileId owner, String seenOn) {
    public Sighting {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(seenOn, "seenOn");
    }

    /** How a profile is named among the profiles a value was seen on. */
    public static String onProfile(ProfileId profile) {
        return "profile " + profile;
    }
}
