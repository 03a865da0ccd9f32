package io.tellonce.profile;

import static io.tellonce.profile.support.Requests.email;
import static io.tellonce.profile.support.Requests.profileByIdentifier;
import static io.tellonce.profile.support.Requests.seen;
import static io.tellonce.profile.support.Requests.uniqueEmail;
import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.PersonAttributes;
import io.tellonce.proto.v1.ProfileServiceGrpc;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configured survivorship: the CRM's given name wins however old; everything else, the latest value. */
@MicronautTest
class SurvivorshipRulesTest extends ServiceTest {
    SurvivorshipRulesTest() {
        super("it_survivorship");
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tellonce.identity.survivorship.source-priority", "crm");
        properties.put("tellonce.identity.survivorship.by-source", "given_name");
        return properties;
    }

    @Test
    void aTrustedSourceKeepsItsAttributesWhileOthersFollowTheLatestObservation() {
        Identifier address = email(uniqueEmail("robert"));
        var identity = asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), "acme");
        identity.resolve(seen("crm", address).toBuilder().setObservedAt(at("2025-01-01T00:00:00Z"))
                .setAttributes(PersonAttributes.newBuilder().setGivenName("Robert").setFamilyName("Smith")).build());
        identity.resolve(seen("web", address).toBuilder().setObservedAt(at("2026-11-01T00:00:00Z"))
                .setAttributes(PersonAttributes.newBuilder().setGivenName("Bob").setFamilyName("Smith-Jones")).build());

        PersonAttributes attributes = asTenant(ProfileServiceGrpc.newBlockingStub(service.channel()), "acme")
                .getProfile(profileByIdentifier(address)).getProfile().getAttributes();

        assertThat(attributes.getGivenName()).isEqualTo("Robert");
        assertThat(attributes.getFamilyName()).isEqualTo("Smith-Jones");
    }

    private static Timestamp at(String instant) {
        return Timestamp.newBuilder().setSeconds(Instant.parse(instant).getEpochSecond()).build();
    }
}
