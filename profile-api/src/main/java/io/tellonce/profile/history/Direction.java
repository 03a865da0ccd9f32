package io.tellonce.profile.history;

/** Who reached out: the customer (inbound) or the business (outbound). */
public enum Direction {
    INBOUND, OUTBOUND
}
