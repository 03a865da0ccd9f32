package io.tellonce.matching;

import java.util.List;

/** The m and u probabilities of every level of one field, in the comparator's level order. */
public record FieldWeights(PersonField field, List<LevelWeights> levels) {

    public FieldWeights {
        levels = List.copyOf(levels);
    }
}
