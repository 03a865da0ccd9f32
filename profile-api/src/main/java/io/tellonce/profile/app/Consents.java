package io.tellonce.profile.app;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.consent.ConsentRecord;
import io.tellonce.profile.consent.ConsentRules;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Records answers in the ledger and reads a profile's answers, across its nodes. */
@Singleton
public final class Consents {
    private final PersonLookups lookups;
    private final ProfileQueries profiles;
    private final ProfileMembers members;
    private final ConsentLedger ledger;
    private final ConsentRules rules;
    private final AuditTrail audit;
    private final Clock clock;
    private final Erasures erasures;

    public Consents(PersonLookups lookups, ProfileQueries profiles, ProfileMembers members, ConsentLedger ledger,
                    ConsentRules rules, AuditTrail audit, Clock clock, Erasures erasures) {
        this.erasures = erasures;
        this.lookups = lookups;
        this.profiles = profiles;
        this.members = members;
        this.ledger = ledger;
        this.rules = rules;
        this.audit = audit;
        this.clock = clock;
    }

    public record Recorded(ProfileId profile, ConsentRecord record) {
    }

    /**
     * Appends the answer against the node the lookup names, or, when scoped to an identifier, against
     * the node that owns the identifier (it must belong to the same profile), with its audit entry in
     * the same logged batch.
     */
    public CompletionStage<Recorded> set(Caller caller, String rpc, ConsentChange change) {
        TenantId tenant = caller.tenant();
        return lookups.node(tenant, change.person()).thenCompose(node -> members.of(tenant, node)
                .thenCompose(found -> {
                    ProfileMembers.Members profile = found.orElseThrow(() -> new ProfileNotFound(change.person().toString()));
                    return target(tenant, change, node, profile).thenCompose(target -> {
                        ConsentRecord record = new ConsentRecord(change.recordId(), target, change.purpose(),
                                change.channel(), change.scope(), change.status(), change.legalBasis(),
                                change.sourceSystem(), change.actor(), change.capturedAt(), change.expiresAt(),
                                change.policyVersion(), change.evidence(), clock.instant());
                        AuditEntry entry = audit.entry(caller, target, AuditEntry.Action.CHANGE, rpc,
                                Optional.of(change.purpose()), List.of(profile.profile()), change.status().storageName()
                                        + " " + change.purpose().words() + " on channel " + change.channel().storageName()
                                        + change.scope().map(scope -> " for " + scope).orElse("")
                                        + " (record " + record.recordId() + ")");
                        return ledger.append(tenant, record, entry)
                                .thenCompose(done -> erasures.refuseIfErased(tenant, target,
                                        () -> CompletableFuture.completedFuture(null)))
                                .thenApply(done -> new Recorded(profile.profile(), record));
                    });
                }));
    }

    private CompletionStage<ProfileId> target(TenantId tenant, ConsentChange change, ProfileId node,
                                              ProfileMembers.Members profile) {
        if (change.scope().isEmpty()) {
            return CompletableFuture.completedFuture(node);
        }
        InvalidRequest notHers = new InvalidRequest("identifier", "does not belong to the profile named by lookup");
        return profiles.ownerOf(tenant, change.scope().get())
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof java.util.concurrent.CompletionException
                            && failure.getCause() != null ? failure.getCause() : failure;
                    throw cause instanceof ProfileNotFound ? notHers : new java.util.concurrent.CompletionException(cause);
                })
                .thenApply(owner -> {
                    if (!profile.nodes().contains(owner)) {
                        throw notHers;
                    }
                    return owner;
                });
    }

    public record Current(ProfileMembers.Members profile, List<ConsentRecord> records) {
    }

    /** The answer that counts per purpose x channel x scope, pooled over the profile's nodes. */
    public CompletionStage<Current> current(TenantId tenant, ProfileId node) {
        return profile(tenant, node).thenCompose(profile -> current(tenant, profile));
    }

    /** The current consent of a profile whose nodes the caller has just looked up. */
    public CompletionStage<Current> current(TenantId tenant, ProfileMembers.Members profile) {
        return ledger.current(tenant, profile.nodes()).thenApply(records -> new Current(profile, rules.current(records)));
    }

    public record History(ProfileMembers.Members profile, ConsentLedger.Page page) {
    }

    public CompletionStage<History> history(TenantId tenant, ProfileId node, int pageSize, Optional<String> pageToken) {
        return profile(tenant, node).thenCompose(profile -> ledger.history(tenant, profile.nodes(), pageSize, pageToken)
                .thenApply(page -> new History(profile, page)));
    }

    private CompletionStage<ProfileMembers.Members> profile(TenantId tenant, ProfileId node) {
        return members.of(tenant, node)
                .thenApply(found -> found.orElseThrow(() -> new ProfileNotFound("profile id " + node)));
    }
}
