package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Java types of tellonce's collection columns, built once. {@code row.getMap(name, K.class,
 * V.class)} builds its {@link GenericType} on every call, resolving type parameters by reflection:
 * done for every row of every profile read, that was several per cent of the service's CPU.
 */
final class CqlTypes {
    static final GenericType<Map<String, String>> TEXT_TO_TEXT = GenericType.mapOf(String.class, String.class);
    static final GenericType<Map<String, Instant>> TEXT_TO_TIMESTAMP = GenericType.mapOf(String.class, Instant.class);
    static final GenericType<Map<String, Long>> TEXT_TO_BIGINT = GenericType.mapOf(String.class, Long.class);
    static final GenericType<List<UUID>> UUIDS = GenericType.listOf(UUID.class);
    static final GenericType<List<TupleValue>> TUPLES = GenericType.listOf(TupleValue.class);

    private CqlTypes() {
    }
}
