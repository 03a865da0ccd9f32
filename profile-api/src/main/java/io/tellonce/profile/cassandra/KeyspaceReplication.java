package io.tellonce.profile.cassandra;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The replication clause of the keyspace, from configuration, validated before it reaches CQL. */
record KeyspaceReplication(String strategy, int factor, Map<String, Integer> datacenters) {
    private static final Pattern DATACENTER = Pattern.compile("^[A-Za-z0-9_.-]+$");

    static KeyspaceReplication parse(String strategy, int factor, String datacenters) {
        Map<String, Integer> perDc = new LinkedHashMap<>();
        if (datacenters != null && !datacenters.isBlank()) {
            for (String entry : datacenters.split(",")) {
                String[] parts = entry.trim().split(":");
                if (parts.length != 2 || !DATACENTER.matcher(parts[0]).matches()) {
                    throw new IllegalArgumentException("replication datacenters must look like dc1:3,dc2:3, got " + datacenters);
                }
                perDc.put(parts[0], Integer.parseInt(parts[1].trim()));
            }
        }
        KeyspaceReplication replication = new KeyspaceReplication(strategy, factor, perDc);
        replication.cql();
        return replication;
    }

    String cql() {
        return switch (strategy) {
            case "SimpleStrategy" -> {
                if (factor < 1) {
                    throw new IllegalArgumentException("replication factor must be at least 1");
                }
                yield "{'class': 'SimpleStrategy', 'replication_factor': " + factor + "}";
            }
            case "NetworkTopologyStrategy" -> {
                if (datacenters.isEmpty()) {
                    throw new IllegalArgumentException("NetworkTopologyStrategy needs replication datacenters, e.g. dc1:3");
                }
                yield datacenters.entrySet().stream()
                        .map(e -> "'" + e.getKey() + "': " + e.getValue())
                        .collect(Collectors.joining(", ", "{'class': 'NetworkTopologyStrategy', ", "}"));
            }
            default -> throw new IllegalArgumentException(
                    "replication strategy must be SimpleStrategy or NetworkTopologyStrategy, got " + strategy);
        };
    }
}
