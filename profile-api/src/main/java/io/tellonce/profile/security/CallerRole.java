package io.tellonce.profile.security;

import java.util.Arrays;
import java.util.Optional;

/** What a caller is allowed to do, as named in its access token's roles claim (ADR 17). */
public enum CallerRole {
    /** Contact-centre agents: context, history, cases, search, recording interactions. */
    AGENT("agent"),
    /** Chatbots and voice bots: open cases and recent topics; identifiers masked, no address or birth date. */
    BOT("bot"),
    /** Personalisation engines: consent checks and consented attributes only. */
    PERSONALISATION("personalisation"),
    /** Channel systems that feed tellonce: resolve, record interactions and consent. */
    INGEST("ingest"),
    /** The privacy team: export, erasure, the audit log and the consent ledger. */
    PRIVACY_OFFICER("privacy-officer"),
    /** Operators of identity and search: merges, splits, review items, reindexing. */
    ADMIN("admin");

    private final String claimValue;

    CallerRole(String claimValue) {
        this.claimValue = claimValue;
    }

    public String claimValue() {
        return claimValue;
    }

    public static Optional<CallerRole> fromClaim(String value) {
        return Arrays.stream(values()).filter(role -> role.claimValue.equals(value)).findFirst();
    }
}
