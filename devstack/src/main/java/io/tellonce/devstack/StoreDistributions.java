package io.tellonce.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The Cassandra and Elasticsearch distributions that the devstack build prepared (Cassandra's jars and an
 * unpacked Elasticsearch). The build records their folder in {@code devstack.properties}, so the launcher
 * finds them from the checkout it was built in; {@code TELLONCE_DEVSTACK_STORES} points elsewhere.
 *
 * @param storesDirectory      the folder holding {@code cassandra/lib} and {@code elasticsearch-<version>}
 * @param cassandraVersion     Cassandra version, e.g. 5.0.9
 * @param elasticsearchVersion Elasticsearch version, e.g. 8.19.21
 */
public record StoreDistributions(Path storesDirectory, String cassandraVersion, String elasticsearchVersion) {

    static final String STORES_SETTING = "TELLONCE_DEVSTACK_STORES";

    public static StoreDistributions locate() {
        return locate(Settings.system());
    }

    public static StoreDistributions locate(Settings settings) {
        Properties built = builtProperties();
        Path directory = settings.get(STORES_SETTING)
                .or(() -> java.util.Optional.ofNullable(built.getProperty("stores.directory")))
                .map(Path::of)
                .orElseThrow(() -> new IllegalStateException("devstack.properties names no stores.directory"));
        return new StoreDistributions(directory.toAbsolutePath().normalize(),
                built.getProperty("cassandra.version"), built.getProperty("elasticsearch.version"));
    }

    public Path cassandraLib() {
        return storesDirectory.resolve("cassandra").resolve("lib");
    }

    public Path elasticsearchHome() {
        return storesDirectory.resolve("elasticsearch-" + elasticsearchVersion);
    }

    /**
     * A copy of the distributions under {@code folder}, made once per version. The detached stores of
     * {@code ./tellonce up} run from it, so that a {@code ./mvnw clean} while they run does not pull the
     * jars from under them.
     */
    public StoreDistributions copiedTo(Path folder) {
        verified();
        Path copy = folder.toAbsolutePath().normalize().resolve("stores-" + cassandraVersion + "-" + elasticsearchVersion);
        StoreDistributions copied = new StoreDistributions(copy, cassandraVersion, elasticsearchVersion);
        Folders.copyOnce(cassandraLib(), copied.cassandraLib());
        Folders.copyOnce(elasticsearchHome(), copied.elasticsearchHome());
        return copied;
    }

    /** Fails with a hint on how to prepare the distributions when they are not where they should be. */
    public StoreDistributions verified() {
        boolean cassandraThere = Files.isDirectory(cassandraLib());
        boolean elasticsearchThere = Files.isExecutable(elasticsearchHome().resolve("bin").resolve("elasticsearch"));
        if (!cassandraThere || !elasticsearchThere) {
            throw new StoreStartFailure("Store distributions not found in " + storesDirectory
                    + (cassandraThere ? "" : " (no " + cassandraLib() + ")")
                    + (elasticsearchThere ? "" : " (no " + elasticsearchHome().resolve("bin/elasticsearch") + ")")
                    + ". Prepare them with `./mvnw -pl devstack install -DskipTests`,"
                    + " or point " + STORES_SETTING + " at a folder that has them.");
        }
        return this;
    }

    private static Properties builtProperties() {
        Properties properties = new Properties();
        try (InputStream in = StoreDistributions.class.getResourceAsStream("devstack.properties")) {
            if (in == null) {
                throw new IllegalStateException("io/tellonce/devstack/devstack.properties is missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
