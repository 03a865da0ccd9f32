package io.tellonce.profile.history;

/** Where an interaction happened. */
public enum Channel {
    VOICE, CHAT, EMAIL, SMS, WHATSAPP, MESSAGING, WEB, APP, STORE, SOCIAL, BOT;

    /** Chat, bot and messaging: self-service or asynchronous text, from which a call is a switch. */
    public boolean isTextConversation() {
        return switch (this) {
            case CHAT, BOT, WHATSAPP, MESSAGING, SMS -> true;
            default -> false;
        };
    }
}
