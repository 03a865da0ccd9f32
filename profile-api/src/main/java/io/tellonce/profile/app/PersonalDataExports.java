package io.tellonce.profile.app;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.config.AuditSettings;
import io.tellonce.profile.history.Cases;
import io.tellonce.profile.history.HistoryWindow;
import io.tellonce.profile.history.Person;
import io.tellonce.profile.history.PersonHistory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Everything held about a person, across every node of their profile, handed out section by section
 * so that a long history never has to be held in memory whole: the profile, the identity graph (with
 * the merge ledger), interactions, cases, the consent ledger and the audit within its retention.
 */
@Singleton
public final class PersonalDataExports {
    /** Interactions, consent records and audit entries per section. */
    public static final int BATCH = 100;
    /** The audit log is queried in windows of this length (its own limit per query). */
    private static final Duration AUDIT_WINDOW = Duration.ofDays(92);

    private final ProfileMembers members;
    private final ProfileQueries profiles;
    private final ProfileClusters clusters;
    private final PersonHistory history;
    private final Cases cases;
    private final ConsentLedger consents;
    private final AuditLog audit;
    private final AuditSettings auditSettings;
    private final Clock clock;

    public PersonalDataExports(ProfileMembers members, ProfileQueries profiles, ProfileClusters clusters,
                               PersonHistory history, Cases cases, ConsentLedger consents, AuditLog audit,
                               AuditSettings auditSettings, Clock clock) {
        this.members = members;
        this.profiles = profiles;
        this.clusters = clusters;
        this.history = history;
        this.cases = cases;
        this.consents = consents;
        this.audit = audit;
        this.auditSettings = auditSettings;
        this.clock = clock;
    }

    /**
     * @param out receives the sections in order, on whichever thread read them
     * @throws ProfileNotFound (in the stage) when no profile has this node
     */
    public CompletionStage<Void> export(TenantId tenant, ProfileId node, Consumer<ExportSection> out) {
        Instant now = clock.instant();
        Instant auditFrom = now.minus(auditSettings.retention());
        return members.of(tenant, node)
                .thenApply(found -> found.orElseThrow(() -> new ProfileNotFound("profile id " + node)))
                .thenCompose(person -> {
                    out.accept(new ExportSection.Summary(person.profile(), person.nodes(), now, auditFrom));
                    Person historyPerson = new Person(person.profile(), person.nodes());
                    return profiles.byId(tenant, person.profile())
                            .thenAccept(view -> out.accept(new ExportSection.Profile(view)))
                            .thenCompose(done -> clusters.graph(tenant, person.profile()))
                            .thenAccept(graph -> out.accept(new ExportSection.Graph(graph)))
                            .thenCompose(done -> interactions(tenant, historyPerson, HistoryWindow.EVERYTHING, out))
                            .thenCompose(done -> cases.all(tenant, historyPerson))
                            .thenAccept(all -> all.forEach(aCase -> out.accept(
                                    new ExportSection.Case(person.profile(), aCase))))
                            .thenCompose(done -> consentRecords(tenant, person, Optional.empty(), out))
                            .thenCompose(done -> auditEntries(tenant, person, auditFrom, now.plusSeconds(60),
                                    Optional.empty(), out));
                });
    }

    private CompletionStage<Void> interactions(TenantId tenant, Person person, HistoryWindow window,
                                               Consumer<ExportSection> out) {
        return history.page(tenant, person, window, any -> true, BATCH).thenCompose(page -> {
            if (!page.interactions().isEmpty()) {
                out.accept(new ExportSection.Interactions(person.profile(), page.interactions()));
            }
            return page.next().<CompletionStage<Void>>map(next -> interactions(tenant, person,
                            new HistoryWindow(Optional.empty(), Optional.empty(), Optional.of(next)), out))
                    .orElseGet(() -> CompletableFuture.completedFuture(null));
        });
    }

    private CompletionStage<Void> consentRecords(TenantId tenant, ProfileMembers.Members person,
                                                 Optional<String> token, Consumer<ExportSection> out) {
        return consents.history(tenant, person.nodes(), BATCH, token).thenCompose(page -> {
            if (!page.records().isEmpty()) {
                out.accept(new ExportSection.ConsentRecords(page.records()));
            }
            return page.nextPageToken().<CompletionStage<Void>>map(next -> consentRecords(tenant, person,
                    Optional.of(next), out)).orElseGet(() -> CompletableFuture.completedFuture(null));
        });
    }

    /** The audit newest first, window by window back to {@code from}. */
    private CompletionStage<Void> auditEntries(TenantId tenant, ProfileMembers.Members person, Instant from,
                                               Instant to, Optional<String> token, Consumer<ExportSection> out) {
        if (!to.isAfter(from)) {
            return CompletableFuture.completedFuture(null);
        }
        Instant windowStart = to.minus(AUDIT_WINDOW).isBefore(from) ? from : to.minus(AUDIT_WINDOW);
        return audit.query(tenant, person.nodes(), windowStart, to, BATCH, token).thenCompose(page -> {
            if (!page.entries().isEmpty()) {
                out.accept(new ExportSection.AuditEntries(page.entries()));
            }
            return page.nextPageToken().isPresent()
                    ? auditEntries(tenant, person, from, to, page.nextPageToken(), out)
                    : auditEntries(tenant, person, from, windowStart, Optional.empty(), out);
        });
    }
}
