package io.tellonce.bench.scenario;

import io.tellonce.bench.data.NewCustomers;
import io.tellonce.bench.data.Observations;
import io.tellonce.bench.grpc.ServiceClient;
import io.tellonce.bench.load.Operation;
import io.grpc.Status;
import io.tellonce.proto.v1.GetProfileRequest;
import io.tellonce.proto.v1.GetProfileResponse;
import io.tellonce.proto.v1.ProfileLookup;
import io.tellonce.proto.v1.ResolveResponse;
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

    /**
     * NOT_FOUND is a legitimate answer, not a failure of the service: an identifier that the merge policy
     * left unclaimed (a household's second CRM record) belongs to no profile. Counted as an outcome, as
     * the raw baseline counts the same case.
     */
    private static CompletionStage<String> found(CompletionStage<GetProfileResponse> answer) {
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
