package io.tellonce.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tellonce.bench.data.SeedingResult;
import io.tellonce.bench.load.LatencySummary;
import io.tellonce.bench.load.LoadShape;
import io.tellonce.bench.load.Measurement;
import io.tellonce.bench.scenario.Scenario;
import io.tellonce.bench.scenario.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportFilesTest {
    private static final LoadShape SHAPE = LoadShape.closed(16, Duration.ofSeconds(10), Duration.ofSeconds(20));

    @Test
    void theJsonFileHasOneEntryPerScenarioWithPercentilesErrorsRatioAndVerdict() throws Exception {
        ScenarioResult baseline = ScenarioResult.of(Scenario.baseline("raw", "raw reads", context -> null), SHAPE,
                measurement(40_000, Map.of()), null, Map.of("cassandra", 0.2));
        ScenarioResult service = ScenarioResult.of(Scenario.service("get", "reads", "raw",
                        Target.throughput("reads >= 1,000/s", 1_000), context -> null), SHAPE,
                measurement(10_000, Map.of("UNAVAILABLE", 3L)), 300.0, Map.of("service", 0.5, "cassandra", 0.3))
                .comparedWith(baseline);
        BenchReport report = BenchReport.of("2025-01-01T00:00:00Z", new MachineInfo(2, "cpu", 24, "Linux", "JDK 17", "1 1 1"),
                Map.of("people", "100000"), new SeedingResult(100, 8, Duration.ofSeconds(2), List.of(
                        new SeedingResult.Step("people", 100, Duration.ofSeconds(1), Map.of("CREATED", 100L), Map.of(), 0),
                        new SeedingResult.Step("history", 250, Duration.ofSeconds(1), Map.of("interaction", 250L),
                                Map.of(), 2)), false), List.of(baseline, service), 300.0);

        JsonNode json = new ObjectMapper().readTree(new ReportFiles().toJson(report));

        assertThat(json.get("machine").get("cores").asInt()).isEqualTo(2);
        assertThat(json.get("seeding").get("peoplePerSecond").asDouble()).isEqualTo(50.0);
        assertThat(json.get("seeding").get("steps").get(1).get("callsPerSecond").asDouble()).isEqualTo(250.0);
        JsonNode get = json.get("results").get(1);
        assertThat(get.get("scenario").asText()).isEqualTo("get");
        assertThat(get.get("throughputPerSecond").asDouble()).isEqualTo(500.0);
        assertThat(get.get("latencyMillis").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("p50", "p90", "p99", "p999", "max", "mean");
        assertThat(get.get("errors").get("UNAVAILABLE").asLong()).isEqualTo(3);
        assertThat(get.get("baselineRatio").asDouble()).isEqualTo(0.25);
        assertThat(get.get("targetMet").asBoolean()).isFalse();
        assertThat(get.get("cpuMillisPerOperation").get("service").asDouble()).isEqualTo(0.5);
        assertThat(json.get("results").get(0).get("baselineRatio").isNull()).isTrue();
        assertThat(json.get("memoryTargetMet").asBoolean()).isTrue();
    }

    @Test
    void aBatchScenarioReportsItsItemsPerSecond() {
        ScenarioResult batch = ScenarioResult.of(Scenario.service("consent", "batches", "raw",
                        Target.throughput("batches >= 300/s", 300), context -> null).inBatchesOf(100, "checks"), SHAPE,
                measurement(10_000, Map.of()), null, Map.of());
        BenchReport report = BenchReport.of("now", new MachineInfo(2, "cpu", 24, "Linux", "JDK 17", "1 1 1"), Map.of(),
                SeedingResult.alreadySeeded(100), List.of(batch), null);

        assertThat(batch.itemsPerSecond()).isEqualTo(50_000.0);
        assertThat(new ReportTable().render(report)).contains("consent: 50,000 checks/s");
    }

    @Test
    void theTableSaysPlainlyWhichTargetsAreNotMet() {
        ScenarioResult service = ScenarioResult.of(Scenario.service("get", "reads", "raw",
                Target.throughput("reads >= 1,000/s", 1_000), context -> null), SHAPE, measurement(10_000, Map.of()), null,
                Map.of("service", 0.5));
        BenchReport report = BenchReport.of("now", new MachineInfo(2, "cpu", 24, "Linux", "JDK 17", "1 1 1"), Map.of(),
                SeedingResult.alreadySeeded(100), List.of(service), null);

        assertThat(new ReportTable().render(report)).contains("get").contains("NOT MET").contains("500");
    }

    private static Measurement measurement(long successes, Map<String, Long> errors) {
        return new Measurement(successes, errors, Map.of(), Duration.ofSeconds(20),
                new LatencySummary(1, 2, 3, 4, 5, 1.5));
    }
}
