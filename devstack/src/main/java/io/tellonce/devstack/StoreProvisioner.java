package io.tellonce.devstack;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Gets a Cassandra and an Elasticsearch for tests, for each store in this order:
 * <ol>
 *   <li>the address given in the environment ({@code TELLONCE_CASSANDRA_CONTACT_POINTS},
 *       {@code TELLONCE_CASSANDRA_LOCAL_DATACENTER}, {@code TELLONCE_ELASTICSEARCH_URL}), used as it is;</li>
 *   <li>a Testcontainers container, when a Docker engine is there;</li>
 *   <li>a local child process with its files in the run folder, stopped when the JVM exits.</li>
 * </ol>
 * {@code TELLONCE_DEVSTACK_MODE} = {@code local} or {@code docker} skips the Docker detection.
 */
public final class StoreProvisioner {

    static final String MODE_SETTING = "TELLONCE_DEVSTACK_MODE";
    static final String CASSANDRA_HEAP_SETTING = "TELLONCE_DEVSTACK_CASSANDRA_HEAP";
    static final String ELASTICSEARCH_HEAP_SETTING = "TELLONCE_DEVSTACK_ELASTICSEARCH_HEAP";
    private static final System.Logger LOG = System.getLogger(StoreProvisioner.class.getName());

    private final Settings settings;

    public StoreProvisioner() {
        this(Settings.system());
    }

    public StoreProvisioner(Settings settings) {
        this.settings = settings;
    }

    /** Provides both stores; local processes, if any, keep their files in {@code runFolder}. */
    public StoreSet provision(Path runFolder) {
        Optional<StoreSet.Part<CassandraAddress>> givenCassandra = EnvironmentStores.cassandra(settings)
                .map(address -> new StoreSet.Part<>(address, "given by " + EnvironmentStores.CONTACT_POINTS, () -> { }, true));
        Optional<StoreSet.Part<ElasticsearchAddress>> givenElasticsearch = EnvironmentStores.elasticsearch(settings)
                .map(address -> new StoreSet.Part<>(address, "given by " + EnvironmentStores.ELASTICSEARCH_URL, () -> { }, true));
        if (givenCassandra.isPresent() && givenElasticsearch.isPresent()) {
            return log(new StoreSet(givenCassandra.get(), givenElasticsearch.get()));
        }
        StoreDistributions distributions = StoreDistributions.locate(settings);
        String mode = settings.get(MODE_SETTING).orElse("auto");
        boolean docker = switch (mode) {
            case "docker" -> true;
            case "local" -> false;
            case "auto" -> DockerDetection.available(settings);
            default -> throw new IllegalArgumentException(MODE_SETTING + " must be auto, docker or local, not " + mode);
        };
        if (docker) {
            ContainerStores.StorePair started = new ContainerStores(settings, distributions)
                    .start(givenCassandra.isEmpty(), givenElasticsearch.isEmpty());
            return log(new StoreSet(givenCassandra.orElse(started.cassandra()),
                    givenElasticsearch.orElse(started.elasticsearch())));
        }
        return log(startLocally(distributions, runFolder, givenCassandra, givenElasticsearch));
    }

    private StoreSet startLocally(StoreDistributions distributions, Path runFolder,
                                  Optional<StoreSet.Part<CassandraAddress>> givenCassandra,
                                  Optional<StoreSet.Part<ElasticsearchAddress>> givenElasticsearch) {
        distributions.verified();
        LeftoverStores.markOwner(runFolder);
        LocalCassandra cassandra = givenCassandra.isPresent() ? null : new LocalCassandra(distributions, runFolder,
                CassandraOptions.defaults().withHeap(settings.get(CASSANDRA_HEAP_SETTING).orElse("1g")),
                LaunchMode.ATTACHED);
        LocalElasticsearch elasticsearch = givenElasticsearch.isPresent() ? null : new LocalElasticsearch(
                distributions, runFolder,
                ElasticsearchOptions.defaults().withHeap(settings.get(ELASTICSEARCH_HEAP_SETTING).orElse("512m")),
                LaunchMode.ATTACHED, settings);
        try {
            // Both start at once; waiting for one lets the other finish its startup meanwhile.
            if (cassandra != null) {
                cassandra.launch();
            }
            if (elasticsearch != null) {
                elasticsearch.launch();
            }
            StoreSet.Part<CassandraAddress> cassandraPart = givenCassandra.orElseGet(() -> new StoreSet.Part<>(
                    cassandra.awaitReady(), localOrigin(cassandra.processHandle(), cassandra.logFile()), cassandra));
            StoreSet.Part<ElasticsearchAddress> elasticsearchPart = givenElasticsearch.orElseGet(() -> new StoreSet.Part<>(
                    elasticsearch.awaitReady(), localOrigin(elasticsearch.processHandle(), elasticsearch.logFile()),
                    elasticsearch));
            return new StoreSet(cassandraPart, elasticsearchPart);
        } catch (RuntimeException e) {
            if (cassandra != null) {
                cassandra.stop();
            }
            if (elasticsearch != null) {
                elasticsearch.stop();
            }
            throw e;
        }
    }

    private static String localOrigin(Optional<ProcessHandle> process, Path log) {
        return "local process" + process.map(handle -> " (pid " + handle.pid() + ")").orElse("") + ", log " + log;
    }

    private static StoreSet log(StoreSet stores) {
        LOG.log(System.Logger.Level.INFO, "Stores for this run: {0}", stores.origin());
        return stores;
    }
}
