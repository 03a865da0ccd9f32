package io.tellonce.bench.data;

/**
 * How often the synthetic population has each trait, as a share of people (0..1). Shared e-mails and
 * phones are what make Resolve merge two people's records (or open a review item when both have CRM ids).
 */
public record Shares(double sharedEmail, double sharedPhone, double whatsApp, double crmId, double usPhone) {
    public Shares {
        for (double share : new double[] {sharedEmail, sharedPhone, whatsApp, crmId, usPhone}) {
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("shares are between 0 and 1");
            }
        }
    }

    /** Three people in 100 share an e-mail address with their household, two a phone; most have a CRM id. */
    public static Shares realistic() {
        return new Shares(0.03, 0.02, 0.6, 0.7, 0.3);
    }
}
