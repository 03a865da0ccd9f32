package io.tellonce.profile.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentifierKind;
import io.tellonce.identity.ProfileId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConsentRulesTest {
    static final ProfileId NODE_A = new ProfileId(UUID.randomUUID());
    static final ProfileId NODE_B = new ProfileId(UUID.randomUUID());
    static final Identifier ALICE = new Identifier(IdentifierKind.EMAIL, "", "alice@example.com");
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final ConsentRules rules = new ConsentRules();

    static ConsentRecord record(ProfileId node, Purpose purpose, ConsentChannel channel, Optional<Identifier> scope,
                                ConsentStatus status, String capturedAt, Optional<Instant> expiresAt) {
        return new ConsentRecord(UUID.randomUUID(), node, purpose, channel, scope, status, "consent", "app", "customer",
                Instant.parse(capturedAt), expiresAt, "v1", "", Instant.parse(capturedAt));
    }

    static ConsentRecord marketing(ProfileId node, ConsentChannel channel, ConsentStatus status, String capturedAt) {
        return record(node, Purpose.MARKETING, channel, Optional.empty(), status, capturedAt, Optional.empty());
    }

    private ConsentDecision decide(List<ConsentRecord> records, ConsentChannel channel, Optional<Identifier> scope) {
        return rules.decide(records, new ConsentQuestion(Purpose.MARKETING, channel, scope), false, NOW);
    }

    @Test
    void aGrantAllowsAndSaysWhoGaveItWhenAndWhere() {
        ConsentDecision decision = decide(List.of(marketing(NODE_A, ConsentChannel.EMAIL, ConsentStatus.GRANTED,
                "2026-11-01T10:00:00Z")), ConsentChannel.EMAIL, Optional.empty());

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.basis()).isEqualTo(ConsentDecision.Basis.GRANTED);
        assertThat(decision.reason()).isEqualTo("allowed: granted by customer on 2026-11-01 via app (email)");
    }

    @Test
    void aWithdrawalAfterTheGrantDeniesWithItsOwnReason() {
        ConsentDecision decision = decide(List.of(
                marketing(NODE_A, ConsentChannel.EMAIL, ConsentStatus.GRANTED, "2026-11-01T10:00:00Z"),
                marketing(NODE_A, ConsentChannel.EMAIL, ConsentStatus.WITHDRAWN, "2026-11-20T10:00:00Z")),
                ConsentChannel.EMAIL, Optional.empty());

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo("denied: withdrawn by customer on 2026-11-20 via app (email)");
        assertThat(decision.record().orElseThrow().status()).isEqualTo(ConsentStatus.WITHDRAWN);
    }

    @Test
    void anOlderGrantOnAnotherNodeDoesNotOverrideANewerWithdrawalButANewerGrantDoes() {
        ConsentRecord withdrawn = marketing(NODE_A, ConsentChannel.ANY, ConsentStatus.WITHDRAWN, "2026-11-20T10:00:00Z");
        ConsentRecord olderGrant = marketing(NODE_B, ConsentChannel.ANY, ConsentStatus.GRANTED, "2026-11-01T10:00:00Z");
        ConsentRecord newerGrant = marketing(NODE_B, ConsentChannel.ANY, ConsentStatus.GRANTED, "2026-11-25T10:00:00Z");

        assertThat(decide(List.of(olderGrant, withdrawn), ConsentChannel.ANY, Optional.empty()).allowed()).isFalse();
        assertThat(decide(List.of(olderGrant, withdrawn, newerGrant), ConsentChannel.ANY, Optional.empty()).record())
                .contains(newerGrant);
    }

    @Test
    void aRefusalWinsATieWithAGrantCapturedAtTheSameMoment() {
        String at = "2026-11-20T10:00:00Z";
        assertThat(decide(List.of(marketing(NODE_A, ConsentChannel.SMS, ConsentStatus.GRANTED, at),
                marketing(NODE_B, ConsentChannel.SMS, ConsentStatus.DENIED, at)), ConsentChannel.SMS, Optional.empty())
                .allowed()).isFalse();
    }

    @Test
    void aChannelsOwnRecordBeatsAnyButANewerBroaderWithdrawalOverridesANarrowerGrant() {
        ConsentRecord anyGranted = marketing(NODE_A, ConsentChannel.ANY, ConsentStatus.GRANTED, "2026-11-01T10:00:00Z");
        ConsentRecord smsDenied = marketing(NODE_A, ConsentChannel.SMS, ConsentStatus.DENIED, "2026-10-01T10:00:00Z");
        assertThat(decide(List.of(anyGranted, smsDenied), ConsentChannel.SMS, Optional.empty()).allowed()).isFalse();
        assertThat(decide(List.of(anyGranted, smsDenied), ConsentChannel.EMAIL, Optional.empty()).allowed()).isTrue();

        ConsentRecord emailGranted = marketing(NODE_A, ConsentChannel.EMAIL, ConsentStatus.GRANTED, "2026-11-02T10:00:00Z");
        ConsentRecord allWithdrawn = marketing(NODE_B, ConsentChannel.ANY, ConsentStatus.WITHDRAWN, "2026-11-03T10:00:00Z");
        ConsentDecision decision = decide(List.of(emailGranted, allWithdrawn), ConsentChannel.EMAIL, Optional.empty());
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).endsWith("which overrides the narrower grant of 2026-11-02");
    }

    @Test
    void anIdentifierScopedUnsubscribeAppliesToThatIdentifierOnly() {
        ConsentRecord personGranted = marketing(NODE_A, ConsentChannel.EMAIL, ConsentStatus.GRANTED, "2026-11-01T10:00:00Z");
        ConsentRecord aliceUnsubscribed = record(NODE_A, Purpose.MARKETING, ConsentChannel.EMAIL, Optional.of(ALICE),
                ConsentStatus.WITHDRAWN, "2026-11-05T10:00:00Z", Optional.empty());

        ConsentDecision forAlice = decide(List.of(personGranted, aliceUnsubscribed), ConsentChannel.EMAIL, Optional.of(ALICE));
        assertThat(forAlice.allowed()).isFalse();
        assertThat(forAlice.reason()).contains("for email alice@example.com");
        Identifier other = new Identifier(IdentifierKind.EMAIL, "", "a.work@example.com");
        assertThat(decide(List.of(personGranted, aliceUnsubscribed), ConsentChannel.EMAIL, Optional.of(other)).allowed())
                .isTrue();
    }

    @Test
    void anExpiredGrantDeniesAndSaysWhenItExpired() {
        ConsentDecision decision = decide(List.of(record(NODE_A, Purpose.MARKETING, ConsentChannel.EMAIL, Optional.empty(),
                ConsentStatus.GRANTED, "2026-01-01T00:00:00Z", Optional.of(Instant.parse("2026-06-30T00:00:00Z")))),
                ConsentChannel.EMAIL, Optional.empty());

        assertThat(decision.basis()).isEqualTo(ConsentDecision.Basis.EXPIRED);
        assertThat(decision.reason()).isEqualTo("denied: granted by customer on 2026-01-01 via app (email), expired on 2026-06-30");
    }

    @Test
    void withNothingRecordedTheTenantsDefaultDecidesAndSaysSo() {
        ConsentQuestion question = new ConsentQuestion(Purpose.ANALYTICS, ConsentChannel.ANY, Optional.empty());

        assertThat(rules.decide(List.of(), question, false, NOW).reason())
                .isEqualTo("denied: no consent recorded for analytics; the tenant's default for analytics is deny");
        assertThat(rules.decide(List.of(), question, true, NOW).allowed()).isTrue();
        assertThat(rules.decide(List.of(), question, true, NOW).basis()).isEqualTo(ConsentDecision.Basis.DEFAULT);
    }

    @Test
    void currentAnswersPoolTheNodesAndKeepTheNewestPerPurposeChannelAndScope() {
        ConsentRecord older = marketing(NODE_A, ConsentChannel.EMAIL, ConsentStatus.GRANTED, "2026-11-01T10:00:00Z");
        ConsentRecord newer = marketing(NODE_B, ConsentChannel.EMAIL, ConsentStatus.WITHDRAWN, "2026-11-02T10:00:00Z");
        ConsentRecord sms = marketing(NODE_A, ConsentChannel.SMS, ConsentStatus.GRANTED, "2026-10-01T10:00:00Z");

        assertThat(rules.current(List.of(older, newer, sms))).containsExactly(newer, sms);
    }
}
