package io.tellonce.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A single-node Elasticsearch (the minimal integ-test distribution) running as a child process, its files
 * in {@code <runFolder>/elasticsearch} (see {@link ElasticsearchPlacement} for the exception as root).
 *
 * <p>The launcher script becomes a CLI JVM that forks the server JVM; {@link #stop()} stops both.
 * {@code stop()} then {@code start()} restarts it on the same ports and data.
 */
public final class LocalElasticsearch implements AutoCloseable {

    static final String CLUSTER_NAME = "tellonce-dev";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final System.Logger LOG = System.getLogger(LocalElasticsearch.class.getName());

    private final StoreDistributions distributions;
    private final ElasticsearchOptions options;
    private final ElasticsearchPlacement placement;
    private final StoreProcess process;
    private final int httpPort;
    private final int transportPort;

    /** Defaults: distribution of this build, random free ports, 512 MB heap, stopped when this JVM exits. */
    public LocalElasticsearch(Path runFolder) {
        this(StoreDistributions.locate(), runFolder, ElasticsearchOptions.defaults(), LaunchMode.ATTACHED,
                Settings.system());
    }

    public LocalElasticsearch(StoreDistributions distributions, Path runFolder, ElasticsearchOptions options,
                              LaunchMode mode) {
        this(distributions, runFolder, options, mode, Settings.system());
    }

    LocalElasticsearch(StoreDistributions distributions, Path runFolder, ElasticsearchOptions options,
                       LaunchMode mode, Settings settings) {
        this.distributions = distributions;
        this.options = options;
        Path storeFolder = runFolder.toAbsolutePath().normalize().resolve("elasticsearch");
        StoreProcess.createDirectories(storeFolder);
        PidFile pidFile = new PidFile(storeFolder.resolve("elasticsearch.pid"));
        Ports ports = new Ports(storeFolder.resolve("ports.properties"));
        boolean running = pidFile.liveProcess().isPresent();
        this.httpPort = running ? ports.recorded("http_port", options.httpPort())
                : ports.resolve("http_port", options.httpPort());
        this.transportPort = running ? ports.recorded("transport_port", options.transportPort())
                : ports.resolve("transport_port", options.transportPort(), httpPort);
        ports.record("http_port", httpPort);
        ports.record("transport_port", transportPort);
        this.placement = ElasticsearchPlacement.decide(distributions.elasticsearchHome(), storeFolder, settings);
        this.process = new StoreProcess("Elasticsearch", pidFile,
                placement.logs().resolve(CLUSTER_NAME + ".log"), placement.logs().resolve("console.log"), mode);
    }

    /** Starts the node (unless it already runs) and waits until the cluster health is green or yellow. */
    public ElasticsearchAddress start() {
        launch();
        return awaitReady();
    }

    /**
     * Starts the process without waiting, so that Cassandra can start meanwhile; follow with
     * {@link #awaitReady()}. Does nothing when the node already runs.
     */
    public synchronized void launch() {
        if (isRunning()) {
            return;
        }
        distributions.verified();
        Ports.requireFree("Elasticsearch", "http.port", httpPort);
        Ports.requireFree("Elasticsearch", "transport.port", transportPort);
        placement.notice().ifPresent(notice -> LOG.log(System.Logger.Level.WARNING, notice));
        placement.prepare(distributions.elasticsearchHome());
        process.launch(command(), environment(), placement.folder());
    }

    /** Waits until {@code _cluster/health} answers green or yellow; fails with the end of the log otherwise. */
    public ElasticsearchAddress awaitReady() {
        ElasticsearchAddress address = address();
        process.awaitReady(() -> HttpProbe.elasticsearchHealthy(address, PROBE_TIMEOUT), options.startTimeout());
        return address;
    }

    /** Stops the launcher, the CLI JVM and the server JVM (SIGTERM, then SIGKILL after a grace period). */
    public void stop() {
        process.stop(StoreProcess.STOP_GRACE);
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return process.running().isPresent();
    }

    public Optional<ProcessHandle> processHandle() {
        return process.running();
    }

    public ElasticsearchAddress address() {
        return new ElasticsearchAddress("http://127.0.0.1:" + httpPort);
    }

    public int transportPort() {
        return transportPort;
    }

    /** Where config, data and logs are (under the run folder, or the /var/tmp copy when root requires it). */
    public Path folder() {
        return placement.folder();
    }

    public Path logFile() {
        return process.mainLog();
    }

    /** Why the files are not under the run folder, when they are not. */
    public Optional<String> placementNotice() {
        return placement.notice();
    }

    List<String> command() {
        List<String> command = new ArrayList<>();
        placement.runAsUser().ifPresent(user -> command.addAll(UnixAccounts.runAs(user)));
        command.add(placement.home().resolve("bin").resolve("elasticsearch").toString());
        command.addAll(List.of(
                "-Ecluster.name=" + CLUSTER_NAME,
                "-Enode.name=devstack",
                "-Ediscovery.type=single-node",
                "-Expack.security.enabled=false",
                // Reachable from this machine only, on both ports.
                "-Enetwork.host=127.0.0.1",
                "-Ehttp.host=127.0.0.1",
                "-Ehttp.port=" + httpPort,
                "-Etransport.host=127.0.0.1",
                "-Etransport.port=" + transportPort,
                "-Epath.data=" + placement.data(),
                "-Epath.logs=" + placement.logs(),
                // Development disks are often fuller than the watermarks; do not turn indices read-only.
                "-Ecluster.routing.allocation.disk.threshold_enabled=false",
                // Tests clean up their index prefixes with wildcards.
                "-Eaction.destructive_requires_name=false"));
        return command;
    }

    private Map<String, String> environment() {
        return Map.of(
                "ES_JAVA_HOME", Executables.javaHome().toString(),
                "ES_JAVA_OPTS", "-Xms" + options.heap() + " -Xmx" + options.heap(),
                "ES_PATH_CONF", placement.config().toString(),
                "ES_TMPDIR", placement.tmp().toString(),
                "HOME", placement.folder().toString());
    }
}
