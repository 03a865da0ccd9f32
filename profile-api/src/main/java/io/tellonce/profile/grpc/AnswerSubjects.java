package io.tellonce.profile.grpc;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.tellonce.identity.ProfileId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The profiles an answer names: every {@code profile_id} and {@code *_profile_ids} field at any depth.
 * Answers of writes quote the person's identifiers and explanations, so the idempotency ledger files
 * them under these ids for erasure to find (ADR 14); naming by field keeps every write covered
 * without each endpoint having to list its subjects.
 */
final class AnswerSubjects {
    private AnswerSubjects() {
    }

    static List<ProfileId> of(Message answer) {
        List<ProfileId> found = new ArrayList<>();
        collect(answer, found);
        return found.stream().distinct().toList();
    }

    private static void collect(Message message, List<ProfileId> found) {
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            FieldDescriptor descriptor = field.getKey();
            if (descriptor.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                if (descriptor.isRepeated()) {
                    ((List<?>) field.getValue()).forEach(item -> collect((Message) item, found));
                } else {
                    collect((Message) field.getValue(), found);
                }
            } else if (descriptor.getJavaType() == FieldDescriptor.JavaType.STRING && names(descriptor)) {
                if (descriptor.isRepeated()) {
                    ((List<?>) field.getValue()).forEach(id -> add((String) id, found));
                } else {
                    add((String) field.getValue(), found);
                }
            }
        }
    }

    private static boolean names(FieldDescriptor field) {
        return field.getName().equals("profile_id") || field.getName().endsWith("profile_ids")
                || field.getName().equals("node_id");
    }

    private static void add(String id, List<ProfileId> found) {
        try {
            found.add(ProfileId.parse(id));
        } catch (IllegalArgumentException e) {
            // Not an id (an empty field): nothing to file under.
        }
    }
}
