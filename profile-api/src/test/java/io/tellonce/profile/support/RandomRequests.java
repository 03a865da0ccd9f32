package io.tellonce.profile.support;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import java.util.List;
import java.util.Random;

/**
 * Random requests of any message type, biased towards what breaks services: empty and huge strings,
 * control characters and lone surrogates, query syntax, unknown enum numbers, negative and extreme
 * numbers, out-of-range timestamps, long repeated fields, and plausible identifiers beside them so
 * that a request refused for one field would otherwise have written something.
 */
public final class RandomRequests {
    private static final int MAX_DEPTH = 4;
    private final Random random;

    public RandomRequests(long seed) {
        this.random = new Random(seed);
    }

    public byte[] of(Descriptor type) {
        return message(type, 0).toByteArray();
    }

    /**
     * A valid request with one field, at any depth, given a random value of its type, a second entry,
     * or cleared: requests that get past validation far more often than random ones.
     */
    public byte[] mutated(Descriptor type, byte[] valid) {
        try {
            return mutate(DynamicMessage.parseFrom(type, valid), 1).toByteArray();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a " + type.getFullName(), e);
        }
    }

    private DynamicMessage mutate(DynamicMessage message, int depth) {
        List<FieldDescriptor> fields = message.getDescriptorForType().getFields();
        FieldDescriptor field = fields.get(random.nextInt(fields.size()));
        DynamicMessage.Builder builder = message.toBuilder();
        boolean nested = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()
                && message.hasField(field) && random.nextBoolean();
        if (nested) {
            builder.setField(field, mutate((DynamicMessage) message.getField(field), depth + 1));
        } else if (random.nextInt(4) == 0) {
            builder.clearField(field);
        } else if (field.isRepeated()) {
            builder.addRepeatedField(field, value(field, depth));
        } else {
            builder.setField(field, value(field, depth));
        }
        return builder.build();
    }

    /** Bytes that are mostly not a protobuf message at all. */
    public byte[] garbage() {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        return bytes;
    }

    private DynamicMessage message(Descriptor type, int depth) {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        for (FieldDescriptor field : type.getFields()) {
            if (random.nextInt(3) == 0 || (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && depth >= MAX_DEPTH)) {
                continue;
            }
            if (field.isRepeated()) {
                int count = random.nextInt(10) == 0 ? 1 + random.nextInt(1_200) : random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    builder.addRepeatedField(field, value(field, depth));
                }
            } else if (field.getContainingOneof() == null || random.nextBoolean()) {
                builder.setField(field, value(field, depth));
            }
        }
        return builder.build();
    }

    private Object value(FieldDescriptor field, int depth) {
        return switch (field.getJavaType()) {
            case STRING -> text();
            case INT -> pick(List.of(0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, random.nextInt(2_000)));
            case LONG -> pick(List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 253_402_300_800L, random.nextLong(4_000_000_000L)));
            case FLOAT -> pick(List.of(0f, -1f, Float.NaN, Float.MAX_VALUE, random.nextFloat() * 20));
            case DOUBLE -> pick(List.of(0d, -1d, Double.NaN, Double.POSITIVE_INFINITY, random.nextDouble() * 20));
            case BOOLEAN -> random.nextBoolean();
            case BYTE_STRING -> com.google.protobuf.ByteString.copyFrom(garbage());
            case ENUM -> random.nextInt(5) == 0
                    ? field.getEnumType().findValueByNumberCreatingIfUnknown(random.nextInt(1_000) - 10)
                    : pick(field.getEnumType().getValues());
            case MESSAGE -> message(field.getMessageType(), depth + 1);
        };
    }

    private String text() {
        return switch (random.nextInt(14)) {
            case 0 -> "";
            case 1 -> "x".repeat(1 + random.nextInt(300_000));
            case 2 -> "\u0000\u0007\n\t\r";
            case 3 -> "\uD800 lone surrogate";
            case 4 -> "*:* OR 1=1; DROP TABLE profile; {\"query\":{\"match_all\":{}}}";
            case 5 -> "fuzz-" + Long.toHexString(random.nextLong()) + "@example.com";
            case 6 -> "+4477009" + String.format("%05d", random.nextInt(100_000));
            case 7 -> java.util.UUID.randomUUID().toString();
            case 8 -> "../../etc/passwd";
            case 9 -> "Zoë Ångström-Ñúñez 李小龍 🙂";
            case 10 -> "billing.refund";
            case 11 -> "2026-11-23T09:12:00Z";
            case 12 -> "   ";
            default -> Long.toString(random.nextLong());
        };
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
