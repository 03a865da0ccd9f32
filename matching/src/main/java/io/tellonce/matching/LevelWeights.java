package io.tellonce.matching;

/**
 * How often a level occurs among true matches (m) and among non-matches (u). Its weight, the
 * log2 of m/u, is how far seeing this level moves the odds that the pair is one person.
 */
public record LevelWeights(String label, double m, double u) {

    public LevelWeights {
        if (!(m > 0 && m <= 1 && u > 0 && u <= 1)) {
            throw new IllegalArgumentException(label + ": m and u must be in (0, 1], got m=" + m + " u=" + u);
        }
    }

    public double weight() {
        return Math.log(m / u) / Math.log(2);
    }
}
