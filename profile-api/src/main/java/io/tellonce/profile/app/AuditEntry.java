package io.tellonce.profile.app;

import io.tellonce.identity.ProfileId;
import io.tellonce.profile.consent.Purpose;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One read or change of a person's data.
 *
 * @param id       unique per entry, so that a retried write stores it once
 * @param node     the node (profile id, current or absorbed) the entry is kept against
 * @param rpc      the gRPC method, e.g. {@code tellonce.v1.ProfileService/GetProfile}
 * @param purpose  the declared purpose of a read
 * @param profiles the profiles the call touched
 */
public record AuditEntry(UUID id, Caller caller, ProfileId node, Instant at, Action action, String rpc,
                         Optional<Purpose> purpose, List<ProfileId> profiles, String detail) {
    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(rpc, "rpc");
        Objects.requireNonNull(purpose, "purpose");
        profiles = List.copyOf(profiles);
        Objects.requireNonNull(detail, "detail");
    }

    public enum Action { READ, CHANGE }
}
