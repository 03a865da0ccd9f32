package io.tellonce.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which matched values an observation saw on a profile other than their owner's. A strong value has
 * one owner, so it is only ever "seen" elsewhere when the policy keeps the two sides apart: a conflict
 * (a family e-mail typed next to a second customer's CRM id), or a weak value (a shop's tablet) that
 * went along with someone else's observation.
 *
 * @param policy which identifiers are weak
 */
record SharedValueEvidence(MergePolicy policy) {

    /**
     * @param claims  the matched values and their claims, shared ones already left out
     * @param roots   the profile of each claiming node, as read before the outcome
     * @param target  the profile the observation went to
     * @param joined  the profiles (as read) that are now {@code target}: itself, and those it merged
     * @param refused identifiers of the observation the policy kept off {@code target}, priority order
     */
    List<Sighting> sightings(Map<Identifier, Claim> claims, Map<ProfileId, ProfileId> roots, ProfileId target,
                             Set<ProfileId> joined, List<Identifier> refused) {
        Optional<Identifier> otherPerson = refused.stream().filter(id -> !policy.weak(id)).findFirst();
        List<Sighting> sightings = new ArrayList<>();
        claims.entrySet().stream().sorted(Map.Entry.comparingByKey(Identifier.PRIORITY_ORDER)).forEach(entry -> {
            ProfileId owner = roots.get(entry.getValue().owner());
            if (owner == null) {
                return;
            }
            if (!joined.contains(owner)) {
                sightings.add(new Sighting(entry.getKey(), owner, Sighting.onProfile(target)));
            } else {
                otherPerson.ifPresent(person -> sightings.add(new Sighting(entry.getKey(), target, Sighting.onPerson(person))));
            }
        });
        return sightings;
    }
}
