package io.tellonce.profile.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentifierKind;
import io.tellonce.identity.ProfileId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Merges never widen consent, whichever way the records of one person are spread over nodes. */
class ConsentRulesPropertyTest {
    private static final ProfileId A = new ProfileId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    private static final ProfileId B = new ProfileId(UUID.fromString("00000000-0000-0000-0000-00000000000b"));
    private static final Identifier ALICE = new Identifier(IdentifierKind.EMAIL, "", "alice@example.com");
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    private final ConsentRules rules = new ConsentRules();

    @Provide
    Arbitrary<List<ConsentRecord>> records() {
        Arbitrary<ConsentRecord> record = Combinators.combine(
                Arbitraries.of(A, B),
                Arbitraries.of(ConsentChannel.EMAIL, ConsentChannel.SMS, ConsentChannel.ANY),
                Arbitraries.of(Optional.<Identifier>empty(), Optional.of(ALICE)),
                Arbitraries.of(ConsentStatus.values()),
                Arbitraries.integers().between(0, 20),
                Arbitraries.of(Optional.<Integer>empty(), Optional.of(5), Optional.of(400)))
                .as((node, channel, scope, status, day, validDays) -> {
                    Instant captured = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(86_400L * day);
                    return new ConsentRecord(UUID.randomUUID(), node, Purpose.MARKETING, channel, scope, status,
                            "consent", "app", "customer", captured,
                            status == ConsentStatus.GRANTED ? validDays.map(d -> captured.plusSeconds(86_400L * d))
                                    : Optional.empty(), "v1", "", captured);
                });
        return record.list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<ConsentQuestion> questions() {
        return Combinators.combine(Arbitraries.of(ConsentChannel.EMAIL, ConsentChannel.SMS, ConsentChannel.ANY),
                        Arbitraries.of(Optional.<Identifier>empty(), Optional.of(ALICE)))
                .as((channel, scope) -> new ConsentQuestion(Purpose.MARKETING, channel, scope));
    }

    /**
     * The merge rule: whichever node each record sits on, an allow never rests on a grant older than
     * a refusal that applies at its level or a broader one, unless a grant newer than that refusal
     * (at the refusal's level or a narrower one) took it back.
     */
    @Property
    void noRefusalIsOverriddenByAnOlderGrant(@ForAll("records") List<ConsentRecord> records,
                                             @ForAll("questions") ConsentQuestion question) {
        ConsentDecision decision = rules.decide(records, question, false, NOW);
        if (!decision.allowed()) {
            return;
        }
        ConsentRecord grant = decision.record().orElseThrow();
        List<ConsentRecord.ConsentKey> levels = question.levels();
        int level = levels.indexOf(grant.key());
        assertThat(grant.status()).isEqualTo(ConsentStatus.GRANTED);
        assertThat(grant.expiredAt(NOW)).isFalse();
        for (ConsentRecord refusal : records) {
            int refusalLevel = levels.indexOf(refusal.key());
            if (refusalLevel >= level && refusal.status().refuses()) {
                assertThat(records).as("a grant newer than " + refusal + " took it back")
                        .anySatisfy(newer -> {
                            int newerLevel = levels.indexOf(newer.key());
                            assertThat(newer.status()).isEqualTo(ConsentStatus.GRANTED);
                            assertThat(newerLevel).isBetween(level, refusalLevel);
                            assertThat(newer.capturedAt()).isAfter(refusal.capturedAt());
                        });
            }
        }
    }

    @Property
    void aNewerRefusalOnOneSideAlwaysDeniesWhenTheOtherSideOnlyHasOlderGrants(
            @ForAll("records") List<ConsentRecord> records, @ForAll("questions") ConsentQuestion question) {
        ConsentRecord.ConsentKey broadest = question.levels().get(question.levels().size() - 1);
        Instant newest = records.stream().map(ConsentRecord::capturedAt).max(Instant::compareTo).orElse(NOW);
        ConsentRecord withdrawal = new ConsentRecord(UUID.randomUUID(), A, Purpose.MARKETING, broadest.channel(),
                broadest.scope(), ConsentStatus.WITHDRAWN, "consent", "app", "customer", newest, Optional.empty(), "v1", "",
                newest);
        List<ConsentRecord> merged = new ArrayList<>(records);
        merged.add(withdrawal);

        assertThat(rules.decide(merged, question, true, NOW).allowed()).isFalse();
    }

    @Property
    void theDecisionDoesNotDependOnTheOrderOfTheRecords(@ForAll("records") List<ConsentRecord> records,
                                                         @ForAll("questions") ConsentQuestion question) {
        List<ConsentRecord> shuffled = new ArrayList<>(records);
        Collections.reverse(shuffled);
        assertThat(rules.decide(shuffled, question, false, NOW)).isEqualTo(rules.decide(records, question, false, NOW));
    }
}
