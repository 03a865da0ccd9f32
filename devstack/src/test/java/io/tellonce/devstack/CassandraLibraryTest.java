package io.tellonce.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the dependencyManagement pins of the pom: the Micronaut parent must not have swapped Cassandra's
 * libraries for its own versions (Netty 4.2, newer Guava, ...).
 */
class CassandraLibraryTest {

    private static final Pattern JAR = Pattern.compile("(.+?)-(\\d[^-]*(?:-jre|\\.Final)?)(?:-([a-z_0-9-]+))?\\.jar");

    @Test
    void libraryHasCassandrasOwnVersions() throws IOException {
        Path lib = StoreDistributions.locate().verified().cassandraLib();
        List<String> jars;
        try (Stream<Path> files = Files.list(lib)) {
            jars = files.map(path -> path.getFileName().toString()).sorted().toList();
        }
        assertTrue(jars.contains("cassandra-all-5.0.9.jar"), jars.toString());
        assertTrue(jars.size() >= 95 && jars.size() <= 105, "about 100 jars, got " + jars.size());
        Map<String, List<String>> nettyVersions = jars.stream().filter(jar -> jar.startsWith("netty-") && !jar.startsWith("netty-tcnative"))
                .map(JAR::matcher).filter(Matcher::matches)
                .collect(Collectors.groupingBy(m -> m.group(2), Collectors.mapping(m -> m.group(1), Collectors.toList())));
        assertEquals(List.of("4.1.130.Final"), List.copyOf(nettyVersions.keySet()), "Netty versions: " + nettyVersions);
        assertTrue(jars.contains("guava-32.0.1-jre.jar"), "Cassandra's Guava");
        assertTrue(jars.contains("snakeyaml-2.1.jar"), "Cassandra's SnakeYAML");
        assertTrue(jars.stream().noneMatch(jar -> jar.startsWith("testcontainers") || jar.startsWith("docker-java")),
                "Testcontainers is not part of the server");
    }
}
