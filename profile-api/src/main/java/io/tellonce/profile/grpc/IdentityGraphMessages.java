package io.tellonce.profile.grpc;

import io.tellonce.profile.app.IdentityGraphView;
import io.tellonce.proto.v1.GetIdentityGraphResponse;
import io.tellonce.proto.v1.IdentityLink;
import io.tellonce.proto.v1.IdentityNode;
import jakarta.inject.Singleton;

/** The identity graph on the wire: for GetIdentityGraph and for the export of a person's data. */
@Singleton
final class IdentityGraphMessages {
    private final IdentifierMessages identifiers;

    IdentityGraphMessages(IdentifierMessages identifiers) {
        this.identifiers = identifiers;
    }

    GetIdentityGraphResponse write(IdentityGraphView view) {
        GetIdentityGraphResponse.Builder graph = GetIdentityGraphResponse.newBuilder()
                .setProfileId(view.profile().toString());
        view.nodes().forEach(node -> graph.addNodes(IdentityNode.newBuilder()
                .setNodeId(node.id().toString())
                .setSourceSystem(node.sourceSystem())
                .setCreateTime(WireTime.of(node.createdAt()))
                .addAllIdentifiers(node.identifiers().stream().map(identifiers::write).toList())));
        view.links().forEach(link -> {
            IdentityLink.Builder wire = IdentityLink.newBuilder()
                    .setLinkId(link.linkId().toString())
                    .setMergeId(link.mergeId().toString())
                    .setNodeId(link.node().toString())
                    .setOtherNodeId(link.otherNode().toString())
                    .setRule(link.rule())
                    .setEvidence(link.evidence())
                    .setActor(link.actor())
                    .setReason(link.reason())
                    .setCreateTime(WireTime.of(link.createdAt()))
                    .setActive(link.undo().isEmpty());
            link.undo().ifPresent(undo -> wire.setUndoTime(WireTime.of(undo.at()))
                    .setUndoneBy(undo.actor()).setUndoReason(undo.reason()));
            graph.addLinks(wire);
        });
        return graph.build();
    }
}
