package io.tellonce.profile.history;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Which part of a timeline to read, newest first.
 *
 * @param from  inclusive lower bound of occurred-at
 * @param until exclusive upper bound of occurred-at
 * @param after only what comes after this position in newest-first order (the previous page's last)
 */
public record HistoryWindow(Optional<Instant> from, Optional<Instant> until, Optional<Position> after) {
    public static final HistoryWindow EVERYTHING = new HistoryWindow(Optional.empty(), Optional.empty(), Optional.empty());

    /** A place in the newest-first order. */
    public record Position(Instant at, UUID id) {
    }

    /** The latest occurred-at that can be in the window (storage keeps milliseconds). */
    public Optional<Instant> latest() {
        Optional<Instant> beforeUntil = until.map(t -> t.minusMillis(1));
        Optional<Instant> atCursor = after.map(Position::at);
        if (beforeUntil.isPresent() && atCursor.isPresent()) {
            return Optional.of(beforeUntil.get().isBefore(atCursor.get()) ? beforeUntil.get() : atCursor.get());
        }
        return beforeUntil.isPresent() ? beforeUntil : atCursor;
    }

    public boolean admits(Interaction interaction) {
        return from.map(f -> !interaction.occurredAt().isBefore(f)).orElse(true)
                && until.map(u -> interaction.occurredAt().isBefore(u)).orElse(true)
                && after.map(p -> interaction.olderThan(p.at(), p.id())).orElse(true);
    }
}
