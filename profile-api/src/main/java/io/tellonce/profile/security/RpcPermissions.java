package io.tellonce.profile.security;

import static io.tellonce.profile.security.CallerRole.ADMIN;
import static io.tellonce.profile.security.CallerRole.AGENT;
import static io.tellonce.profile.security.CallerRole.BOT;
import static io.tellonce.profile.security.CallerRole.INGEST;
import static io.tellonce.profile.security.CallerRole.PERSONALISATION;
import static io.tellonce.profile.security.CallerRole.PRIVACY_OFFICER;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The roles each tellonce RPC allows: the one table a reviewer reads to know who may do what
 * (README, Security). An RPC missing here is refused to everyone, and the service does not start
 * with one ({@link #requireDeclared}), so a new RPC cannot ship open by accident.
 */
@Singleton
public final class RpcPermissions {
    private final Map<String, Set<CallerRole>> allowed = new TreeMap<>();

    public RpcPermissions() {
        allow("tellonce.v1.IdentityService/Resolve", INGEST, ADMIN);
        allow("tellonce.v1.IdentityService/MergeProfiles", ADMIN);
        allow("tellonce.v1.IdentityService/UnmergeProfile", ADMIN);
        allow("tellonce.v1.IdentityService/GetIdentityGraph", AGENT, ADMIN, PRIVACY_OFFICER);
        allow("tellonce.v1.IdentityService/ListReviewItems", ADMIN);
        allow("tellonce.v1.IdentityService/DecideReviewItem", ADMIN);
        allow("tellonce.v1.IdentityService/MoveIdentifier", ADMIN);

        allow("tellonce.v1.MatchingService/FindMatches", ADMIN);
        allow("tellonce.v1.MatchingService/ScanDuplicates", ADMIN);
        allow("tellonce.v1.MatchingService/EstimateMatchModel", ADMIN);

        allow("tellonce.v1.ProfileService/GetProfile", AGENT, PERSONALISATION, ADMIN, PRIVACY_OFFICER);

        allow("tellonce.v1.HistoryService/RecordInteraction", AGENT, BOT, INGEST);
        allow("tellonce.v1.HistoryService/ListInteractions", AGENT);
        allow("tellonce.v1.HistoryService/OpenCase", AGENT);
        allow("tellonce.v1.HistoryService/UpdateCase", AGENT);
        allow("tellonce.v1.HistoryService/GetCase", AGENT);
        allow("tellonce.v1.HistoryService/ListOpenCases", AGENT, BOT);

        allow("tellonce.v1.ContextService/GetCustomerContext", AGENT, BOT);
        allow("tellonce.v1.ContextService/WatchCustomerContext", AGENT);

        allow("tellonce.v1.ConsentService/SetConsent", AGENT, INGEST, PRIVACY_OFFICER);
        allow("tellonce.v1.ConsentService/GetConsents", AGENT, PERSONALISATION, PRIVACY_OFFICER);
        allow("tellonce.v1.ConsentService/GetConsentHistory", AGENT, PRIVACY_OFFICER);
        allow("tellonce.v1.ConsentService/CheckConsent", AGENT, PERSONALISATION);
        allow("tellonce.v1.ConsentService/BatchCheckConsent", AGENT, PERSONALISATION);

        allow("tellonce.v1.PrivacyService/QueryAudit", PRIVACY_OFFICER);
        allow("tellonce.v1.PrivacyService/ExportPersonalData", PRIVACY_OFFICER);
        allow("tellonce.v1.PrivacyService/ErasePerson", PRIVACY_OFFICER);

        allow("tellonce.v1.SearchService/SearchProfiles", AGENT, ADMIN);
        allow("tellonce.v1.SearchService/SearchInteractions", AGENT);
        allow("tellonce.v1.SearchService/GetIndexStatus", ADMIN);
        allow("tellonce.v1.SearchService/Reindex", ADMIN);
    }

    private void allow(String fullMethodName, CallerRole first, CallerRole... more) {
        allowed.put(fullMethodName, EnumSet.of(first, more));
    }

    /** The roles that may call the method; empty for a method nobody may call. */
    public Set<CallerRole> rolesFor(String fullMethodName) {
        return Optional.ofNullable(allowed.get(fullMethodName)).map(Set::copyOf).orElse(Set.of());
    }

    public boolean allows(String fullMethodName, AuthenticatedCaller caller) {
        return caller.hasAnyOf(rolesFor(fullMethodName));
    }

    /** The declared methods, sorted: for documentation and tests. */
    public Map<String, Set<CallerRole>> table() {
        return Map.copyOf(allowed);
    }

    /** Fails when a served method has no declared roles; the message names every such method. */
    public void requireDeclared(Collection<String> servedMethods) {
        List<String> undeclared = servedMethods.stream().filter(method -> !allowed.containsKey(method)).sorted().toList();
        if (!undeclared.isEmpty()) {
            throw new IllegalStateException("tellonce RPCs without declared roles (add them to RpcPermissions): "
                    + undeclared);
        }
    }
}
