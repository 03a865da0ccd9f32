package io.tellonce.devstack;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.cassandra.CassandraContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/** Cassandra and Elasticsearch as Testcontainers, when a Docker engine is there. */
final class ContainerStores {

    static final String CASSANDRA_IMAGE_SETTING = "TELLONCE_DEVSTACK_CASSANDRA_IMAGE";
    static final String ELASTICSEARCH_IMAGE_SETTING = "TELLONCE_DEVSTACK_ELASTICSEARCH_IMAGE";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Settings settings;
    private final StoreDistributions distributions;

    ContainerStores(Settings settings, StoreDistributions distributions) {
        this.settings = settings;
        this.distributions = distributions;
    }

    /** Starts the containers that are asked for, in parallel; each part stops its container. */
    StorePair start(boolean cassandraWanted, boolean elasticsearchWanted) {
        CassandraContainer cassandra = cassandraWanted ? cassandraContainer() : null;
        ElasticsearchContainer elasticsearch = elasticsearchWanted ? elasticsearchContainer() : null;
        List<GenericContainer<?>> containers = new ArrayList<>();
        if (cassandra != null) {
            containers.add(cassandra);
        }
        if (elasticsearch != null) {
            containers.add(elasticsearch);
        }
        try {
            Startables.deepStart(containers).join();
        } catch (RuntimeException e) {
            containers.forEach(GenericContainer::stop);
            throw new StoreStartFailure("Could not start store containers: " + e.getMessage(), e);
        }
        StoreSet.Part<CassandraAddress> cassandraPart = null;
        if (cassandra != null) {
            InetSocketAddress contact = cassandra.getContactPoint();
            cassandraPart = new StoreSet.Part<>(
                    new CassandraAddress(contact.getHostString(), contact.getPort(), cassandra.getLocalDatacenter()),
                    "container " + cassandra.getDockerImageName() + " " + shortId(cassandra), cassandra::stop);
        }
        StoreSet.Part<ElasticsearchAddress> elasticsearchPart = null;
        if (elasticsearch != null) {
            elasticsearchPart = new StoreSet.Part<>(
                    new ElasticsearchAddress("http://" + elasticsearch.getHttpHostAddress()),
                    "container " + elasticsearch.getDockerImageName() + " " + shortId(elasticsearch),
                    elasticsearch::stop);
        }
        return new StorePair(cassandraPart, elasticsearchPart);
    }

    private CassandraContainer cassandraContainer() {
        // The official image tags every 5.0 patch as "5.0"; an exact patch tag may lag behind Maven Central.
        String image = settings.get(CASSANDRA_IMAGE_SETTING).orElse("cassandra:" + majorMinor(distributions.cassandraVersion()));
        return new CassandraContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("cassandra"))
                .withStartupTimeout(START_TIMEOUT);
    }

    private ElasticsearchContainer elasticsearchContainer() {
        String image = settings.get(ELASTICSEARCH_IMAGE_SETTING)
                .orElse("docker.elastic.co/elasticsearch/elasticsearch:" + distributions.elasticsearchVersion());
        return new ElasticsearchContainer(DockerImageName.parse(image)
                .asCompatibleSubstituteFor("docker.elastic.co/elasticsearch/elasticsearch"))
                // Plain HTTP without credentials, like the local process; an empty certificate path tells
                // the container not to look for the CA certificate that security would have created.
                .withEnv("xpack.security.enabled", "false")
                .withCertPath("")
                .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
                .withEnv("cluster.routing.allocation.disk.threshold_enabled", "false")
                .withEnv("action.destructive_requires_name", "false")
                .withStartupTimeout(START_TIMEOUT);
    }

    private static String shortId(GenericContainer<?> container) {
        String id = container.getContainerId();
        return id == null ? "" : id.substring(0, Math.min(12, id.length()));
    }

    static String majorMinor(String version) {
        String[] parts = version.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    }

    /** The started containers (null for a store that was not asked for). */
    record StorePair(StoreSet.Part<CassandraAddress> cassandra, StoreSet.Part<ElasticsearchAddress> elasticsearch) {
    }
}
