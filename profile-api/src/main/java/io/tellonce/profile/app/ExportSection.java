package io.tellonce.profile.app;

import io.tellonce.identity.ProfileId;
import io.tellonce.profile.consent.ConsentRecord;
import io.tellonce.profile.history.CustomerCase;
import io.tellonce.profile.history.Interaction;
import java.time.Instant;
import java.util.List;

/** One part of a person's data export, in the order an export sends them. */
public sealed interface ExportSection {

    record Summary(ProfileId profile, List<ProfileId> nodes, Instant exportedAt, Instant auditFrom)
            implements ExportSection {
        public Summary {
            nodes = List.copyOf(nodes);
        }
    }

    record Profile(ProfileView view) implements ExportSection {
    }

    record Graph(IdentityGraphView graph) implements ExportSection {
    }

    record Interactions(ProfileId profile, List<Interaction> interactions) implements ExportSection {
        public Interactions {
            interactions = List.copyOf(interactions);
        }
    }

    record Case(ProfileId profile, CustomerCase aCase) implements ExportSection {
    }

    record ConsentRecords(List<ConsentRecord> records) implements ExportSection {
        public ConsentRecords {
            records = List.copyOf(records);
        }
    }

    record AuditEntries(List<AuditLog.Stored> entries) implements ExportSection {
        public AuditEntries {
            entries = List.copyOf(entries);
        }
    }
}
