package io.tellonce.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.BindableService;
import io.grpc.Status;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.grpc.PageTokenSeal;
import io.tellonce.profile.security.AuthenticatedCaller;
import io.tellonce.profile.security.CallerRole;
import io.tellonce.profile.support.AnyRpc;
import io.tellonce.profile.support.AnyRpc.Outcome;
import io.tellonce.profile.support.AnyRpc.Rpc;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.profile.support.TestTokens;
import io.tellonce.proto.v1.GetConsentHistoryRequest;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentifierKind;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.ConsentServiceGrpc;
import io.tellonce.proto.v1.ProfileLookup;
import io.tellonce.proto.v1.ResolveRequest;
import io.tellonce.proto.v1.SetConsentRequest;
import io.tellonce.proto.v1.ConsentPurpose;
import io.tellonce.proto.v1.ConsentChannel;
import io.tellonce.proto.v1.ConsentStatus;
import io.tellonce.proto.v1.LegalBasis;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, part 3: every paged RPC (every RPC whose request has a page_token, found in the service
 * descriptors, so a new one is covered without editing this test) accepts only tokens this service
 * issued for the same tenant, caller and query: garbage, truncated, edited, replayed-for-another-query,
 * another RPC's, another caller's and another tenant's tokens are each answered INVALID_ARGUMENT naming
 * page_token. Never INTERNAL, never silently ignored.
 */
@MicronautTest
class PageTokensTest extends ServiceTest {
    private static final String TENANT = "paging";
    private static final String SUBJECT = "paging-test";

    @Inject
    List<BindableService> services;
    @Inject
    PageTokenSeal seal;

    PageTokensTest() {
        super("it_page_tokens");
    }

