package io.tellonce.profile.history;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One message of a transcript. */
public record TranscriptLine(Speaker speaker, String text, Optional<Instant> sentAt) {
    public TranscriptLine {
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sentAt, "sentAt");
    }
}
