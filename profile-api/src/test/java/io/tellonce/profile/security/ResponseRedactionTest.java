package io.tellonce.profile.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.type.Date;
import io.tellonce.identity.TenantId;
import io.tellonce.proto.v1.Channel;
import io.tellonce.proto.v1.GetCustomerContextResponse;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentifierKind;
import io.tellonce.proto.v1.Interaction;
import io.tellonce.proto.v1.PersonAttributes;
import io.tellonce.proto.v1.PostalAddress;
import io.tellonce.proto.v1.Profile;
import io.tellonce.proto.v1.ProfileIdentifier;
import io.tellonce.proto.v1.TranscriptMessage;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResponseRedactionTest {
    private final ResponseRedaction redaction = new ResponseRedaction();

    private static AuthenticatedCaller caller(Optional<String> channel, CallerRole... roles) {
        return new AuthenticatedCaller(new TenantId("acme"), "someone", Set.of(roles), channel);
    }

    private static GetCustomerContextResponse context() {
        return GetCustomerContextResponse.newBuilder()
                .setProfile(Profile.newBuilder().setProfileId("p-1")
                        .addIdentifiers(ProfileIdentifier.newBuilder().setEvidence("seen as ada@example.com")
                                .setIdentifier(Identifier.newBuilder().setKind(IdentifierKind.IDENTIFIER_KIND_EMAIL)
                                        .setValue("ada@example.com")))
                        .addIdentifiers(ProfileIdentifier.newBuilder().setIdentifier(Identifier.newBuilder()
                                .setKind(IdentifierKind.IDENTIFIER_KIND_PHONE).setValue("+447700900123")))
                        .setAttributes(PersonAttributes.newBuilder().setGivenName("Ada")
                                .setDateOfBirth(Date.newBuilder().setYear(1990).setMonth(1).setDay(2))
                                .setAddress(PostalAddress.newBuilder().setLocality("London"))))
                .addRecentInteractions(Interaction.newBuilder().setChannel(Channel.CHANNEL_CHAT).setTopic("billing")
                        .addTranscript(TranscriptMessage.newBuilder().setText("chat words")))
                .addRecentInteractions(Interaction.newBuilder().setChannel(Channel.CHANNEL_VOICE).setTopic("billing")
                        .addTranscript(TranscriptMessage.newBuilder().setText("call words")))
                .build();
    }

    @Test
    void agentsAndCallersWithAnyUnrestrictedRoleSeeEverything() {
        assertThat(redaction.redact(context(), caller(Optional.empty(), CallerRole.AGENT))).isEqualTo(context());
        assertThat(redaction.redact(context(), caller(Optional.empty(), CallerRole.BOT, CallerRole.ADMIN)))
                .isEqualTo(context());
    }

    @Test
    void aBotSeesMaskedIdentifiersNoAddressBirthDateOrEvidenceAndOnlyItsOwnChannelsTranscripts() {
        GetCustomerContextResponse bot = redaction.redact(context(), caller(Optional.of("chat"), CallerRole.BOT));

        assertThat(bot.getProfile().getIdentifiersList()).extracting(id -> id.getIdentifier().getValue())
                .containsExactly("a**@example.com", "*********0123");
        assertThat(bot.getProfile().getIdentifiersList()).allSatisfy(id -> assertThat(id.getEvidence()).isEmpty());
        assertThat(bot.getProfile().getAttributes().getGivenName()).isEqualTo("Ada");
        assertThat(bot.getProfile().getAttributes().hasAddress()).isFalse();
        assertThat(bot.getProfile().getAttributes().hasDateOfBirth()).isFalse();
        assertThat(bot.getRecentInteractions(0).getTranscriptCount()).isOne();
        assertThat(bot.getRecentInteractions(1).getTranscriptCount()).isZero();
        assertThat(bot.getRecentInteractions(1).getTopic()).isEqualTo("billing");
    }

    @Test
    void aBotWithoutAChannelSeesNoTranscriptAtAll() {
        GetCustomerContextResponse bot = redaction.redact(context(), caller(Optional.empty(), CallerRole.BOT));

        assertThat(bot.getRecentInteractionsList()).allSatisfy(i -> assertThat(i.getTranscriptCount()).isZero());
    }

    @Test
    void aPersonalisationEngineSeesNoIdentifiersAtAll() {
        GetCustomerContextResponse engine = redaction.redact(context(), caller(Optional.empty(), CallerRole.PERSONALISATION));

        assertThat(engine.getProfile().getIdentifiersList()).isEmpty();
        assertThat(engine.toString()).doesNotContain("ada@example.com").doesNotContain("London");
        assertThat(engine.getRecentInteractionsList()).allSatisfy(i -> assertThat(i.getTranscriptCount()).isZero());
    }

    @Test
    void masksKeepOnlyWhatConfirmsTheValue() {
        assertThat(IdentifierMask.mask("jo@example.com")).isEqualTo("j*@example.com");
        assertThat(IdentifierMask.mask("+447700900123")).isEqualTo("*********0123");
        assertThat(IdentifierMask.mask("ab12")).isEqualTo("***2");
        assertThat(IdentifierMask.mask("")).isEmpty();
    }
}