    @Test
    void everyPagedRpcRefusesEveryTokenItDidNotIssueForThisQueryAndCaller() throws InvalidProtocolBufferException {
        String token = TestTokens.forRoles(TENANT, SUBJECT, TestTokens.ALL_ROLES);
        AuthenticatedCaller caller = new AuthenticatedCaller(new TenantId(TENANT), SUBJECT,
                EnumSet.allOf(CallerRole.class), Optional.empty());
        String profileId = UUID.randomUUID().toString();
        List<Rpc> paged = AnyRpc.served(services).stream()
                .filter(rpc -> rpc.proto().getInputType().findFieldByName("page_token") != null).toList();
        assertThat(paged).extracting(Rpc::fullName).contains("tellonce.v1.IdentityService/ListReviewItems",
                "tellonce.v1.ConsentService/GetConsentHistory", "tellonce.v1.PrivacyService/QueryAudit");
        List<String> wrong = new ArrayList<>();
        for (Rpc rpc : paged) {
            DynamicMessage request = DynamicMessage.parseFrom(rpc.proto().getInputType(),
                    AnyRpc.naming(rpc, profileId, "paging@example.com"));
            String method = rpc.fullName();
            String genuine = seal.issue(method, caller, request, "0");
            Rpc other = paged.get((paged.indexOf(rpc) + 1) % paged.size());
            Map<String, String> tokens = new LinkedHashMap<>();
            tokens.put("AAAA", "AAAA");
            tokens.put("random bytes", Base64.getUrlEncoder().encodeToString(UUID.randomUUID().toString().getBytes()));
            tokens.put("truncated", genuine.substring(0, genuine.length() - 3));
            tokens.put("position edited", edited(genuine));
            tokens.put("seal dropped", genuine.substring(0, genuine.indexOf('.')));
            tokens.put("another query", seal.issue(method, caller, anotherQuery(request), "0"));
            tokens.put("another RPC", seal.issue(other.fullName(), caller, request, "0"));
            tokens.put("another caller", seal.issue(method, new AuthenticatedCaller(caller.tenant(), "someone-else",
                    caller.roles(), Optional.empty()), request, "0"));
            tokens.put("another tenant", seal.issue(method, new AuthenticatedCaller(new TenantId("other-tenant"),
                    SUBJECT, caller.roles(), Optional.empty()), request, "0"));
            for (Map.Entry<String, String> forged : tokens.entrySet()) {
                byte[] sent = request.toBuilder().setField(tokenField(request), forged.getValue()).build().toByteArray();
                Outcome outcome = AnyRpc.call(service.channel(), rpc, sent, token, null);
                if (outcome.code() != Status.Code.INVALID_ARGUMENT || outcome.description() == null
                        || !outcome.description().startsWith("page_token")) {
                    wrong.add(method + " with " + forged.getKey() + " token: " + outcome);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** A token the service issued pages on; the same token with another query is refused. */
    @Test
    void aTokenTheServiceIssuedTurnsThePageAndOnlyForItsOwnQuery() {
        String email = "pages-" + UUID.randomUUID() + "@example.com";
        Identifier identifier = Identifier.newBuilder().setKind(IdentifierKind.IDENTIFIER_KIND_EMAIL).setValue(email).build();
        String profileId = io.tellonce.profile.support.ServiceUnderTest.asCaller(
                IdentityServiceGrpc.newBlockingStub(service.channel()), TENANT, SUBJECT, TestTokens.ALL_ROLES.toArray(String[]::new))
                .resolve(ResolveRequest.newBuilder().addIdentifiers(identifier).build()).getProfileId();
        for (ConsentPurpose purpose : List.of(ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentPurpose.CONSENT_PURPOSE_ANALYTICS,
                ConsentPurpose.CONSENT_PURPOSE_PROFILING)) {
            consent().setConsent(SetConsentRequest.newBuilder()
                    .setLookup(ProfileLookup.newBuilder().setProfileId(profileId)).setPurpose(purpose)
                    .setChannel(ConsentChannel.CONSENT_CHANNEL_ANY).setStatus(ConsentStatus.CONSENT_STATUS_GRANTED)
                    .setLegalBasis(LegalBasis.LEGAL_BASIS_CONSENT).setSourceSystem("web").setActor("test").build());
        }
        GetConsentHistoryRequest first = GetConsentHistoryRequest.newBuilder()
                .setLookup(ProfileLookup.newBuilder().setProfileId(profileId)).setPageSize(2).build();

        var page1 = consent().getConsentHistory(first);
        var page2 = consent().getConsentHistory(first.toBuilder().setPageToken(page1.getNextPageToken()).build());

        assertThat(page1.getRecordsCount() + page2.getRecordsCount()).isEqualTo(3);
        assertThat(page2.getNextPageToken()).isEmpty();
        assertThat(io.tellonce.profile.support.Failures.invalidFields(() -> consent().getConsentHistory(first.toBuilder()
                .setLookup(ProfileLookup.newBuilder().setIdentifier(identifier))
                .setPageToken(page1.getNextPageToken()).build()))).containsExactly("page_token");
    }

    private ConsentServiceGrpc.ConsentServiceBlockingStub consent() {
        return io.tellonce.profile.support.ServiceUnderTest.asCaller(ConsentServiceGrpc.newBlockingStub(service.channel()),
                TENANT, SUBJECT, TestTokens.ALL_ROLES.toArray(String[]::new));
    }

    private static FieldDescriptor tokenField(DynamicMessage request) {
        return request.getDescriptorForType().findFieldByName("page_token");
    }

    /** The same request with one more field changed: another query. */
    private static DynamicMessage anotherQuery(DynamicMessage request) {
        for (FieldDescriptor field : request.getDescriptorForType().getFields()) {
            if (field.getJavaType() == FieldDescriptor.JavaType.BOOLEAN && !field.isRepeated()) {
                return request.toBuilder().setField(field, !(Boolean) request.getField(field)).build();
            }
            if (field.getJavaType() == FieldDescriptor.JavaType.STRING && !field.isRepeated()
                    && !field.getName().equals("page_token")) {
                return request.toBuilder().setField(field, request.getField(field) + "x").build();
            }
        }
        // Unknown fields are part of what the client sent, and so of the query the token is bound to.
        return request.toBuilder().setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
                .addField(4_000, com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build()).build();
    }

    /** The token with one byte of its payload changed and the seal kept. */
    private static String edited(String token) {
        int dot = token.indexOf('.');
        byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
        payload[payload.length - 1] ^= 1;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + token.substring(dot);
    }
}
