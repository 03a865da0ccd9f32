package io.tellonce.identity;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * When identifiers may make two profiles one person.
 *
 * @param limits    at most this many identifiers of a kind per profile (a second CRM id means a second person)
 * @param weakKinds kinds that are kept and matched but never merge two profiles on their own (a shared
 *                  family tablet's device id, a cookie)
 * @param neverLink values that are placeholders or shared by many people (noreply@…, 0000000000): they
 *                  are recorded on the profile but never claimed, matched or merged on
 * @param sharedAfterProfiles a claimed value seen on this many distinct profiles (its owner's and
 *                  those the policy kept apart from it) is marked shared and links no one from then
 *                  on; 0 turns the detection off
 */
public record MergePolicy(Map<IdentifierKind, Integer> limits, Set<IdentifierKind> weakKinds,
                          List<NeverLink> neverLink, int sharedAfterProfiles) {

    /** Five profiles: a family shares an e-mail among a few people; a shop's phone among many more. */
    public static final int DEFAULT_SHARED_AFTER_PROFILES = 5;

    public MergePolicy {
        limits = Map.copyOf(limits);
        weakKinds = Set.copyOf(weakKinds);
        neverLink = List.copyOf(neverLink);
        // One profile is the owner's own: a value is never "shared" by fewer than two.
        if (sharedAfterProfiles < 0 || sharedAfterProfiles == 1) {
            throw new IllegalArgumentException("shared-after-profiles is 0 (off) or at least 2, not "
                    + sharedAfterProfiles);
        }
    }

    /** A policy that never marks values shared by itself. */
    public MergePolicy(Map<IdentifierKind, Integer> limits, Set<IdentifierKind> weakKinds, List<NeverLink> neverLink) {
        this(limits, weakKinds, neverLink, 0);
    }

    public boolean detectsSharedValues() {
        return sharedAfterProfiles > 0;
    }

    public MergePolicy withSharedAfterProfiles(int profiles) {
        return new MergePolicy(limits, weakKinds, neverLink, profiles);
    }

    /**
     * One CRM id, account number and loyalty id, five e-mails and phones; cookies and devices are weak;
     * a value seen on five profiles is shared.
     */
    public static MergePolicy defaults() {
        Map<IdentifierKind, Integer> limits = new EnumMap<>(IdentifierKind.class);
        limits.put(IdentifierKind.CRM_ID, 1);
        limits.put(IdentifierKind.ACCOUNT_NUMBER, 1);
        limits.put(IdentifierKind.LOYALTY_ID, 1);
        limits.put(IdentifierKind.EMAIL, 5);
        limits.put(IdentifierKind.PHONE, 5);
        return new MergePolicy(limits, Set.of(IdentifierKind.COOKIE_ID, IdentifierKind.DEVICE_ID), List.of(
                NeverLink.parse("email:noreply@*"), NeverLink.parse("email:no-reply@*"),
                NeverLink.parse("email:donotreply@*"), NeverLink.parse("email:do-not-reply@*"),
                NeverLink.parse("phone:*0000000"), NeverLink.parse("phone:*1234567")), DEFAULT_SHARED_AFTER_PROFILES);
    }

    /** Whether the identifier may be claimed and matched on; false for placeholders and shared values. */
    public boolean links(Identifier identifier) {
        return neverLink.stream().noneMatch(rule -> rule.matches(identifier));
    }

    public boolean weak(Identifier identifier) {
        return weakKinds.contains(identifier.kind());
    }

    /** What is wrong with one profile holding all these identifiers, if anything. */
    public Optional<String> violation(Collection<Identifier> identifiers) {
        Map<IdentifierKind, Long> counts = identifiers.stream().distinct()
                .collect(Collectors.groupingBy(Identifier::kind, Collectors.counting()));
        return counts.entrySet().stream()
                .filter(e -> e.getValue() > limits.getOrDefault(e.getKey(), Integer.MAX_VALUE))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + e.getKey().storageName() + " identifiers where the policy allows "
                        + limits.get(e.getKey()))
                .findFirst();
    }

    /**
     * A value pattern for one kind, e.g. {@code email:noreply@*}: {@code *} matches any run of characters,
     * compared with the normalised value.
     */
    public record NeverLink(IdentifierKind kind, String glob, Pattern pattern) {
        public static NeverLink parse(String rule) {
            int colon = rule.indexOf(':');
            IdentifierKind kind = colon < 0 ? null
                    : IdentifierKind.fromStorageName(rule.substring(0, colon).trim()).orElse(null);
            if (kind == null) {
                throw new IllegalArgumentException("a never-link rule looks like kind:pattern, e.g. email:noreply@*; got "
                        + rule);
            }
            String glob = rule.substring(colon + 1).trim();
            String regex = Pattern.quote(glob).replace("*", "\\E.*\\Q");
            return new NeverLink(kind, glob, Pattern.compile(regex));
        }

        boolean matches(Identifier identifier) {
            return identifier.kind() == kind && pattern.matcher(identifier.value()).matches();
        }
    }
}
