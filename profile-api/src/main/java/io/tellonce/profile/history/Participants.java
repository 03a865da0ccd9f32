package io.tellonce.profile.history;

/** Who took part besides the customer; empty strings when unknown. */
public record Participants(String agentId, String botId, String queue) {
    public static final Participants NONE = new Participants("", "", "");

    public boolean hasAgent() {
        return !agentId.isEmpty();
    }
}
