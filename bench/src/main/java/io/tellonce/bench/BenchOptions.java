package io.tellonce.bench;

import io.tellonce.bench.load.LoadShape;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The command line, read once into values. Every option has a default that suits `./tellonce up`. */
public record BenchOptions(String target, String cassandra, String datacenter, String keyspace, String tenant,
                           Optional<String> token, int people, long seed, Seeding seeding, int seedConcurrency,
                           List<String> scenarios, LoadShape.Mode mode, int concurrency, double rate, Duration warmUp,
                           Duration duration, OptionalLong servicePid, Optional<Path> servicePidFile,
                           Optional<Path> cassandraPidFile, Duration settle, Path out) {

    /**
     * Whether to seed before measuring: auto seeds unless the first and last person are already there;
     * only seeds like auto and measures nothing.
     */
    public enum Seeding { AUTO, ALWAYS, NEVER, ONLY }

    static final String USAGE = """
            usage: java -jar bench/target/tellonce-bench.jar [options]     (or ./tellonce bench [options])
              --target HOST:PORT          the service's gRPC address                  (127.0.0.1:50051)
              --cassandra HOST:PORT       Cassandra, for the raw baselines            (127.0.0.1:9042)
              --datacenter NAME           Cassandra's local data centre               (datacenter1)
              --keyspace NAME             the service's keyspace                      (tellonce)
              --tenant ID                 the tenant the token is for; sent as x-tenant-id (bench)
              --token JWT                 the bearer token every call carries (./tellonce bench: BENCH_TOKEN)
              --people N                  synthetic population                        (100000)
              --seed N                    the population's random seed                (42)
              --seeding auto|always|never|only  seed through Resolve first (only: then stop)  (auto)
              --seed-concurrency N        Resolve requests in flight while seeding    (32)
              --scenarios A,B,...         what to measure (their baselines are added)  (all)
              --mode closed|open          closed loop at --concurrency, or open loop at --rate   (closed)
              --concurrency N             requests in flight (open loop: the most in flight)     (16)
              --rate N                    open loop: requests per second
              --warmup DURATION           e.g. 10s, 2m                                (10s)
              --duration DURATION         measured time per scenario                  (30s)
              --service-pid PID           sample this process's resident memory and CPU
              --service-pid-file FILE     ... or the pid in this file (./tellonce bench passes .tellonce/service.pid)
              --cassandra-pid-file FILE   also report Cassandra's CPU per operation
              --settle DURATION           before each scenario, wait at most this long for the service
                                          and Cassandra to go idle and the index to catch up; 0s skips  (15m)
              --out FILE                  the JSON result file       (bench/target/results/bench-<time>.json)
            """;

    public static BenchOptions parse(String[] args, String timestamp) {
        Map<String, String> o = pairs(args);
        BenchOptions options = new BenchOptions(
                o.getOrDefault("--target", "127.0.0.1:50051"),
                o.getOrDefault("--cassandra", "127.0.0.1:9042"),
                o.getOrDefault("--datacenter", "datacenter1"),
                o.getOrDefault("--keyspace", "tellonce"),
                o.getOrDefault("--tenant", "bench"),
                Optional.ofNullable(o.get("--token")),
                positive(o.getOrDefault("--people", "100000"), "--people"),
                Long.parseLong(o.getOrDefault("--seed", "42")),
                Seeding.valueOf(o.getOrDefault("--seeding", "auto").toUpperCase(Locale.ROOT)),
                positive(o.getOrDefault("--seed-concurrency", "32"), "--seed-concurrency"),
                o.containsKey("--scenarios") ? Arrays.stream(o.get("--scenarios").split(",")).map(String::trim)
                        .filter(name -> !name.isEmpty()).toList() : List.of(),
                LoadShape.Mode.valueOf(o.getOrDefault("--mode", "closed").toUpperCase(Locale.ROOT)),
                positive(o.getOrDefault("--concurrency", "16"), "--concurrency"),
                Double.parseDouble(o.getOrDefault("--rate", "0")),
                duration(o.getOrDefault("--warmup", "10s")),
                duration(o.getOrDefault("--duration", "30s")),
                o.containsKey("--service-pid") ? OptionalLong.of(Long.parseLong(o.get("--service-pid"))) : OptionalLong.empty(),
                Optional.ofNullable(o.get("--service-pid-file")).map(Path::of),
                Optional.ofNullable(o.get("--cassandra-pid-file")).map(Path::of),
                duration(o.getOrDefault("--settle", "15m")),
                Path.of(o.getOrDefault("--out", "bench/target/results/bench-" + timestamp + ".json")));
        // Fails early on a bad combination (an open loop without a rate) rather than after seeding.
        options.shape();
        return options;
    }

    /** How load is applied to scenarios without a fixed rate of their own. */
    public LoadShape shape() {
        return new LoadShape(mode, concurrency, rate, warmUp, duration);
    }

    /** The settings as the report shows them (no token). */
    public Map<String, String> describe() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("target", target);
        settings.put("cassandra", cassandra + " (" + datacenter + ", keyspace " + keyspace + ")");
        settings.put("tenant", tenant);
        settings.put("people", Integer.toString(people));
        settings.put("seed", Long.toString(seed));
        settings.put("mode", mode.name().toLowerCase(Locale.ROOT));
        settings.put("concurrency", Integer.toString(concurrency));
        if (mode == LoadShape.Mode.OPEN) {
            settings.put("rate", Double.toString(rate));
        }
        settings.put("warmUp", warmUp.toString());
        settings.put("duration", duration.toString());
        settings.put("settle", settle.toString());
        return settings;
    }

    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
        }
        if (value.endsWith("m")) {
            return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)) * 60);
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }

    private static int positive(String text, String option) {
        int value = Integer.parseInt(text.replace("_", ""));
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return value;
    }

    private static Map<String, String> pairs(String[] args) {
        Map<String, String> pairs = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !USAGE.contains(" " + arg.split("=", 2)[0] + " ")) {
                throw new IllegalArgumentException("unknown option " + arg);
            }
            if (arg.contains("=")) {
                String[] split = arg.split("=", 2);
                pairs.put(split[0], split[1]);
            } else if (i + 1 < args.length) {
                pairs.put(arg, args[++i]);
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
        }
        return pairs;
    }
}
