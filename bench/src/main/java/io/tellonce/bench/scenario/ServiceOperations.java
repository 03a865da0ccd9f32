package io.tellonce.bench.scenario;

import io.tellonce.bench.data.ConsentGenerator;
import io.tellonce.bench.data.InteractionGenerator;
import io.tellonce.bench.data.MatchProbes;
import io.tellonce.bench.data.NewCustomers;
import io.tellonce.bench.data.Person;
import io.tellonce.bench.data.TypeaheadQueries;
import io.tellonce.bench.data.Observations;
import io.tellonce.bench.grpc.ServiceClient;
import io.tellonce.bench.load.Operation;
import io.grpc.Status;
import io.tellonce.proto.v1.GetCustomerContextRequest;
import io.tellonce.proto.v1.GetProfileRequest;
import io.tellonce.proto.v1.MatchCandidate;
import io.tellonce.proto.v1.ProfileLookup;
import io.tellonce.proto.v1.ResolveResponse;
import io.tellonce.proto.v1.SearchProfilesRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/** The operations that call the service's public API. Each picks its own random seeded person. */
final class ServiceOperations {
    private ServiceOperations() {
    }

    /** GetProfile by any one identifier of a random seeded person: a screen pop for a caller's number. */
    static Operation profileByIdentifier(ScenarioContext context) {
        return () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            var person = context.people().person(random.nextInt(context.population()));
            var request = GetProfileRequest.newBuilder().setLookup(ProfileLookup.newBuilder()
                    .setIdentifier(Observations.anyIdentifier(person, random))).build();
            return found(ServiceClient.stage(context.service().profiles().getProfile(request)));
        };
    }

    /** GetProfile by the profile id a seeded person resolved into: a CRM that stored the id. */
    static Operation profileById(ScenarioContext context) {
        SeededProfiles profiles = context.seededProfiles();
        return () -> {
            var request = GetProfileRequest.newBuilder().setLookup(ProfileLookup.newBuilder()
                    .setProfileId(profiles.pick(ThreadLocalRandom.current()).profileId().toString())).build();
            return found(ServiceClient.stage(context.service().profiles().getProfile(request)));
        };
    }

    /** Resolve of what a channel saw of a known person: one or two identifiers that all exist. */
    static Operation resolveKnown(ScenarioContext context) {
        return () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            var person = context.people().person(random.nextInt(context.population()));
            return ServiceClient.stage(context.service().identity()
                    .resolve(context.observations().channelContact(person, random))).thenApply(ServiceOperations::outcome);
        };
    }

    /** Resolve of a new customer's e-mail and phone: a new profile and its identifier claims. */
    static Operation resolveNew(ScenarioContext context) {
        NewCustomers customers = new NewCustomers(context.runNonce());
        return () -> ServiceClient.stage(context.service().identity().resolve(customers.next()))
                .thenApply(ServiceOperations::outcome);
    }

    /** GetCustomerContext by any one identifier of a random seeded person: an agent's screen pop. */
    static Operation customerContext(ScenarioContext context) {
        return () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            var person = context.people().person(random.nextInt(context.population()));
            var request = GetCustomerContextRequest.newBuilder().setLookup(ProfileLookup.newBuilder()
                    .setIdentifier(Observations.anyIdentifier(person, random))).build();
            return found(ServiceClient.stage(context.service().context().getCustomerContext(request)));
        };
    }

    /** RecordInteraction of a conversation that just ended, by the profile id the agent's desktop showed. */
    static Operation recordInteraction(ScenarioContext context, InteractionGenerator interactions) {
        SeededProfiles profiles = context.seededProfiles();
        return () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            SeededProfiles.Entry entry = profiles.pick(random);
            var request = interactions.live(context.people().person(entry.personIndex()), entry.profileId().toString(),
                    random, Instant.now());
            return ServiceClient.stage(context.service().history().recordInteraction(request)).thenApply(done -> null);
        };
    }

    /** BatchCheckConsent of every question about a random audience (a campaign or a personalisation engine). */
    static Operation batchCheckConsent(ScenarioContext context, int checks) {
        int people = ConsentGenerator.peoplePerBatch(checks);
        return () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            List<Person> audience = new ArrayList<>(people);
            for (int i = 0; i < people; i++) {
                audience.add(context.people().person(random.nextInt(context.population())));
            }
            return ServiceClient.stage(context.service().consent().batchCheckConsent(ConsentGenerator.checks(audience)))
                    .thenApply(done -> null);
        };
    }

    /** SearchProfiles with what an agent types about a random seeded person; the outcome says what kind found nothing. */
    static Operation searchProfiles(ScenarioContext context, int pageSize) {
        return () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            var person = context.people().person(random.nextInt(context.population()));
            var kind = TypeaheadQueries.Kind.values()[random.nextInt(TypeaheadQueries.Kind.values().length)];
            var request = SearchProfilesRequest.newBuilder().setQuery(TypeaheadQueries.of(kind, person, random))
                    .setPageSize(pageSize).build();
            return ServiceClient.stage(context.service().search().searchProfiles(request))
                    .thenApply(answer -> answer.getHitsCount() == 0 ? kind.name() + ":NO_HITS" : null);
        };
    }

    /**
     * FindMatches for a seeded person's attributes with a slip or two and no identifier (what inline
     * matching asks); the outcome says where the person's own profile ranked, when not first.
     */
    static Operation findMatches(ScenarioContext context) {
        SeededProfiles profiles = context.seededProfiles();
        return () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            SeededProfiles.Entry entry = profiles.pick(random);
            var request = MatchProbes.probe(context.people().person(entry.personIndex()), random);
            String own = entry.profileId().toString();
            return ServiceClient.stage(context.service().matching().findMatches(request)).thenApply(answer -> {
                List<String> ids = answer.getCandidatesList().stream().map(MatchCandidate::getProfileId).toList();
                return ids.isEmpty() ? "NO_CANDIDATES" : ids.get(0).equals(own) ? null
                        : ids.contains(own) ? "OWN_PROFILE_NOT_FIRST" : "OWN_PROFILE_NOT_FOUND";
            });
        };
    }

    /**
     * NOT_FOUND is a legitimate answer, not a failure of the service: an identifier that the merge policy
     * left unclaimed (a household's second CRM record) belongs to no profile. Counted as an outcome, as
     * the raw baseline counts the same case.
     */
    static <T> CompletionStage<String> found(CompletionStage<T> answer) {
        return answer.handle((profile, failure) -> {
            if (failure == null) {
                return (String) null;
            }
            if (Status.fromThrowable(failure).getCode() == Status.Code.NOT_FOUND) {
                return RawOperations.NOT_FOUND;
            }
            throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
        });
    }

    private static String outcome(ResolveResponse answer) {
        return answer.getOutcome().name().replace("RESOLVE_OUTCOME_", "");
    }
}
