package io.tellonce.matching;

/** What one field said about a pair: its level and that level's weight (log2 of m/u; 0 when missing). */
public record FieldContribution(PersonField field, String level, double weight) {
}
