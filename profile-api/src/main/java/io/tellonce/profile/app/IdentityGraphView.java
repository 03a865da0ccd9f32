package io.tellonce.profile.app;

import io.tellonce.identity.ProfileId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Why a profile is one person: its nodes and every link that touches them, active or undone. */
public record IdentityGraphView(ProfileId profile, List<Node> nodes, List<Link> links) {
    public IdentityGraphView {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }

    public record Node(ProfileId id, String sourceSystem, Instant createdAt, List<ProfileView.ListedIdentifier> identifiers) {
        public Node {
            identifiers = List.copyOf(identifiers);
        }
    }

    public record Link(UUID linkId, UUID mergeId, ProfileId node, ProfileId otherNode, String rule, String evidence,
                       String actor, String reason, Instant createdAt, Optional<Undo> undo) {
    }

    public record Undo(Instant at, String actor, String reason) {
    }
}
