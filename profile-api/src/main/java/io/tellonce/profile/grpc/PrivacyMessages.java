package io.tellonce.profile.grpc;

import io.tellonce.identity.ProfileId;
import io.tellonce.profile.app.AuditEntry;
import io.tellonce.profile.app.AuditLog;
import io.tellonce.profile.app.ErasureReceipt;
import io.tellonce.profile.app.ExportSection;
import io.tellonce.proto.v1.AuditAction;
import io.tellonce.proto.v1.AuditEntryBatch;
import io.tellonce.proto.v1.ConsentRecordBatch;
import io.tellonce.proto.v1.ExportPersonalDataResponse;
import io.tellonce.proto.v1.ExportSummary;
import io.tellonce.proto.v1.InteractionBatch;
import jakarta.inject.Singleton;

/** The privacy team's messages: audit entries, export sections and erasure receipts. */
@Singleton
final class PrivacyMessages {
    static final String SEARCH_INDEX = "removal published to the change log: the search index follows within"
            + " about a second, or as soon as Elasticsearch is reachable again";

    private final ConsentMessages consent;
    private final ProfileMessages profiles;
    private final IdentityGraphMessages graphs;

    PrivacyMessages(ConsentMessages consent, ProfileMessages profiles, IdentityGraphMessages graphs) {
        this.consent = consent;
        this.profiles = profiles;
        this.graphs = graphs;
    }

    io.tellonce.proto.v1.AuditEntry auditEntry(AuditLog.Stored stored) {
        AuditEntry entry = stored.entry();
        var wire = io.tellonce.proto.v1.AuditEntry.newBuilder()
                .setAuditId(stored.id().toString())
                .setTime(WireTime.of(entry.at()))
                .setNodeId(entry.node().toString())
                .setAction(entry.action() == AuditEntry.Action.READ ? AuditAction.AUDIT_ACTION_READ
                        : AuditAction.AUDIT_ACTION_CHANGE)
                .setRpc(entry.rpc())
                .setActor(entry.caller().actor())
                .setRole(entry.caller().role())
                .addAllProfileIds(entry.profiles().stream().map(ProfileId::toString).toList())
                .setDetail(entry.detail());
        entry.purpose().ifPresent(purpose -> wire.setPurpose(consent.purpose(purpose))
                .setCustomPurpose(purpose.customName().orElse("")));
        return wire.build();
    }

    ExportPersonalDataResponse section(ProfileId profile, ExportSection section) {
        ExportPersonalDataResponse.Builder wire = ExportPersonalDataResponse.newBuilder()
                .setProfileId(profile.toString());
        if (section instanceof ExportSection.Summary summary) {
            wire.setSummary(ExportSummary.newBuilder()
                    .addAllNodeIds(summary.nodes().stream().map(ProfileId::toString).toList())
                    .setExportTime(WireTime.of(summary.exportedAt()))
                    .setAuditStartTime(WireTime.of(summary.auditFrom())));
        } else if (section instanceof ExportSection.Profile view) {
            wire.setProfile(profiles.write(view.view()));
        } else if (section instanceof ExportSection.Graph graph) {
            wire.setIdentityGraph(graphs.write(graph.graph()));
        } else if (section instanceof ExportSection.Interactions batch) {
            wire.setInteractions(InteractionBatch.newBuilder().addAllInteractions(batch.interactions().stream()
                    .map(i -> HistoryMessages.interaction(i, batch.profile())).toList()));
        } else if (section instanceof ExportSection.Case aCase) {
            wire.setCase(HistoryMessages.aCase(aCase.aCase(), aCase.profile()));
        } else if (section instanceof ExportSection.ConsentRecords batch) {
            wire.setConsentRecords(ConsentRecordBatch.newBuilder()
                    .addAllRecords(batch.records().stream().map(consent::write).toList()));
        } else if (section instanceof ExportSection.AuditEntries batch) {
            wire.setAuditEntries(AuditEntryBatch.newBuilder()
                    .addAllEntries(batch.entries().stream().map(this::auditEntry).toList()));
        }
        return wire.build();
    }

    io.tellonce.proto.v1.ErasureReceipt receipt(ErasureReceipt receipt) {
        var wire = io.tellonce.proto.v1.ErasureReceipt.newBuilder()
                .setErasureId(receipt.erasureId().toString())
                .setProfileId(receipt.profile().toString())
                .addAllNodeIds(receipt.nodes().stream().map(ProfileId::toString).toList())
                .putAllRemoved(receipt.removed())
                .setSuppressedIdentifiers(receipt.suppressed())
                .setActor(receipt.actor())
                .setReason(receipt.reason())
                .setRequestTime(WireTime.of(receipt.requestedAt()))
                .setSearchIndex(SEARCH_INDEX);
        receipt.completedAt().ifPresent(at -> wire.setCompleteTime(WireTime.of(at)));
        return wire.build();
    }
}
