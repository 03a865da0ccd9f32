package io.tellonce.profile.support;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Calls any tellonce RPC with raw request bytes: for tests that must cover every RPC the service
 * serves, including ones added after the test was written (authentication, roles, tenants, fuzzing).
 */
public final class AnyRpc {
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /** One served RPC: its name, streaming type and protobuf description (for building requests). */
    public record Rpc(String fullName, MethodDescriptor.MethodType type, Descriptors.MethodDescriptor proto) {
        @Override
        public String toString() {
            return fullName;
        }
    }

    /** What came back: the status code, its description, and the response messages. */
    public record Outcome(Status.Code code, String description, List<byte[]> responses) {
        /** Whether any response carries the text (an id, an e-mail address), as protobuf embeds strings verbatim. */
        public boolean mentions(String text) {
            byte[] needle = text.getBytes(StandardCharsets.UTF_8);
            return responses.stream().anyMatch(bytes -> indexOf(bytes, needle) >= 0);
        }

        @Override
        public String toString() {
            return code + (description == null ? "" : ": " + description);
        }
    }

    private AnyRpc() {
    }

    /** Every tellonce RPC among the services, sorted by name. */
    public static List<Rpc> served(List<BindableService> services) {
        List<Rpc> rpcs = new ArrayList<>();
        for (BindableService service : services) {
            for (ServerMethodDefinition<?, ?> method : service.bindService().getMethods()) {
                MethodDescriptor<?, ?> descriptor = method.getMethodDescriptor();
                if (descriptor.getFullMethodName().startsWith("tellonce.")
                        && descriptor.getSchemaDescriptor() instanceof ProtoMethodDescriptorSupplier proto) {
                    rpcs.add(new Rpc(descriptor.getFullMethodName(), descriptor.getType(), proto.getMethodDescriptor()));
                }
            }
        }
        rpcs.sort(Comparator.comparing(Rpc::fullName));
        return rpcs;
    }

    /** Calls with a bearer token (null: none) and optional extra headers; server streams are read to the end. */
    public static Outcome call(Channel channel, Rpc rpc, byte[] request, String token, Metadata extraHeaders) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        if (extraHeaders != null) {
            headers.merge(extraHeaders);
        }
        Channel calling = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(rpc.type()).setFullMethodName(rpc.fullName())
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS);
        List<byte[]> responses = new ArrayList<>();
        try {
            if (rpc.type() == MethodDescriptor.MethodType.UNARY) {
                responses.add(ClientCalls.blockingUnaryCall(calling, method, options, request));
            } else {
                // Streams that watch (WatchCustomerContext) end at the deadline: one message is enough.
                Iterator<byte[]> stream = ClientCalls.blockingServerStreamingCall(calling, method,
                        options.withDeadlineAfter(5, TimeUnit.SECONDS), request);
                while (stream.hasNext()) {
                    responses.add(stream.next());
                }
            }
            return new Outcome(Status.Code.OK, null, responses);
        } catch (StatusRuntimeException e) {
            return new Outcome(e.getStatus().getCode(), e.getStatus().getDescription(), responses);
        }
    }

    /**
     * A request of the RPC's type that names the person in every way the type allows: a lookup by
     * profile id, profile id fields, identifiers and queries with the e-mail address. Enums take their
     * first real value and a few free-text fields a plausible one, so that validation lets the request
     * through to the lookup where it can.
     */
    public static byte[] naming(Rpc rpc, String profileId, String emailAddress) {
        Descriptors.Descriptor type = rpc.proto().getInputType();
        DynamicMessage.Builder request = DynamicMessage.newBuilder(type);
        for (Descriptors.FieldDescriptor field : type.getFields()) {
            switch (field.getJavaType()) {
                case ENUM -> {
                    if (!field.isRepeated() && field.getEnumType().getValues().size() > 1) {
                        request.setField(field, field.getEnumType().getValues().get(1));
                    }
                }
                case STRING -> {
                    String value = switch (field.getName()) {
                        case "profile_id", "profile_ids" -> profileId;
                        case "query", "text" -> emailAddress;
                        case "actor", "reason", "source_system" -> "tenant-isolation-test";
                        case "idempotency_key" -> java.util.UUID.randomUUID().toString();
                        default -> null;
                    };
                    if (value != null && field.isRepeated()) {
                        request.addRepeatedField(field, value).addRepeatedField(field, value);
                    } else if (value != null) {
                        request.setField(field, value);
                    }
                }
                case MESSAGE -> {
                    String name = field.getMessageType().getFullName();
                    if (name.equals("tellonce.v1.ProfileLookup")) {
                        request.setField(field, DynamicMessage.newBuilder(field.getMessageType()).setField(
                                field.getMessageType().findFieldByName("profile_id"), profileId).build());
                    } else if (name.equals("tellonce.v1.Identifier")) {
                        DynamicMessage identifier = DynamicMessage.newBuilder(field.getMessageType())
                                .setField(field.getMessageType().findFieldByName("kind"),
                                        field.getMessageType().findFieldByName("kind").getEnumType()
                                                .findValueByName("IDENTIFIER_KIND_EMAIL"))
                                .setField(field.getMessageType().findFieldByName("value"), emailAddress).build();
                        if (field.isRepeated()) {
                            request.addRepeatedField(field, identifier);
                        } else {
                            request.setField(field, identifier);
                        }
                    }
                }
                default -> {
                }
            }
        }
        return request.build().toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
