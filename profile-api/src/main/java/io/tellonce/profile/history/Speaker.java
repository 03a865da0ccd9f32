package io.tellonce.profile.history;

public enum Speaker {
    UNSPECIFIED, CUSTOMER, AGENT, BOT, SYSTEM
}
