package io.tellonce.matching.report;

/**
 * Quality at one probability threshold: of the pairs scored at or above it, and of the clusters
 * they make when joined transitively (as merges would join profiles), as pairs within clusters;
 * and the share of true people whose records ended up exactly as one cluster.
 */
public record ThresholdQuality(double threshold, Score pairs, Score clusters, double exactPeople) {
}
