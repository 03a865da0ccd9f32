package io.tellonce.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A claimed value seen with someone other than its owner's profile, without linking them: the
 * policy kept the two apart, or the value is weak. Counted per value; enough distinct {@code seenOn}
 * and the value is shared.
 *
 * @param owner  the profile whose node owns the value when it was seen; counted as one of the profiles
 * @param seenOn who else it was seen on: {@code profile <id>}, or a digest of the identifier the policy
 *               refused to add to the owner's profile (a second CRM id names a second person who has no
 *               profile yet). A digest, because the row lives under another value's key, where erasing
 *               this person could not find it; counting needs only that two people differ.
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

    /** How a person known only by a refused identifier is named: a SHA-256 digest, never the value. */
    public static String onPerson(Identifier refused) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    refused.toString().getBytes(StandardCharsets.UTF_8));
            return "person " + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
