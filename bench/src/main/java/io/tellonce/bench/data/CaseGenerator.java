package io.tellonce.bench.data;

import io.tellonce.proto.v1.OpenCaseRequest;
import io.tellonce.proto.v1.ProfileLookup;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The open cases of the synthetic population: a share of people has one, on a topic their latest
 * conversations were about. Deterministic from seed and person, with an idempotency key per person.
 */
public final class CaseGenerator {
    private final long seed;
    private final ShareOfPeople share;

    /** @param share of people with an open case (0..1) */
    public CaseGenerator(long seed, double share) {
        this.seed = seed;
        this.share = new ShareOfPeople(seed, share, 0xCA5EL);
    }

    /** The case the person has open, if any. */
    public record Opening(Topic topic, OpenCaseRequest request) {
    }

    public Optional<Opening> caseOf(Person person) {
        return share.draw(person.index()).map(random -> opening(person, random));
    }

    private Opening opening(Person person, SplittableRandom random) {
        Topic topic = Vocabulary.pick(Topic.ALL, random);
        return new Opening(topic, OpenCaseRequest.newBuilder()
                // The strongest identifier: the one the CRM files the case under.
                .setLookup(ProfileLookup.newBuilder().setIdentifier(person.identifiers().get(0)))
                .setTitle(topic.title())
                .setTopic(topic.name())
                .setActor("agent-" + (1 + random.nextInt(200)))
                .setNote("opened after the customer got in touch again")
                .setIdempotencyKey("bench-seed-" + seed + "-" + person.index() + "-case")
                .build());
    }
}
