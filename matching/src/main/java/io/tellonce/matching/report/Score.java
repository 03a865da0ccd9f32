package io.tellonce.matching.report;

/** Precision and recall of a set of predicted pairs against the true pairs. */
public record Score(long predicted, long truePositives, long actual) {

    public double precision() {
        return predicted == 0 ? 1.0 : (double) truePositives / predicted;
    }

    public double recall() {
        return actual == 0 ? 1.0 : (double) truePositives / actual;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }
}
