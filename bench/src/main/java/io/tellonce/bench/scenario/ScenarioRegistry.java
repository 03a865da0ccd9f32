package io.tellonce.bench.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The scenarios a run can name, in the order a full run measures them (each baseline before its services). */
public final class ScenarioRegistry {
    private final Map<String, Scenario> scenarios = new LinkedHashMap<>();

    public ScenarioRegistry(List<Scenario> scenarios) {
        scenarios.forEach(scenario -> {
            if (this.scenarios.putIfAbsent(scenario.name(), scenario) != null) {
                throw new IllegalArgumentException("two scenarios named " + scenario.name());
            }
        });
        scenarios.forEach(scenario -> scenario.baseline().ifPresent(baseline -> {
            if (!this.scenarios.containsKey(baseline)) {
                throw new IllegalArgumentException(scenario.name() + " names an unknown baseline " + baseline);
            }
        }));
    }

    public Optional<Scenario> find(String name) {
        return Optional.ofNullable(scenarios.get(name));
    }

    public List<Scenario> all() {
        return List.copyOf(scenarios.values());
    }

    /**
     * The named scenarios plus the baselines they are reported against, in registry order. An unknown
     * name fails with the list of known ones.
     */
    public List<Scenario> select(List<String> names) {
        List<String> wanted = new ArrayList<>();
        for (String name : names) {
            Scenario scenario = find(name).orElseThrow(() -> new IllegalArgumentException(
                    "unknown scenario " + name + "; known: " + String.join(", ", scenarios.keySet())));
            wanted.add(name);
            scenario.baseline().ifPresent(wanted::add);
        }
        return scenarios.values().stream().filter(scenario -> wanted.contains(scenario.name())).toList();
    }
}
