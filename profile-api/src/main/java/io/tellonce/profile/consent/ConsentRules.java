package io.tellonce.profile.consent;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides consent questions from the records of all the nodes of one profile. Pure: no storage, no
 * clock of its own.
 *
 * <p>The rule (ADR 10):
 * <ol>
 * <li>The records that answer a question are, most specific first: the identifier's own records for
 * the channel, the identifier's own for ANY, the person's for the channel, the person's for ANY.</li>
 * <li>Within one of these levels, records from every node are pooled and the newest captured answer
 * counts; on a tie a refusal wins. So a merge never lets an older grant on one side override a newer
 * denial or withdrawal on the other, while a grant captured after the withdrawal does count.</li>
 * <li>The most specific level that has a record decides, except that a grant there is overruled by a
 * refusal at a broader level captured at the same time or after it ("stop all marketing" after
 * "e-mail me").</li>
 * <li>A deciding grant that has expired denies; an older or broader grant does not stand in for it.</li>
 * <li>No record at any level: the tenant's default for the purpose.</li>
 * </ol>
 */
public final class ConsentRules {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    /** Newest captured first; a refusal before a grant captured at the same moment; then stable. */
    static final Comparator<ConsentRecord> NEWEST_FIRST = Comparator
            .comparing(ConsentRecord::capturedAt).reversed()
            .thenComparing(record -> !record.status().refuses())
            .thenComparing(Comparator.comparing(ConsentRecord::recordedAt).reversed())
            .thenComparing(ConsentRecord::recordId);

    public ConsentDecision decide(Collection<ConsentRecord> records, ConsentQuestion question, boolean allowedByDefault,
                                  Instant now) {
        Map<ConsentRecord.ConsentKey, ConsentRecord> current = currentByKey(records);
        List<ConsentRecord.ConsentKey> levels = question.levels();
        for (int level = 0; level < levels.size(); level++) {
            ConsentRecord deciding = current.get(levels.get(level));
            if (deciding == null) {
                continue;
            }
            if (deciding.status().refuses()) {
                return refused(deciding, "");
            }
            Optional<ConsentRecord> laterRefusal = levels.subList(level + 1, levels.size()).stream()
                    .map(current::get)
                    .filter(broader -> broader != null && broader.status().refuses()
                            && !broader.capturedAt().isBefore(deciding.capturedAt()))
                    .min(NEWEST_FIRST);
            if (laterRefusal.isPresent()) {
                return refused(laterRefusal.get(), ", which overrides the narrower grant of "
                        + DAY.format(deciding.capturedAt()));
            }
            if (deciding.expiredAt(now)) {
                return new ConsentDecision(false, ConsentDecision.Basis.EXPIRED, "denied: granted by "
                        + deciding.actor() + " on " + DAY.format(deciding.capturedAt()) + " via "
                        + deciding.sourceSystem() + subjectSuffix(deciding) + ", expired on "
                        + DAY.format(deciding.expiresAt().orElseThrow()), Optional.of(deciding));
            }
            return new ConsentDecision(true, ConsentDecision.Basis.GRANTED, "allowed: granted by " + deciding.actor()
                    + " on " + DAY.format(deciding.capturedAt()) + " via " + deciding.sourceSystem()
                    + subjectSuffix(deciding) + deciding.expiresAt().map(expiry -> ", until " + DAY.format(expiry))
                    .orElse(""), Optional.of(deciding));
        }
        return byDefault(question, allowedByDefault, ConsentDecision.Basis.DEFAULT,
                "no consent recorded for " + question.purpose().words() + channelWords(question.channel()));
    }

    /** When nobody answers the lookup: nothing is recorded, so the default applies. */
    public ConsentDecision noProfile(ConsentQuestion question, boolean allowedByDefault, String lookup) {
        return byDefault(question, allowedByDefault, ConsentDecision.Basis.NO_PROFILE, "no profile for " + lookup);
    }

    /** The answer that counts for each purpose x channel x scope, pooled over the nodes. */
    public List<ConsentRecord> current(Collection<ConsentRecord> records) {
        return currentByKey(records).values().stream()
                .sorted(Comparator.comparing((ConsentRecord record) -> record.purpose().storageName())
                        .thenComparing(ConsentRecord::channel)
                        .thenComparing(record -> record.scope().map(Object::toString).orElse("")))
                .toList();
    }

    private static Map<ConsentRecord.ConsentKey, ConsentRecord> currentByKey(Collection<ConsentRecord> records) {
        Map<ConsentRecord.ConsentKey, ConsentRecord> current = new HashMap<>();
        for (ConsentRecord record : records) {
            current.merge(record.key(), record, (a, b) -> NEWEST_FIRST.compare(a, b) <= 0 ? a : b);
        }
        return current;
    }

    private static ConsentDecision refused(ConsentRecord record, String after) {
        return new ConsentDecision(false, ConsentDecision.Basis.REFUSED, "denied: " + record.status().storageName()
                + " by " + record.actor() + " on " + DAY.format(record.capturedAt()) + " via " + record.sourceSystem()
                + subjectSuffix(record) + after, Optional.of(record));
    }

    private static ConsentDecision byDefault(ConsentQuestion question, boolean allowed, ConsentDecision.Basis basis,
                                             String why) {
        return new ConsentDecision(allowed, basis, (allowed ? "allowed: " : "denied: ") + why
                + "; the tenant's default for " + question.purpose().words() + " is " + (allowed ? "allow" : "deny"),
                Optional.empty());
    }

    private static String subjectSuffix(ConsentRecord record) {
        String channel = channelWords(record.channel());
        return record.scope().map(scope -> channel + " for " + scope).orElse(channel);
    }

    private static String channelWords(ConsentChannel channel) {
        return channel == ConsentChannel.ANY ? "" : " (" + channel.storageName() + ")";
    }
}
