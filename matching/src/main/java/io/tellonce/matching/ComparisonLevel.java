package io.tellonce.matching;

/** One rung of a field's agreement ladder, from "exact" down to "anything else". */
public record ComparisonLevel(String label, LevelTest test) {
}
