package io.tellonce.profile.matching;

/**
 * What a tenant does with fuzzy matches: suggest them for review from one probability, merge them
 * without review from a higher one (only when enabled: off by default), and whether Resolve matches
 * inline at all.
 */
public record MatchPolicy(boolean inline, double reviewThreshold, boolean autoMerge, double autoMergeThreshold) {

    public MatchPolicy {
        if (!(reviewThreshold > 0 && reviewThreshold <= 1)) {
            throw new IllegalArgumentException("tellonce.matching.review-threshold must be in (0, 1], got "
                    + reviewThreshold);
        }
        if (!(autoMergeThreshold >= reviewThreshold && autoMergeThreshold <= 1)) {
            throw new IllegalArgumentException("tellonce.matching.auto-merge-threshold must be between the review"
                    + " threshold and 1, got " + autoMergeThreshold);
        }
    }

    public enum Decision { NONE, REVIEW, AUTO_MERGE }

    public Decision decide(double probability) {
        if (autoMerge && probability >= autoMergeThreshold) {
            return Decision.AUTO_MERGE;
        }
        return probability >= reviewThreshold ? Decision.REVIEW : Decision.NONE;
    }
}
