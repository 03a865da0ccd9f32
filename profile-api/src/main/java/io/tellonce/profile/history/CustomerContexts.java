package io.tellonce.profile.history;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.Consents;
import io.tellonce.profile.app.ProfileMembers;
import io.tellonce.profile.app.ProfileNotFound;
import io.tellonce.profile.app.ProfileReader;
import io.tellonce.profile.app.ProfileView;
import io.tellonce.profile.config.HistorySettings;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The whole story of one person in one read: profile, consent, open cases, latest interactions,
 * signals. The person's nodes are looked up once (the looked-up node read whole on the way, for the
 * profile) and every part is read from them in parallel.
 */
@Singleton
public final class CustomerContexts {
    private final ProfileReader profiles;
    private final PersonHistory history;
    private final Cases cases;
    private final Consents consents;
    private final HistorySettings settings;
    private final Clock clock;

    public CustomerContexts(ProfileReader profiles, PersonHistory history, Cases cases, Consents consents,
                            HistorySettings settings, Clock clock) {
        this.profiles = profiles;
        this.consents = consents;
        this.history = history;
        this.cases = cases;
        this.settings = settings;
        this.clock = clock;
    }

    public record CustomerContext(ProfileView profile, Consents.Current consent, List<CustomerCase> openCases,
                                  List<Interaction> latest, ContextSignals signals) {
        public CustomerContext {
            openCases = List.copyOf(openCases);
            latest = List.copyOf(latest);
        }
    }

    /** @throws io.tellonce.profile.app.ProfileNotFound (through the stage) */
    public CompletionStage<CustomerContext> of(TenantId tenant, ProfileId anyId, int count) {
        Instant now = clock.instant();
        return profiles.personAndProfile(tenant, anyId).thenCompose(located -> {
            ProfileReader.PersonProfile whose = located.orElseThrow(() -> new ProfileNotFound("profile id " + anyId));
            Person person = whose.person();
            CompletionStage<ProfileView> profile = whose.profile();
            CompletionStage<Consents.Current> consent = consents.current(tenant,
                    new ProfileMembers.Members(person.profile(), person.nodes()));
            CompletionStage<PersonHistory.Recent> recent = history.recent(tenant, person, count,
                    now.minus(ContextSignals.MONTH), settings.contextScanLimit());
            CompletionStage<Story> story = cases.active(tenant, person).thenCombine(recent, (open, read) ->
                    new Story(open, read.latest(), ContextSignals.of(read.recent(), now, read.truncated())));
            return profile.thenCombine(consent, Parts::new).thenCombine(story, (parts, found) ->
                    new CustomerContext(parts.profile(), parts.consent(), found.openCases(), found.latest(),
                            found.signals()));
        });
    }

    private record Parts(ProfileView profile, Consents.Current consent) {
    }

    private record Story(List<CustomerCase> openCases, List<Interaction> latest, ContextSignals signals) {
    }
}
