package io.tellonce.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.grpc.BindableService;
import io.grpc.Status;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.profile.support.AnyRpc;
import io.tellonce.profile.support.AnyRpc.Outcome;
import io.tellonce.profile.support.AnyRpc.Rpc;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.profile.support.TestTokens;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, part 1: for every RPC and every string, bytes, repeated and map field of its request
 * (enumerated from the descriptors, so a new RPC or field is covered without editing this test), the
 * largest request the server decodes, filled with whitespace, combining marks, empty entries or deeply
 * nested unknown groups, is refused INVALID_ARGUMENT naming the field (RESOURCE_EXHAUSTED above the
 * size limit) and costs at most 100 ms of CPU.
 */
@MicronautTest
class HostileInputTest extends ServiceTest {
    private static final int MAX_REQUEST_BYTES = 1 << 20;
    /** Leaves room below the size limit for the rest of the request (tags, lengths, a nested path). */
    private static final int FILL_BYTES = MAX_REQUEST_BYTES - 1024;
    private static final long MAX_CPU_NANOS = 100_000_000L;
    private static final String WHITESPACE = " \u00a0\u2003\t";
    private static final String COMBINING_MARKS = "a\u0301\u0308\u0323\u0329";
    private static final Set<Status.Code> REFUSED = Set.of(Status.Code.INVALID_ARGUMENT, Status.Code.RESOURCE_EXHAUSTED);

    @Inject
    List<BindableService> services;

    HostileInputTest() {
        super("it_hostile");
    }

