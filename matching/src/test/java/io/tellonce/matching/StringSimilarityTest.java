package io.tellonce.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class StringSimilarityTest {

    @Test
    void jaroWinklerGivesTheTextbookValues() {
        // Winkler's own examples.
        assertThat(JaroWinkler.similarity("martha", "marhta")).isCloseTo(0.961, within(0.001));
        assertThat(JaroWinkler.similarity("dwayne", "duane")).isCloseTo(0.840, within(0.001));
        assertThat(JaroWinkler.similarity("dixon", "dicksonx")).isCloseTo(0.813, within(0.001));
        assertThat(JaroWinkler.similarity("abc", "xyz")).isZero();
    }

    @Test
    void aSwapOfNeighboursIsOneEdit() {
        assertThat(EditDistance.between("19710624", "19716024")).isEqualTo(1);
        assertThat(EditDistance.between("7857052", "7850752")).isEqualTo(1);
        assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
        assertThat(EditDistance.between("", "abc")).isEqualTo(3);
    }

    @Property
    void jaroWinklerIsSymmetricBoundedAndOneOnlyForEqualStrings(
            @ForAll @AlphaChars @StringLength(max = 12) String a, @ForAll @AlphaChars @StringLength(max = 12) String b) {
        double ab = JaroWinkler.similarity(a, b);
        assertThat(ab).isEqualTo(JaroWinkler.similarity(b, a)).isBetween(0.0, 1.0);
        assertThat(ab == 1.0).isEqualTo(a.equals(b));
    }

    @Property
    void editDistanceIsSymmetricAndZeroOnlyForEqualStrings(
            @ForAll @AlphaChars @StringLength(max = 12) String a, @ForAll @AlphaChars @StringLength(max = 12) String b) {
        int ab = EditDistance.between(a, b);
        assertThat(ab).isEqualTo(EditDistance.between(b, a)).isLessThanOrEqualTo(Math.max(a.length(), b.length()));
        assertThat(ab == 0).isEqualTo(a.equals(b));
    }
}
