package io.tellonce.profile.history;

import java.util.Objects;

/**
 * One survey answer with its question and scale.
 *
 * @param higherMeansMoreEffort CES only: the scale's direction (CES wordings differ)
 */
public record SurveyAnswer(SurveyType type, String question, int score, int scaleMin, int scaleMax,
                           boolean higherMeansMoreEffort) {
    static final int NPS_DETRACTOR_MAX = 6;

    public SurveyAnswer {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(question, "question");
        if (scaleMin >= scaleMax || score < scaleMin || score > scaleMax) {
            throw new IllegalArgumentException("score " + score + " outside the scale " + scaleMin + "-" + scaleMax);
        }
    }

    /**
     * Whether the answer calls for a closed-loop follow-up: an NPS detractor (0-6), or a CES answer in
     * the worst third of its scale (high effort), whichever way the scale runs.
     */
    public boolean needsFollowUp() {
        return switch (type) {
            case NPS -> score <= NPS_DETRACTOR_MAX;
            case CES -> {
                int range = scaleMax - scaleMin;
                int distanceFromWorst = higherMeansMoreEffort ? scaleMax - score : score - scaleMin;
                yield 3 * distanceFromWorst <= range;
            }
            case CSAT -> false;
        };
    }
}
