package io.tellonce.bench.data;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Which people have something (a history, a case, consent answers) and each one's own random stream
 * for it: deterministic from the seed and the person, and independent of every other trait (the salt).
 */
record ShareOfPeople(long seed, double share, long salt) {
    ShareOfPeople {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("share is between 0 and 1");
        }
    }

    /** The person's stream, when the person is in the share. */
    Optional<SplittableRandom> draw(int index) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + salt);
        return random.nextDouble() < share ? Optional.of(random) : Optional.empty();
    }
}
