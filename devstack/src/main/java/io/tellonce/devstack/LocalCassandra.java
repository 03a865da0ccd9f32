package io.tellonce.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A single-node Cassandra running as a child JVM, its data in {@code <runFolder>/cassandra}. The server runs
 * with its own classpath (the jars the build copied), never on the caller's classpath.
 *
 * <p>{@code stop()} then {@code start()} restarts it on the same ports and data.
 */
public final class LocalCassandra implements AutoCloseable {

    private static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    /**
     * From Cassandra 5.0's conf/jvm17-server.options: G1 settings, the module exports and opens that
     * Cassandra needs on JDK 17, and the Netty options.
     */
    private static final List<String> JVM17_SERVER_OPTIONS = List.of(
            "-XX:+UseG1GC",
            "-XX:+ParallelRefProcEnabled",
            "-XX:MaxTenuringThreshold=1",
            "-XX:G1HeapRegionSize=16m",
            "-XX:G1RSetUpdatingPauseTimePercent=5",
            "-XX:MaxGCPauseMillis=300",
            "-XX:InitiatingHeapOccupancyPercent=70",
            "-Djdk.attach.allowAttachSelf=true",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-Dio.netty.allocator.useCacheForAllThreads=true",
            "-Dio.netty.allocator.maxOrder=11");

    private final StoreDistributions distributions;
    private final CassandraOptions options;
    private final CassandraConfig config;
    private final StoreProcess process;

    /** Defaults: distributions of this build, random free ports, 1 GB heap, stopped when this JVM exits. */
    public LocalCassandra(Path runFolder) {
        this(StoreDistributions.locate(), runFolder, CassandraOptions.defaults(), LaunchMode.ATTACHED);
    }

    public LocalCassandra(StoreDistributions distributions, Path runFolder, CassandraOptions options,
                          LaunchMode mode) {
        this.distributions = distributions;
        this.options = options;
        Path folder = runFolder.toAbsolutePath().normalize().resolve("cassandra");
        PidFile pidFile = new PidFile(folder.resolve("cassandra.pid"));
        Ports ports = new Ports(folder.resolve("ports.properties"));
        // A running node keeps the ports it has; otherwise choose (or reuse) free ones.
        boolean running = pidFile.liveProcess().isPresent();
        int nativePort = running ? ports.recorded("native_port", options.nativePort())
                : ports.resolve("native_port", options.nativePort());
        int storagePort = running ? ports.recorded("storage_port", options.storagePort())
                : ports.resolve("storage_port", options.storagePort(), nativePort);
        this.config = new CassandraConfig(folder, "tellonce-dev", nativePort, storagePort);
        this.process = new StoreProcess("Cassandra", pidFile, config.systemLog(),
                config.logDirectory().resolve("console.log"), mode);
        ports.record("native_port", nativePort);
        ports.record("storage_port", storagePort);
    }

    /** Starts the node (unless it already runs) and waits until it answers CQL. */
    public CassandraAddress start() {
        launch();
        return awaitReady();
    }

    /**
     * Starts the JVM without waiting, so that Elasticsearch can start meanwhile; follow with
     * {@link #awaitReady()}. Does nothing when the node already runs.
     */
    public synchronized void launch() {
        if (isRunning()) {
            return;
        }
        distributions.verified();
        Ports.requireFree("Cassandra", "native_transport_port", config.nativePort());
        Ports.requireFree("Cassandra", "storage_port", config.storagePort());
        writeConfiguration();
        process.launch(command(), Map.of(), config.folder());
    }

    /** Waits until CQL answers (OPTIONS and STARTUP); fails with the end of the log otherwise. */
    public CassandraAddress awaitReady() {
        CassandraAddress address = address();
        process.awaitReady(() -> CqlProbe.answers(address.host(), address.port(), PROBE_TIMEOUT),
                options.startTimeout());
        return address;
    }

    /** Stops the node and every process it started (SIGTERM, then SIGKILL after a grace period). */
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

    public CassandraAddress address() {
        return new CassandraAddress("127.0.0.1", config.nativePort(), CassandraConfig.DATACENTER);
    }

    public int storagePort() {
        return config.storagePort();
    }

    public Path folder() {
        return config.folder();
    }

    public Path logFile() {
        return process.mainLog();
    }

    List<String> command() {
        Path logs = config.logDirectory();
        List<String> command = new ArrayList<>();
        command.add(Executables.java().toString());
        command.add("-Xms" + options.heap());
        command.add("-Xmx" + options.heap());
        command.add("-Xss256k");
        command.addAll(JVM17_SERVER_OPTIONS);
        command.add("-XX:+CrashOnOutOfMemoryError");
        command.add("-XX:ErrorFile=" + logs.resolve("hs_err_%p.log"));
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-Dcassandra.config=" + config.yamlFile().toUri());
        command.add("-Dlogback.configurationFile=" + config.logbackFile().toUri());
        command.add("-Dcassandra.logdir=" + logs);
        command.add("-Dcassandra.storagedir=" + config.folder());
        command.add("-Dcassandra-foreground=yes");
        // A single node has nobody to gossip with: do not wait for gossip or the ring (about 7 s to CQL).
        command.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
        command.add("-Dcassandra.ring_delay_ms=100");
        command.add("-cp");
        command.add(distributions.cassandraLib().resolve("*").toString());
        command.add(MAIN_CLASS);
        return command;
    }

    private void writeConfiguration() {
        StoreProcess.createDirectories(config.yamlFile().getParent(), config.logDirectory());
        try {
            Files.writeString(config.yamlFile(), config.yaml());
            Files.writeString(config.logbackFile(), config.logback());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
