package io.tellonce.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioRegistryTest {
    private final ScenarioRegistry registry = StandardScenarios.registry("tellonce", "bench");

    @Test
    void namingAServiceScenarioBringsItsBaselineAlongAndBaselinesRunFirst() {
        assertThat(registry.select(List.of("get-profile-by-identifier")))
                .extracting(Scenario::name).containsExactly("raw-profile-by-identifier", "get-profile-by-identifier");
    }

    @Test
    void everyServiceScenarioHasATargetAndAllButTheIndexLagABaseline() {
        assertThat(registry.all()).filteredOn(s -> s.kind() == Scenario.Kind.SERVICE).isNotEmpty()
                .allSatisfy(s -> {
                    assertThat(s.baseline().isPresent()).isEqualTo(!s.name().equals("index-lag"));
                    assertThat(s.target()).isPresent();
                });
    }

    @Test
    void theLatencyTargetsOfDesignRunOpenLoopAtTheirRate() {
        assertThat(registry.find("get-customer-context-p99").orElseThrow().fixedRate()).hasValue(3_000);
        assertThat(registry.find("batch-check-consent-p99").orElseThrow().fixedRate()).hasValue(300);
        assertThat(registry.find("search-profiles").orElseThrow().target().orElseThrow().maxP99Millis()).hasValue(50);
        assertThat(registry.find("index-lag").orElseThrow().target().orElseThrow().maxP99Millis()).hasValue(2_000);
        Scenario findMatches = registry.find("find-matches").orElseThrow();
        assertThat(findMatches.target().orElseThrow().maxP99Millis()).hasValue(50);
        assertThat(findMatches.fixedRate()).hasValue(StandardScenarios.FIND_MATCHES_RATE);
        assertThat(registry.select(List.of("find-matches"))).extracting(Scenario::name)
                .containsExactly("raw-search-readback", "find-matches");
    }

    @Test
    void aConsentBatchCountsItsChecksAndBringsItsBaseline() {
        assertThat(registry.find("batch-check-consent").orElseThrow().items())
                .hasValue(new Scenario.Items("checks", 100));
        assertThat(registry.select(List.of("batch-check-consent", "index-lag"))).extracting(Scenario::name)
                .containsExactly("raw-consent-checks", "batch-check-consent", "index-lag");
    }

    @Test
    void anUnknownScenarioIsRefusedWithTheKnownNames() {
        assertThatThrownBy(() -> registry.select(List.of("nope")))
                .hasMessageContaining("unknown scenario nope").hasMessageContaining("resolve-new");
    }

    @Test
    void aScenarioMayNotNameABaselineThatDoesNotExist() {
        assertThatThrownBy(() -> new ScenarioRegistry(List.of(Scenario.service("a", "a", "missing",
                Target.throughput("t", 1), context -> null)))).hasMessageContaining("unknown baseline missing");
    }

    @Test
    void aFixedRateVariantRunsOpenLoopAgainstItsOwnTarget() {
        Scenario scenario = registry.find("get-profile-by-identifier").orElseThrow()
                .atRate("get-profile-p99", 5_000, Target.latency("p99 <= 10 ms at 5,000/s", 5_000, 10));

        assertThat(scenario.fixedRate()).hasValue(5_000);
        assertThat(scenario.target().orElseThrow().maxP99Millis()).hasValue(10);
        assertThat(scenario.baseline()).hasValue("raw-profile-by-identifier");
    }
}
