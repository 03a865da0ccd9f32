package io.tellonce.profile.grpc;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Instants as protobuf Timestamps. */
final class WireTime {
    private WireTime() {
    }

    static Timestamp of(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
