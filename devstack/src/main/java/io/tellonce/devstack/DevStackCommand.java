package io.tellonce.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The developer command behind {@code ./tellonce up|down}: runs the stores detached, keeping their data in a
 * home folder between runs.
 *
 * <pre>
 * start --home DIR [--cassandra-port 9042] [--elasticsearch-port 9200]   (0 = a free port)
 * stop --home DIR
 * status --home DIR
 * wait-http URL TIMEOUT_SECONDS
 * tokens --home DIR [--tenant acme] [--hours 12]
 * </pre>
 * Exit codes: 0 success, 1 failure (or, for status, a store not running), 2 wrong usage.
 */
public final class DevStackCommand {

    static final String USAGE = """
            usage: DevStackCommand start --home DIR [--cassandra-port 9042] [--elasticsearch-port 9200]
                   DevStackCommand stop --home DIR
                   DevStackCommand status --home DIR
                   DevStackCommand wait-http URL TIMEOUT_SECONDS
                   DevStackCommand tokens --home DIR [--tenant acme] [--hours 12]
            A port of 0 means a free port (the one of the previous start, if still free).""";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final List<String> DEV_ROLES = List.of("agent", "bot", "personalisation", "ingest",
            "privacy-officer", "admin");

    private final PrintStream out;
    private final PrintStream err;
    private final Settings settings;

    public DevStackCommand(PrintStream out, PrintStream err, Settings settings) {
        this.out = out;
        this.err = err;
        this.settings = settings;
    }

    public static void main(String[] args) {
        // The command reports progress itself: library log lines only for warnings, one line each.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        java.util.logging.Logger libraryLog = java.util.logging.Logger.getLogger("io.tellonce.devstack");
        libraryLog.setLevel(java.util.logging.Level.WARNING);
        int exitCode = new DevStackCommand(System.out, System.err, Settings.system()).run(args);
        java.lang.ref.Reference.reachabilityFence(libraryLog); // a collected logger would forget its level
        System.exit(exitCode);
    }

