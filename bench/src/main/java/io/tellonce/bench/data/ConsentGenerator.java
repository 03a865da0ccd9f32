package io.tellonce.bench.data;

import com.google.protobuf.Timestamp;
import io.tellonce.proto.v1.BatchCheckConsentRequest;
import io.tellonce.proto.v1.ConsentChannel;
import io.tellonce.proto.v1.ConsentCheck;
import io.tellonce.proto.v1.ConsentPurpose;
import io.tellonce.proto.v1.ConsentStatus;
import io.tellonce.proto.v1.LegalBasis;
import io.tellonce.proto.v1.ProfileLookup;
import io.tellonce.proto.v1.SetConsentRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the synthetic people agreed to, and the questions a personalisation engine or a campaign tool
 * asks about them. Seeded records are deterministic from seed and person, captured at fixed past
 * times (not relative to today), so seeding them again is always a no-op.
 */
public final class ConsentGenerator {
    /** The questions asked about each person of a batch. */
    static final List<Question> QUESTIONS = List.of(
            new Question(ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_EMAIL),
            new Question(ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_SMS),
            new Question(ConsentPurpose.CONSENT_PURPOSE_PERSONALISATION, ConsentChannel.CONSENT_CHANNEL_ANY),
            new Question(ConsentPurpose.CONSENT_PURPOSE_ANALYTICS, ConsentChannel.CONSENT_CHANNEL_ANY));
    private static final ConsentStatus[] ANSWERS = {ConsentStatus.CONSENT_STATUS_GRANTED,
            ConsentStatus.CONSENT_STATUS_GRANTED, ConsentStatus.CONSENT_STATUS_DENIED,
            ConsentStatus.CONSENT_STATUS_WITHDRAWN};
    private static final Instant CAPTURED_FROM = Instant.parse("2025-01-01T00:00:00Z");

    record Question(ConsentPurpose purpose, ConsentChannel channel) {
    }

    private final long seed;
    private final ShareOfPeople share;

    /** @param share of people with consent records (0..1) */
    public ConsentGenerator(long seed, double share) {
        this.seed = seed;
        this.share = new ShareOfPeople(seed, share, 0xC025E7L);
    }

    /** The person's answers (none for those who were never asked), each with its idempotency key. */
    public List<SetConsentRequest> records(Person person) {
        return share.draw(person.index()).map(random -> records(person, random)).orElse(List.of());
    }

    private List<SetConsentRequest> records(Person person, SplittableRandom random) {
        List<Question> asked = new ArrayList<>(QUESTIONS);
        int count = 1 + random.nextInt(3);
        List<SetConsentRequest> records = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Question question = asked.remove(random.nextInt(asked.size()));
            Instant captured = CAPTURED_FROM.plusSeconds(random.nextLong(365L * 24 * 3600));
            records.add(SetConsentRequest.newBuilder()
                    .setLookup(lookup(person))
                    .setPurpose(question.purpose())
                    .setChannel(question.channel())
                    .setStatus(ANSWERS[random.nextInt(ANSWERS.length)])
                    .setLegalBasis(LegalBasis.LEGAL_BASIS_CONSENT)
                    .setSourceSystem("preference-centre")
                    .setActor("customer")
                    .setCaptureTime(Timestamp.newBuilder().setSeconds(captured.getEpochSecond()))
                    .setPolicyVersion("2025-01")
                    .setEvidence("preference centre form, version 2025-01")
                    .setIdempotencyKey("bench-seed-" + seed + "-" + person.index() + "-consent-" + k)
                    .build());
        }
        return records;
    }

    /** One batch: every question about each of the people, in order. */
    public static BatchCheckConsentRequest checks(List<Person> people) {
        BatchCheckConsentRequest.Builder batch = BatchCheckConsentRequest.newBuilder();
        for (Person person : people) {
            for (Question question : QUESTIONS) {
                batch.addChecks(ConsentCheck.newBuilder().setLookup(lookup(person)).setPurpose(question.purpose())
                        .setChannel(question.channel()));
            }
        }
        return batch.build();
    }

    /** How many people a batch of this many checks asks about. */
    public static int peoplePerBatch(int checks) {
        if (checks < QUESTIONS.size() || checks % QUESTIONS.size() != 0) {
            throw new IllegalArgumentException("a batch asks " + QUESTIONS.size() + " questions per person: checks must"
                    + " be a multiple of " + QUESTIONS.size());
        }
        return checks / QUESTIONS.size();
    }

    /** The strongest identifier, as the CRM that exported the campaign audience knows them. */
    private static ProfileLookup lookup(Person person) {
        return ProfileLookup.newBuilder().setIdentifier(person.identifiers().get(0)).build();
    }
}
