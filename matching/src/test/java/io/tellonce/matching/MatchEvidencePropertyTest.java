package io.tellonce.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class MatchEvidencePropertyTest {
    private final Comparisons comparisons = Comparisons.forPeople();

    @Property
    void thePriorAndTheFieldContributionsAddUpExactlyToTheScore(@ForAll long seed) {
        Random random = new Random(seed);
        MatchModel model = randomModel(random);
        MatchEvidence evidence = model.evidence(randomVector(random));

        double sum = evidence.priorWeight();
        for (FieldContribution contribution : evidence.contributions()) {
            sum += contribution.weight();
        }
        assertThat(sum).isEqualTo(evidence.weight());
        assertThat(evidence.contributions()).hasSize(comparisons.fields().size());
        assertThat(evidence.probability()).isBetween(0.0, 1.0);
    }

    @Property
    void aMissingFieldWeighsNothingAndAnAgreeingOneNeverLowersTheScore(@ForAll long seed) {
        Random random = new Random(seed);
        MatchModel model = randomModel(random);
        int field = random.nextInt(comparisons.fields().size());
        int[] levels = new int[comparisons.fields().size()];
        java.util.Arrays.fill(levels, FieldComparator.MISSING);
        MatchEvidence nothing = model.evidence(ComparisonVector.of(levels));
        assertThat(nothing.weight()).isEqualTo(model.priorWeight());

        levels[field] = 0;
        MatchEvidence one = model.evidence(ComparisonVector.of(levels));
        double levelWeight = model.fields().get(field).levels().get(0).weight();
        assertThat(one.weight()).isEqualTo(nothing.weight() + levelWeight);
        assertThat(one.probability() >= nothing.probability()).isEqualTo(levelWeight >= 0);
    }

    @Property
    void aVectorKeepsEveryLevelItWasGiven(@ForAll long seed) {
        Random random = new Random(seed);
        int[] levels = levels(random);
        ComparisonVector vector = ComparisonVector.of(levels);
        for (int i = 0; i < levels.length; i++) {
            assertThat(vector.level(i)).isEqualTo(levels[i]);
        }
    }

    private MatchModel randomModel(Random random) {
        List<FieldWeights> fields = new ArrayList<>();
        for (FieldComparator comparator : comparisons.fields()) {
            List<LevelWeights> levels = new ArrayList<>();
            for (int level = 0; level < comparator.levels().size(); level++) {
                double u = probability(random);
                // A level counted on another field must weigh nothing: its m is its u.
                double m = comparator.levels().get(level).weighed() ? probability(random) : u;
                levels.add(new LevelWeights(comparator.label(level), m, u));
            }
            fields.add(new FieldWeights(comparator.field(), levels));
        }
        return new MatchModel(0.001 + 0.998 * random.nextDouble(), fields).requireFits(comparisons);
    }

    private ComparisonVector randomVector(Random random) {
        return ComparisonVector.of(levels(random));
    }

    private int[] levels(Random random) {
        int[] levels = new int[comparisons.fields().size()];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = random.nextInt(comparisons.fields().get(i).levels().size() + 1) - 1;
        }
        return levels;
    }

    private static double probability(Random random) {
        return Math.pow(10, -5 * random.nextDouble());
    }
}