    /** One field to fill: its path of fields from the request type down to it. */
    private record Target(List<FieldDescriptor> path) {
        /** The path as the service names it: the one entry of each repeated message on the way is [0]. */
        String name(boolean leafEntry) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < path.size(); i++) {
                FieldDescriptor field = path.get(i);
                boolean indexed = field.isRepeated() && (i < path.size() - 1 || leafEntry);
                parts.add(field.getName() + (indexed ? "[0]" : ""));
            }
            return String.join(".", parts);
        }

        FieldDescriptor leaf() {
            return path.get(path.size() - 1);
        }
    }

    @Test
    void everyFieldOfEveryRpcFilledToTheSizeLimitIsRefusedNamingItWithinAHundredMillisecondsOfCpu() {
        String token = TestTokens.forTenant("hostile");
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Rpc rpc : AnyRpc.served(services)) {
            Descriptor type = rpc.proto().getInputType();
            for (Target target : targets(type, new ArrayList<>())) {
                for (String unit : List.of(WHITESPACE, COMBINING_MARKS)) {
                    Message text = filledText(type, target, unit);
                    if (text != null) {
                        calls++;
                        check(rpc, target.name(true), text.toByteArray(), token, failures);
                    }
                }
                Message entries = filledEntries(type, target);
                if (entries != null) {
                    calls++;
                    check(rpc, target.name(false), entries.toByteArray(), token, failures);
                }
            }
            calls += 2;
            check(rpc, "(unknown groups nested 100,000 deep)", nestedUnknownGroups(), token, failures);
            check(rpc, "(a request over the size limit)", overSizeLimit(), token, failures);
        }

        assertThat(calls).isGreaterThan(300);
        assertThat(failures).isEmpty();
    }

    private void check(Rpc rpc, String field, byte[] request, String token, List<String> failures) {
        // The first call of a kind warms the code path; the CPU of the second is the one that counts.
        AnyRpc.call(service.channel(), rpc, request, token, null);
        long cpuBefore = javaThreadsCpuNanos();
        Outcome outcome = AnyRpc.call(service.channel(), rpc, request, token, null);
        long cpu = javaThreadsCpuNanos() - cpuBefore;
        String where = rpc + " " + field + " (" + request.length + " bytes)";
        if (!REFUSED.contains(outcome.code())) {
            failures.add(where + ": " + outcome);
        } else if (outcome.code() == Status.Code.INVALID_ARGUMENT && !field.startsWith("(")
                && (outcome.description() == null || !outcome.description().startsWith(field))) {
            failures.add(where + ": does not name the field: " + outcome);
        }
        if (cpu > MAX_CPU_NANOS) {
            failures.add(where + ": " + cpu / 1_000_000 + " ms of CPU");
        }
    }

    /** Every field that can carry size, at any depth of the request type (the contract has no recursive types). */
    private static List<Target> targets(Descriptor type, List<FieldDescriptor> above) {
        List<Target> targets = new ArrayList<>();
        for (FieldDescriptor field : type.getFields()) {
            List<FieldDescriptor> path = new ArrayList<>(above);
            path.add(field);
            boolean message = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
            if (field.isRepeated() || !message) {
                if (field.isRepeated() || field.getJavaType() == FieldDescriptor.JavaType.STRING
                        || field.getJavaType() == FieldDescriptor.JavaType.BYTE_STRING) {
                    targets.add(new Target(List.copyOf(path)));
                }
            }
            if (message && !field.isMapField() && path.size() < 8) {
                targets.addAll(targets(field.getMessageType(), path));
            }
        }
        return targets;
    }

    /** Text filling a string or bytes target (one entry of a repeated one) to the size limit; null for others. */
    private static Message filledText(Descriptor type, Target target, String unit) {
        FieldDescriptor leaf = target.leaf();
        if (leaf.isRepeated() && leaf.getJavaType() != FieldDescriptor.JavaType.STRING) {
            return null;
        }
        int unitBytes = unit.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        String text = unit.repeat(FILL_BYTES / unitBytes);
        Object value = switch (leaf.getJavaType()) {
            case STRING -> text;
            case BYTE_STRING -> ByteString.copyFromUtf8(text);
            default -> null;
        };
        return value == null ? null : withLeaf(type, target, builder -> {
            if (leaf.isRepeated()) {
                builder.addRepeatedField(leaf, value);
            } else {
                builder.setField(leaf, value);
            }
        });
    }

    /** A repeated or map target filled with as many of the smallest entries as fit: empty strings and messages, the first enum value, empty map entries. */
    private static Message filledEntries(Descriptor type, Target target) {
        FieldDescriptor leaf = target.leaf();
        if (!leaf.isRepeated()) {
            return null;
        }
        Object entry = switch (leaf.getJavaType()) {
            case STRING -> "";
            case BYTE_STRING -> ByteString.EMPTY;
            case ENUM -> leaf.getEnumType().getValues().get(Math.min(1, leaf.getEnumType().getValues().size() - 1));
            case MESSAGE -> leaf.isMapField() ? mapEntry(leaf) : DynamicMessage.getDefaultInstance(leaf.getMessageType());
            case INT -> 1;
            case LONG -> 1L;
            case BOOLEAN -> true;
            case FLOAT -> 1f;
            case DOUBLE -> 1d;
        };
        return withLeaf(type, target, builder -> {
            for (int i = 0; i < FILL_BYTES / 12; i++) {
                builder.addRepeatedField(leaf, leaf.isMapField() ? mapEntry(leaf, i) : entry);
            }
        });
    }

    private static Message mapEntry(FieldDescriptor map) {
        return mapEntry(map, 0);
    }

    /** Map keys are unique: each entry gets its own short key. */
    private static Message mapEntry(FieldDescriptor map, int i) {
        Descriptor entryType = map.getMessageType();
        DynamicMessage.Builder entry = DynamicMessage.newBuilder(entryType);
        FieldDescriptor key = entryType.findFieldByNumber(1);
        if (key.getJavaType() == FieldDescriptor.JavaType.STRING) {
            entry.setField(key, Integer.toString(i, 36));
        }
        return entry.build();
    }

    /** The request with the target's leaf set by {@code fill} and every message on its path present. */
    private static Message withLeaf(Descriptor type, Target target, java.util.function.Consumer<DynamicMessage.Builder> fill) {
        return build(type, target.path(), 0, fill);
    }

    private static Message build(Descriptor type, List<FieldDescriptor> path, int depth,
                                 java.util.function.Consumer<DynamicMessage.Builder> fill) {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        if (depth == path.size() - 1) {
            fill.accept(builder);
        } else {
            FieldDescriptor field = path.get(depth);
            Message nested = build(field.getMessageType(), path, depth + 1, fill);
            if (field.isRepeated()) {
                builder.addRepeatedField(field, nested);
            } else {
                builder.setField(field, nested);
            }
        }
        return builder.build();
    }

    /** A field number no request uses, opened as a group 100,000 times: protobuf's recursion limit is 100. */
    private static byte[] nestedUnknownGroups() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            for (int i = 0; i < 100_000; i++) {
                out.writeTag(4_000, com.google.protobuf.WireFormat.WIRETYPE_START_GROUP);
            }
            for (int i = 0; i < 100_000; i++) {
                out.writeTag(4_000, com.google.protobuf.WireFormat.WIRETYPE_END_GROUP);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Unknown field 4000 holding 2 MiB of spaces. */
    private static byte[] overSizeLimit() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            out.writeBytes(4_000, ByteString.copyFromUtf8(" ".repeat(2 * MAX_REQUEST_BYTES)));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * CPU of every Java thread of this JVM (the service, its stores' clients and this test's client;
     * not the JIT compiler or the garbage collector, which are not Java threads).
     */
    private static long javaThreadsCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu > 0) {
                total += cpu;
            }
        }
        return total;
    }
}
