package io.tellonce.profile.history;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.ProfileQueries;
import io.tellonce.profile.app.ProfileView;
import io.tellonce.profile.config.HistorySettings;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The whole story of one person in one read: profile, open cases, latest interactions, signals. */
@Singleton
public final class CustomerContexts {
    private final ProfileQueries profiles;
    private final PersonHistory history;
    private final Cases cases;
    private final HistorySettings settings;
    private final Clock clock;

    public CustomerContexts(ProfileQueries profiles, PersonHistory history, Cases cases, HistorySettings settings,
                            Clock clock) {
        this.profiles = profiles;
        this.history = history;
        this.cases = cases;
        this.settings = settings;
        this.clock = clock;
    }

    public record CustomerContext(ProfileView profile, List<CustomerCase> openCases, List<Interaction> latest,
                                  ContextSignals signals) {
        public CustomerContext {
            openCases = List.copyOf(openCases);
            latest = List.copyOf(latest);
        }
    }

    /** @throws io.tellonce.profile.app.ProfileNotFound (through the stage) */
    public CompletionStage<CustomerContext> of(TenantId tenant, ProfileId anyId, int count) {
        Instant now = clock.instant();
        // The profile, and the person's nodes with their interactions and cases, are read at the same time.
        CompletionStage<ProfileView> profile = profiles.byId(tenant, anyId);
        CompletionStage<Story> story = history.person(tenant, anyId).thenCompose(person -> {
            CompletionStage<PersonHistory.Recent> recent = history.recent(tenant, person, count,
                    now.minus(ContextSignals.MONTH), settings.contextScanLimit());
            return cases.active(tenant, person).thenCombine(recent, (open, read) -> new Story(open, read.latest(),
                    ContextSignals.of(read.recent(), now, read.truncated())));
        });
        return profile.thenCombine(story, (view, found) -> new CustomerContext(view, found.openCases(), found.latest(),
                found.signals()));
    }

    private record Story(List<CustomerCase> openCases, List<Interaction> latest, ContextSignals signals) {
    }
}
