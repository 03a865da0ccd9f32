package io.tellonce.profile.grpc;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.IdempotentWrites;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Runs a write once per idempotency key and replays its first answer to retries (none: runs it). */
@Singleton
final class IdempotentCalls {
    private final IdempotentWrites writes;

    IdempotentCalls(IdempotentWrites writes) {
        this.writes = writes;
    }

    /** @param withoutKey the request with its idempotency key cleared: what a retry must repeat exactly */
    <T extends Message> CompletionStage<T> once(TenantId tenant, String operation, String key, Message withoutKey,
                                                Parser<T> answers, Supplier<CompletionStage<T>> write) {
        if (key.isEmpty()) {
            return write.get();
        }
        return writes.once(tenant, operation, key, fingerprint(withoutKey),
                        () -> write.get().thenApply(answer -> new IdempotentWrites.Answer(answer.toByteArray(),
                                AnswerSubjects.of(answer))))
                .thenApply(stored -> parse(answers, stored, operation));
    }

    /** A digest of the message, serialised deterministically (map order fixed). */
    static byte[] fingerprint(Message message) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.useDeterministicSerialization();
            message.writeTo(out);
            out.flush();
            return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T extends Message> T parse(Parser<T> answers, byte[] stored, String operation) {
        try {
            return answers.parseFrom(stored);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a remembered " + operation + " answer does not parse", e);
        }
    }
}
