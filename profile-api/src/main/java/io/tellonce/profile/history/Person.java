package io.tellonce.profile.history;

import io.tellonce.identity.ProfileId;
import java.util.List;

/** A profile as the history sees it: its current id (the root) and the identity nodes it is made of. */
public record Person(ProfileId profile, List<ProfileId> nodes) {
    public Person {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a profile has at least one node");
        }
    }
}
