package io.tellonce.profile.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.proto.v1.BoundsProto;
import io.tellonce.proto.v1.FieldBounds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The size bounds the contract declares on every request field ({@code tellonce.v1.bounds}, with the
 * defaults bounds.proto states for a field without the option), checked on the decoded message
 * before any endpoint trims, normalises, parses or matches a pattern over it. The check reads only
 * lengths and counts, so its cost is linear in the number of fields whatever the text holds, and it
 * stops descending into a list that is already too long.
 */
final class RequestBounds {
    static final int DEFAULT_MAX_LENGTH = 256;
    static final int DEFAULT_MAX_ITEMS = 20;
    static final int DEFAULT_MAX_KEY_LENGTH = 128;

    private record Bounded(FieldDescriptor field, int maxLength, int maxItems, int maxKeyLength) {
    }

    /** Each message type's fields with their bounds, worked out once per type. */
    private final Map<Descriptor, List<Bounded>> plans = new ConcurrentHashMap<>();

    /** Every field of the request that exceeds its bounds, by its path as the caller wrote it. */
    List<FieldViolation> violations(Message request) {
        List<FieldViolation> problems = new ArrayList<>();
        check(request, "", problems);
        return problems;
    }

    private void check(Message message, String prefix, List<FieldViolation> problems) {
        for (Bounded bounded : plans.computeIfAbsent(message.getDescriptorForType(), RequestBounds::plan)) {
            FieldDescriptor field = bounded.field();
            String path = prefix + field.getName();
            if (field.isRepeated()) {
                int count = message.getRepeatedFieldCount(field);
                if (count > bounded.maxItems()) {
                    problems.add(new FieldViolation(path, "must have at most " + bounded.maxItems() + " entries"));
                    continue;
                }
                for (int i = 0; i < count; i++) {
                    Object element = message.getRepeatedField(field, i);
                    if (field.isMapField()) {
                        entry((Message) element, path, bounded, problems);
                    } else {
                        value(element, path + "[" + i + "]", bounded.maxLength(), problems);
                    }
                }
            } else if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || message.hasField(field)) {
                value(message.getField(field), path, bounded.maxLength(), problems);
            }
        }
    }

    private void entry(Message entry, String path, Bounded bounded, List<FieldViolation> problems) {
        FieldDescriptor keyField = entry.getDescriptorForType().findFieldByNumber(1);
        Object key = entry.getField(keyField);
        if (key instanceof String text && text.length() > bounded.maxKeyLength()) {
            problems.add(new FieldViolation(path, "keys must be at most " + bounded.maxKeyLength() + " characters"));
            return;
        }
        value(entry.getField(entry.getDescriptorForType().findFieldByNumber(2)), path + "[" + key + "]",
                bounded.maxLength(), problems);
    }

    private void value(Object value, String path, int maxLength, List<FieldViolation> problems) {
        if (value instanceof String text && text.length() > maxLength) {
            problems.add(new FieldViolation(path, "must be at most " + maxLength + " characters"));
        } else if (value instanceof ByteString bytes && bytes.size() > maxLength) {
            problems.add(new FieldViolation(path, "must be at most " + maxLength + " bytes"));
        } else if (value instanceof Message nested) {
            check(nested, path + ".", problems);
        }
    }

    /** The fields that can carry size: strings, bytes, messages, and every repeated or map field. */
    private static List<Bounded> plan(Descriptor type) {
        List<Bounded> plan = new ArrayList<>();
        for (FieldDescriptor field : type.getFields()) {
            FieldDescriptor.JavaType javaType = field.getJavaType();
            boolean sized = javaType == FieldDescriptor.JavaType.STRING || javaType == FieldDescriptor.JavaType.BYTE_STRING
                    || javaType == FieldDescriptor.JavaType.MESSAGE;
            if (!sized && !field.isRepeated()) {
                continue;
            }
            FieldBounds declared = field.getOptions().getExtension(BoundsProto.bounds);
            plan.add(new Bounded(field,
                    declared.getMaxLength() > 0 ? declared.getMaxLength() : DEFAULT_MAX_LENGTH,
                    declared.getMaxItems() > 0 ? declared.getMaxItems() : DEFAULT_MAX_ITEMS,
                    declared.getMaxKeyLength() > 0 ? declared.getMaxKeyLength() : DEFAULT_MAX_KEY_LENGTH));
        }
        return List.copyOf(plan);
    }
}
