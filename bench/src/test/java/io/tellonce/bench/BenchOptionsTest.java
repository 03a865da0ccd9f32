package io.tellonce.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tellonce.bench.load.LoadShape;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    @Test
    void defaultsSuitTheStackThatTellonceUpStarts() {
        BenchOptions options = BenchOptions.parse(new String[0], "T");

        assertThat(options.target()).isEqualTo("127.0.0.1:50051");
        assertThat(options.people()).isEqualTo(100_000);
        assertThat(options.shape()).isEqualTo(LoadShape.closed(16, Duration.ofSeconds(10), Duration.ofSeconds(30)));
        assertThat(options.out()).isEqualTo(Path.of("bench/target/results/bench-T.json"));
        assertThat(options.token()).isEmpty();
    }

    @Test
    void anOpenLoopRunTakesARateAndDurationsInAnyUnit() {
        BenchOptions options = BenchOptions.parse(new String[] {"--mode", "open", "--rate=5000", "--warmup", "500ms",
                "--duration", "2m", "--scenarios", "resolve-new, get-profile-by-id"}, "T");

        assertThat(options.shape()).isEqualTo(LoadShape.open(5_000, 16, Duration.ofMillis(500), Duration.ofMinutes(2)));
        assertThat(options.scenarios()).containsExactly("resolve-new", "get-profile-by-id");
    }

    @Test
    void anOpenLoopWithoutARateIsRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--mode", "open"}, "T"))
                .hasMessageContaining("rate");
    }

    @Test
    void anUnknownOptionIsRefused() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--peeple", "5"}, "T"))
                .hasMessageContaining("unknown option --peeple");
    }

    @Test
    void theTokenIsNeverPartOfTheReportedSettings() {
        BenchOptions options = BenchOptions.parse(new String[] {"--token", "secret"}, "T");

        assertThat(options.token()).hasValue("secret");
        assertThat(options.describe().values()).doesNotContain("secret");
    }
}
