package io.tellonce.profile.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.stub.StreamObserver;
import io.tellonce.identity.IdentityResolver;
import io.tellonce.identity.Observation;
import io.tellonce.identity.Resolution;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.IdempotentWrites;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.ResolveOutcome;
import io.tellonce.proto.v1.ResolveRequest;
import io.tellonce.proto.v1.ResolveResponse;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletionStage;

/** tellonce.v1.IdentityService: maps the wire to the resolver and back. */
@Singleton
final class IdentityEndpoint extends IdentityServiceGrpc.IdentityServiceImplBase {
    private static final String RESOLVE = "Resolve";

    private final CallerTenant tenants;
    private final ResolveRequestReader reader;
    private final IdentifierMessages identifiers;
    private final IdentityResolver resolver;
    private final IdempotentWrites idempotentWrites;
    private final Replies replies;

    IdentityEndpoint(CallerTenant tenants, ResolveRequestReader reader, IdentifierMessages identifiers,
                     IdentityResolver resolver, IdempotentWrites idempotentWrites, Replies replies) {
        this.tenants = tenants;
        this.reader = reader;
        this.identifiers = identifiers;
        this.resolver = resolver;
        this.idempotentWrites = idempotentWrites;
        this.replies = replies;
    }

    @Override
    public void resolve(ResolveRequest request, StreamObserver<ResolveResponse> responses) {
        replies.reply(responses, () -> {
            TenantId tenant = tenants.current();
            Observation observation = reader.read(request);
            if (request.getIdempotencyKey().isEmpty()) {
                return resolve(tenant, observation);
            }
            return idempotentWrites.once(tenant, RESOLVE, request.getIdempotencyKey(), fingerprint(request),
                            () -> resolve(tenant, observation).thenApply(ResolveResponse::toByteArray))
                    .thenApply(IdentityEndpoint::parse);
        });
    }

    private CompletionStage<ResolveResponse> resolve(TenantId tenant, Observation observation) {
        return resolver.resolve(tenant, observation).thenApply(this::response);
    }

    private ResolveResponse response(Resolution resolution) {
        ResolveResponse.Builder response = ResolveResponse.newBuilder()
                .setProfileId(resolution.profileId().toString())
                .setOutcome(switch (resolution.outcome()) {
                    case CREATED -> ResolveOutcome.RESOLVE_OUTCOME_CREATED;
                    case MATCHED -> ResolveOutcome.RESOLVE_OUTCOME_MATCHED;
                })
                .setExplanation(resolution.explanation());
        resolution.identifiers().forEach(id -> response.addIdentifiers(identifiers.write(id)));
        return response.build();
    }

    /** A digest of the request without its key, serialised deterministically (map order fixed). */
    private static byte[] fingerprint(ResolveRequest request) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.useDeterministicSerialization();
            request.toBuilder().clearIdempotencyKey().build().writeTo(out);
            out.flush();
            return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResolveResponse parse(byte[] stored) {
        try {
            return ResolveResponse.parseFrom(ByteString.copyFrom(stored));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a remembered Resolve answer is not a ResolveResponse", e);
        }
    }
}