    public int run(String... args) {
        try {
            if (args.length == 0) {
                return usage("no command given");
            }
            Map<String, String> options = options(args);
            return switch (args[0]) {
                case "start" -> start(home(options), port(options, "--cassandra-port", 9042),
                        port(options, "--elasticsearch-port", 9200));
                case "stop" -> stop(home(options));
                case "status" -> status(home(options));
                case "tokens" -> tokens(home(options), options.getOrDefault("--tenant", "acme"),
                        Duration.ofHours(Long.parseLong(options.getOrDefault("--hours", "12"))));
                case "wait-http" -> args.length == 3 ? waitHttp(args[1], args[2]) : usage("wait-http needs URL and TIMEOUT_SECONDS");
                case "help", "--help", "-h" -> {
                    out.println(USAGE);
                    yield 0;
                }
                default -> usage("unknown command " + args[0]);
            };
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        } catch (StoreStartFailure | UncheckedIOException | IllegalStateException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private int start(Path home, int cassandraPort, int elasticsearchPort) {
        StoreDistributions distributions = StoreDistributions.locate(settings).copiedTo(home.resolve("distributions"));
        LocalCassandra cassandra = new LocalCassandra(distributions, home,
                CassandraOptions.defaults().withNativePort(cassandraPort)
                        .withHeap(settings.get(StoreProvisioner.CASSANDRA_HEAP_SETTING).orElse("1g")),
                LaunchMode.DETACHED);
        LocalElasticsearch elasticsearch = new LocalElasticsearch(distributions, home,
                ElasticsearchOptions.defaults().withHttpPort(elasticsearchPort)
                        .withHeap(settings.get(StoreProvisioner.ELASTICSEARCH_HEAP_SETTING).orElse("512m")),
                LaunchMode.DETACHED, settings);
        boolean cassandraWasRunning = cassandra.isRunning();
        boolean elasticsearchWasRunning = elasticsearch.isRunning();
        if (cassandraWasRunning && elasticsearchWasRunning) {
            out.println("The stores are already running in " + home + ":");
        }
        Instant begin = Instant.now();
        try {
            if (!cassandraWasRunning) {
                out.println("Starting Cassandra " + distributions.cassandraVersion() + " on port " + cassandra.address().port() + " ...");
                cassandra.launch();
            }
            if (!elasticsearchWasRunning) {
                out.println("Starting Elasticsearch " + distributions.elasticsearchVersion() + " on port "
                        + URI.create(elasticsearch.address().url()).getPort() + " ...");
                elasticsearch.launch();
            }
            cassandra.awaitReady();
            elasticsearch.awaitReady();
        } catch (StoreStartFailure e) {
            err.println(e.getMessage());
            if (!cassandraWasRunning) {
                cassandra.stop();
            }
            if (!elasticsearchWasRunning) {
                elasticsearch.stop();
            }
            return 1;
        }
        if (!cassandraWasRunning || !elasticsearchWasRunning) {
            out.println("Ready in " + Duration.between(begin, Instant.now()).toSeconds() + " s.");
        }
        StoresEnvFile envFile = StoresEnvFile.in(home);
        envFile.write(EnvironmentStores.variables(cassandra.address(), elasticsearch.address()));
        out.println("  Cassandra      " + cassandra.address() + pid(cassandra.processHandle())
                + "\n                 log " + cassandra.logFile());
        out.println("  Elasticsearch  " + elasticsearch.address() + pid(elasticsearch.processHandle())
                + "\n                 log " + elasticsearch.logFile());
        elasticsearch.placementNotice().ifPresent(notice -> out.println("  Note: " + notice));
        noteOtherPort("Cassandra", cassandraPort, cassandra.address().port());
        noteOtherPort("Elasticsearch", elasticsearchPort, URI.create(elasticsearch.address().url()).getPort());
        out.println("  Environment    " + envFile.path());
        return 0;
    }

    /**
     * Development access tokens, one per role, signed with the stack's own key: printed, and kept in
     * tokens.env (readable by its owner only) for scripts. The service trusts the key through
     * TELLONCE_SECURITY_PUBLIC_KEY.
     */
    private int tokens(Path home, String tenant, Duration validity) {
        DevTokens tokens = new DevTokens(DevSigningKey.in(home.resolve("keys")));
        StringBuilder env = new StringBuilder("# Development access tokens for tenant " + tenant
                + ", valid until " + Instant.now().plus(validity) + "\n");
        for (String role : DEV_ROLES) {
            AccessTokenClaims claims = AccessTokenClaims.dev("dev-" + role, tenant, List.of(role), validity);
            if (role.equals("bot")) {
                claims = claims.withChannel("chat");
            }
            String variable = role.toUpperCase().replace('-', '_') + "_TOKEN";
            env.append(variable).append('=').append(tokens.sign(claims)).append('\n');
        }
        // The benchmark seeds and reads its own tenant with one caller that may do all it measures.
        env.append("BENCH_TOKEN=").append(tokens.sign(AccessTokenClaims.dev("bench", "bench",
                List.of("agent", "ingest", "personalisation", "admin"), validity))).append('\n');
        Path file = home.resolve("tokens.env");
        try {
            OwnerOnly.write(file, env.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        out.println("  Tokens         " + file + " (tenant " + tenant + "; one per role: "
                + String.join(", ", DEV_ROLES) + ")");
        return 0;
    }

    /** Stops every process with a PID file under home: the service first, then the stores together. */
    private int stop(Path home) {
        List<Path> pidFiles = pidFiles(home);
        List<Path> stores = pidFiles.stream().filter(DevStackCommand::isStore).toList();
        List<Path> others = pidFiles.stream().filter(path -> !isStore(path)).toList();
        boolean allStopped = stopTogether(others) & stopTogether(stores);
        StoresEnvFile.in(home).delete();
        if (pidFiles.isEmpty()) {
            out.println("Nothing recorded as running in " + home + ".");
        }
        return allStopped ? 0 : 1;
    }

    private boolean stopTogether(List<Path> pidFiles) {
        Map<Path, ProcessHandle> live = new HashMap<>();
        for (Path path : pidFiles) {
            Optional<ProcessHandle> process = new PidFile(path).liveProcess();
            process.ifPresentOrElse(handle -> live.put(path, handle),
                    () -> out.println(processName(path) + " was not running."));
        }
        boolean stopped = live.isEmpty() || ProcessTree.stop(new ArrayList<>(live.values()), StoreProcess.STOP_GRACE);
        live.forEach((path, handle) -> out.println((ProcessTree.running(handle) ? "Could not stop " : "Stopped ")
                + processName(path) + " (pid " + handle.pid() + ")."));
        pidFiles.forEach(path -> new PidFile(path).delete());
        return stopped;
    }

    private int status(Path home) {
        boolean cassandraUp = storeStatus("Cassandra", home.resolve("cassandra"), "cassandra.pid", "native_port",
                port -> CqlProbe.answers("127.0.0.1", port, PROBE_TIMEOUT), "127.0.0.1:");
        boolean elasticsearchUp = storeStatus("Elasticsearch", home.resolve("elasticsearch"), "elasticsearch.pid", "http_port",
                port -> HttpProbe.elasticsearchHealthy(new ElasticsearchAddress("http://127.0.0.1:" + port), PROBE_TIMEOUT),
                "http://127.0.0.1:");
        pidFiles(home).stream().filter(path -> !isStore(path)).forEach(path -> out.println(
                processName(path) + ": " + new PidFile(path).liveProcess().map(p -> "running (pid " + p.pid() + ")").orElse("not running")));
        return cassandraUp && elasticsearchUp ? 0 : 1;
    }

    private boolean storeStatus(String name, Path folder, String pidFileName, String portName,
                                java.util.function.IntPredicate answers, String addressPrefix) {
        Optional<ProcessHandle> process = new PidFile(folder.resolve(pidFileName)).liveProcess();
        var port = new Ports(folder.resolve("ports.properties")).recordedOnly(portName);
        if (process.isEmpty() || port.isEmpty()) {
            out.println(name + ": not running");
            return false;
        }
        boolean answering = answers.test(port.getAsInt());
        out.println(name + ": running (pid " + process.get().pid() + ") at " + addressPrefix + port.getAsInt()
                + (answering ? ", answering" : ", NOT answering"));
        return answering;
    }

    private int waitHttp(String url, String timeoutSeconds) {
        URI uri = URI.create(url);
        Duration timeout = Duration.ofSeconds(Long.parseLong(timeoutSeconds));
        Instant begin = Instant.now();
        Instant deadline = begin.plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            Optional<HttpProbe.Answer> answer = HttpProbe.get(uri, PROBE_TIMEOUT);
            if (answer.isPresent() && answer.get().status() == 200) {
                out.println(url + " answered 200 after " + Duration.between(begin, Instant.now()).toMillis() / 1000.0 + " s.");
                return 0;
            }
            last = answer.map(a -> "status " + a.status()).orElse("no answer (connection refused or timed out)");
            sleep(Duration.ofMillis(500));
        }
        err.println("Timed out after " + timeout.toSeconds() + " s waiting for " + url + " to answer 200; last: " + last + ".");
        return 1;
    }

    private int usage(String problem) {
        err.println(problem);
        err.println(USAGE);
        return 2;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        if (args[0].equals("wait-http")) {
            return options;
        }
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static Path home(Map<String, String> options) {
        String home = options.get("--home");
        if (home == null) {
            throw new IllegalArgumentException("--home DIR is required");
        }
        return Path.of(home).toAbsolutePath().normalize();
    }

    private static int port(Map<String, String> options, String name, int defaultPort) {
        try {
            int port = Integer.parseInt(options.getOrDefault(name, Integer.toString(defaultPort)));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not " + options.get(name));
        }
    }

    private static List<Path> pidFiles(Path home) {
        if (!Files.isDirectory(home)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(home, 2)) {
            return paths.filter(path -> path.getFileName().toString().endsWith(".pid"))
                    .filter(path -> !path.getFileName().toString().equals(LeftoverStores.OWNER_FILE))
                    .sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isStore(Path pidFile) {
        String name = pidFile.getFileName().toString();
        return name.equals("cassandra.pid") || name.equals("elasticsearch.pid");
    }

    private static String processName(Path pidFile) {
        String name = pidFile.getFileName().toString();
        return name.substring(0, name.length() - ".pid".length());
    }

    private static String pid(Optional<ProcessHandle> process) {
        return process.map(handle -> "  pid " + handle.pid()).orElse("");
    }

    private void noteOtherPort(String store, int requested, int actual) {
        if (requested != 0 && requested != actual) {
            out.println("  Note: " + store + " already ran on port " + actual + " (not " + requested
                    + "); stop it first to change the port.");
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
