package io.tellonce.profile.history;

/** The survey types tellonce understands, each with its usual scale. */
public enum SurveyType {
    CSAT(1, 5), CES(1, 7), NPS(0, 10);

    private final int usualMin;
    private final int usualMax;

    SurveyType(int usualMin, int usualMax) {
        this.usualMin = usualMin;
        this.usualMax = usualMax;
    }

    public int usualMin() {
        return usualMin;
    }

    public int usualMax() {
        return usualMax;
    }
}
