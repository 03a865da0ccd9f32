package io.tellonce.profile.grpc;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants as protobuf Timestamps, in the contract's one precision: milliseconds, what Cassandra
 * keeps. An answer computed before a write (OpenCase's create_time) then equals what every later read
 * of the stored row answers (GetCase's), instead of differing in the nanoseconds.
 */
final class WireTime {
    private WireTime() {
    }

    static Timestamp of(Instant instant) {
        Instant stored = instant.truncatedTo(ChronoUnit.MILLIS);
        return Timestamp.newBuilder().setSeconds(stored.getEpochSecond()).setNanos(stored.getNano()).build();
    }
}
