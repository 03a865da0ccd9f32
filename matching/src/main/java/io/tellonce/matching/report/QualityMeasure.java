package io.tellonce.matching.report;

import io.tellonce.matching.PersonRecord;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Measures a {@link DeduplicationRun} against the truth of its labelled data. */
public final class QualityMeasure {
    private final DeduplicationRun run;
    private final String[] personAt;
    private final long truePairs;
    private final int people;

    public QualityMeasure(DeduplicationRun run) {
        this.run = run;
        List<PersonRecord> records = run.data().records();
        this.personAt = new String[records.size()];
        Map<String, Long> sizes = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            personAt[i] = run.data().personOf().get(records.get(i).id());
            sizes.merge(personAt[i], 1L, Long::sum);
        }
        this.truePairs = sizes.values().stream().mapToLong(QualityMeasure::pairsAmong).sum();
        this.people = sizes.size();
    }

    public int people() {
        return people;
    }

    public long truePairs() {
        return truePairs;
    }

    /** Pairs completeness: the share of true pairs that blocking put forward at all. */
    public Score candidates() {
        return pairsAtOrAbove(Double.NEGATIVE_INFINITY);
    }

    /** The share of all possible pairs that blocking spared the matcher from scoring. */
    public double reductionRatio() {
        long n = personAt.length;
        return 1.0 - (double) run.pairProbabilities().size() / (n * (n - 1) / 2);
    }

    public ThresholdQuality at(double threshold) {
        return new ThresholdQuality(threshold, pairsAtOrAbove(threshold), clustersAtOrAbove(threshold),
                exactPeople(threshold));
    }

    private Score pairsAtOrAbove(double threshold) {
        long predicted = 0;
        long correct = 0;
        int n = personAt.length;
        for (Map.Entry<Long, Double> pair : run.pairProbabilities().entrySet()) {
            if (pair.getValue() >= threshold) {
                predicted++;
                int i = (int) (pair.getKey() / n);
                int j = (int) (pair.getKey() % n);
                if (personAt[i].equals(personAt[j])) {
                    correct++;
                }
            }
        }
        return new Score(predicted, correct, truePairs);
    }

    private Score clustersAtOrAbove(double threshold) {
        int[] root = clusters(threshold);
        Map<Integer, Long> clusterSizes = new HashMap<>();
        Map<String, Long> clusterAndPerson = new HashMap<>();
        for (int i = 0; i < root.length; i++) {
            clusterSizes.merge(root[i], 1L, Long::sum);
            clusterAndPerson.merge(root[i] + "|" + personAt[i], 1L, Long::sum);
        }
        long predicted = clusterSizes.values().stream().mapToLong(QualityMeasure::pairsAmong).sum();
        long correct = clusterAndPerson.values().stream().mapToLong(QualityMeasure::pairsAmong).sum();
        return new Score(predicted, correct, truePairs);
    }

    private double exactPeople(double threshold) {
        int[] root = clusters(threshold);
        Map<String, Set<Integer>> clustersOfPerson = new HashMap<>();
        Map<Integer, Set<String>> peopleOfCluster = new HashMap<>();
        for (int i = 0; i < root.length; i++) {
            clustersOfPerson.computeIfAbsent(personAt[i], p -> new HashSet<>()).add(root[i]);
            peopleOfCluster.computeIfAbsent(root[i], c -> new HashSet<>()).add(personAt[i]);
        }
        long exact = clustersOfPerson.values().stream()
                .filter(clusters -> clusters.size() == 1
                        && peopleOfCluster.get(clusters.iterator().next()).size() == 1)
                .count();
        return (double) exact / clustersOfPerson.size();
    }

    /** Union–find over the pairs at or above the threshold: the profiles that merging would make. */
    private int[] clusters(double threshold) {
        int n = personAt.length;
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (Map.Entry<Long, Double> pair : run.pairProbabilities().entrySet()) {
            if (pair.getValue() >= threshold) {
                int a = find(parent, (int) (pair.getKey() / n));
                int b = find(parent, (int) (pair.getKey() % n));
                parent[Math.max(a, b)] = Math.min(a, b);
            }
        }
        for (int i = 0; i < n; i++) {
            parent[i] = find(parent, i);
        }
        return parent;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static long pairsAmong(long size) {
        return size * (size - 1) / 2;
    }
}
