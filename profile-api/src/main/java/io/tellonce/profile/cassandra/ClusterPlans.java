package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.ListType;
import com.datastax.oss.driver.api.core.type.MapType;
import com.datastax.oss.driver.api.core.type.TupleType;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentifierKind;
import io.tellonce.identity.ProfileId;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Plans to and from the {@code cluster_plan} type that the markers of ADR 21 carry. */
@Singleton
final class ClusterPlans {
    private final UserDefinedType type;
    private final TupleType link;
    private final TupleType regroup;
    private final TupleType identifier;

    ClusterPlans(GraphStatements cql) {
        // The type as the keyspace declares it, from a statement that binds it.
        this.type = (UserDefinedType) cql.markMerge.getVariableDefinitions().get("pending_plan").getType();
        this.link = (TupleType) ((ListType) field("links")).getElementType();
        this.regroup = (TupleType) ((MapType) field("regroup")).getValueType();
        this.identifier = (TupleType) field("identifier");
    }

    UdtValue encode(ClusterPlan plan) {
        UdtValue value = type.newValue()
                .setUuid("operation", plan.operation())
                .setList("roots", ids(plan.roots()), UUID.class)
                .setInstant("at", plan.at());
        if (plan instanceof ClusterPlan.Merge merge) {
            return value.setString("rule", merge.rule()).setString("actor", merge.actor())
                    .setString("reason", merge.reason())
                    .setUuid("profile", merge.survivor().value())
                    .setList("absorbed", ids(merge.absorbed()), UUID.class)
                    .setList("links", links(merge.links()), TupleValue.class)
                    .setMap("regroup", regroup(merge.regroup()), UUID.class, TupleValue.class);
        }
        if (plan instanceof ClusterPlan.Unmerge unmerge) {
            return value.setString("actor", unmerge.actor()).setString("reason", unmerge.reason())
                    .setList("links", links(unmerge.links()), TupleValue.class)
                    .setMap("regroup", regroup(unmerge.regroup()), UUID.class, TupleValue.class);
        }
        ClusterPlan.Move move = (ClusterPlan.Move) plan;
        value = value.setTupleValue("identifier", identifier.newValue(move.identifier().kind().storageName(),
                        move.identifier().namespace(), move.identifier().value()))
                .setUuid("from_node", move.fromNode().value())
                .setUuid("profile", move.toNode().value())
                .setInstant("claimed_at", move.claimedAt())
                .setString("evidence", move.evidence());
        return value;
    }

    ClusterPlan decode(ClusterStatics.Marker marker, UdtValue value) {
        UUID operation = value.getUuid("operation");
        List<ProfileId> roots = value.getList("roots", UUID.class).stream().map(ProfileId::new).toList();
        java.time.Instant at = value.getInstant("at");
        return switch (marker) {
            case MERGE -> new ClusterPlan.Merge(operation, roots, at, new ProfileId(value.getUuid("profile")),
                    value.getList("absorbed", UUID.class).stream().map(ProfileId::new).toList(), links(value),
                    regroup(value), value.getString("rule"), value.getString("actor"), value.getString("reason"));
            case UNMERGE -> new ClusterPlan.Unmerge(operation, roots, at, links(value), regroup(value),
                    value.getString("actor"), value.getString("reason"));
            case MOVE -> {
                TupleValue id = value.getTupleValue("identifier");
                IdentifierKind kind = IdentifierKind.fromStorageName(id.getString(0)).orElseThrow(
                        () -> new IllegalStateException("a move plan names an unknown kind " + id.getString(0)));
                yield new ClusterPlan.Move(operation, roots, at, new Identifier(kind, id.getString(1), id.getString(2)),
                        new ProfileId(value.getUuid("from_node")), new ProfileId(value.getUuid("profile")),
                        value.getInstant("claimed_at"), value.getString("evidence"));
            }
        };
    }

    private DataType field(String name) {
        return type.getFieldTypes().get(type.firstIndexOf(name));
    }

    private static List<UUID> ids(List<ProfileId> ids) {
        return ids.stream().map(ProfileId::value).toList();
    }

    private List<TupleValue> links(List<ClusterPlan.PlannedLink> links) {
        return links.stream().map(l -> link.newValue(l.node().value(), l.otherNode().value(), l.linkId(), l.evidence()))
                .toList();
    }

    private static List<ClusterPlan.PlannedLink> links(UdtValue value) {
        return value.getList("links", TupleValue.class).stream()
                .map(t -> new ClusterPlan.PlannedLink(new ProfileId(t.getUuid(0)), new ProfileId(t.getUuid(1)),
                        t.getUuid(2), t.getString(3)))
                .toList();
    }

    private Map<UUID, TupleValue> regroup(Map<ProfileId, ClusterPlan.Regroup> moves) {
        Map<UUID, TupleValue> values = new LinkedHashMap<>();
        moves.forEach((member, move) -> values.put(member.value(),
                regroup.newValue(move.from().value(), move.to().value())));
        return values;
    }

    private static Map<ProfileId, ClusterPlan.Regroup> regroup(UdtValue value) {
        Map<ProfileId, ClusterPlan.Regroup> moves = new LinkedHashMap<>();
        value.getMap("regroup", UUID.class, TupleValue.class).forEach((member, move) -> moves.put(new ProfileId(member),
                new ClusterPlan.Regroup(new ProfileId(move.getUuid(0)), new ProfileId(move.getUuid(1)))));
        return moves;
    }
}
