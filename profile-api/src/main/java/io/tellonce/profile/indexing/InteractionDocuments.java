package io.tellonce.profile.indexing;

import io.tellonce.identity.TenantId;
import io.tellonce.profile.history.CaseStatus;
import io.tellonce.profile.history.Interaction;
import io.tellonce.profile.history.TranscriptLine;
import io.tellonce.search.InteractionDocument;
import java.util.Optional;

/** What of an interaction goes into the search index: its texts, its labels and its case's status. */
final class InteractionDocuments {
    private InteractionDocuments() {
    }

    static InteractionDocument of(TenantId tenant, Interaction interaction, Optional<CaseStatus> caseStatus) {
        return new InteractionDocument(tenant.value(), interaction.id().toString(), interaction.node().toString(),
                interaction.channel().name(), interaction.direction().name(), interaction.occurredAt(),
                interaction.topic(), interaction.summary(),
                interaction.transcript().stream().map(TranscriptLine::text).toList(), interaction.sentiment().name(),
                interaction.outcome().name(), interaction.caseId().map(Object::toString),
                caseStatus.map(CaseStatus::name));
    }
}
