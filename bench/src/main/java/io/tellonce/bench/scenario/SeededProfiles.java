package io.tellonce.bench.scenario;

import io.tellonce.bench.data.PersonGenerator;
import io.tellonce.bench.grpc.ServiceClient;
import io.tellonce.proto.v1.GetProfileRequest;
import io.tellonce.proto.v1.ProfileLookup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Profile ids of a random sample of the seeded people, as the service reports them: what a CRM that
 * stored the id would send. Read through the public API before the scenarios that need them.
 */
public record SeededProfiles(List<Entry> entries) {
    static final int SAMPLE_SIZE = 5_000;
    private static final int IN_FLIGHT = 32;

    /** A seeded person and the id of the profile they resolved into. */
    public record Entry(int personIndex, UUID profileId) {
    }

    public SeededProfiles {
        if (entries.isEmpty()) {
            throw new IllegalStateException("no seeded profile could be read: is the population seeded?");
        }
        entries = List.copyOf(entries);
    }

    public Entry pick(RandomGenerator random) {
        return entries.get(random.nextInt(entries.size()));
    }

    static SeededProfiles sample(ServiceClient service, PersonGenerator people, int population) {
        SplittableRandom random = new SplittableRandom(population);
        List<Entry> found = Collections.synchronizedList(new ArrayList<>());
        Semaphore slots = new Semaphore(IN_FLIGHT);
        try {
            for (int i = 0; i < Math.min(SAMPLE_SIZE, population); i++) {
                int index = random.nextInt(population);
                GetProfileRequest request = GetProfileRequest.newBuilder().setLookup(ProfileLookup.newBuilder()
                        .setIdentifier(people.person(index).identifiers().get(0))).build();
                slots.acquire();
                ServiceClient.stage(service.profiles().withDeadlineAfter(10, TimeUnit.SECONDS).getProfile(request))
                        .whenComplete((answer, failure) -> {
                            if (failure == null) {
                                found.add(new Entry(index, UUID.fromString(answer.getProfile().getProfileId())));
                            }
                            slots.release();
                        });
            }
            slots.acquire(IN_FLIGHT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sampling profile ids", e);
        }
        return new SeededProfiles(found);
    }
}
