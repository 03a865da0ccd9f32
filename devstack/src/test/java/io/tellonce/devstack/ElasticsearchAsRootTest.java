package io.tellonce.devstack;

import static io.tellonce.devstack.StoreChecks.assertAllDead;
import static io.tellonce.devstack.StoreChecks.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * As root, Elasticsearch runs as nobody; a run folder nobody cannot reach (like a checkout under /root)
 * moves its files to /var/tmp.
 */
class ElasticsearchAsRootTest {

    @Test
    void runsAsNobodyFromVarTmpWhenTheRunFolderIsPrivate() throws Exception {
        assumeTrue(UnixAccounts.runningAsRoot(), "only as root");
        Path runFolder = Files.createDirectories(StoreChecks.runFolder("devstack-private"));
        Files.setPosixFilePermissions(runFolder, PosixFilePermissions.fromString("rwx------"));
        LocalElasticsearch elasticsearch = new LocalElasticsearch(StoreDistributions.locate().verified(), runFolder,
                ElasticsearchOptions.defaults(), LaunchMode.ATTACHED);
        Path relocated = elasticsearch.folder();
        try {
            assertTrue(relocated.toString().startsWith("/var/tmp/tellonce-es-"), relocated.toString());
            ElasticsearchAddress address = elasticsearch.start();
            assertTrue(HttpProbe.elasticsearchHealthy(address, java.time.Duration.ofSeconds(5)));
            List<ProcessHandle> processes = tree(elasticsearch.processHandle());
            assertTrue(processes.stream().allMatch(p -> p.info().user().orElse("?").equals("nobody")),
                    "every Elasticsearch process runs as nobody");
            assertTrue(Files.exists(relocated.resolve("data")) && Files.exists(elasticsearch.logFile()));
            assertEquals("nobody", Files.getOwner(relocated.resolve("data")).getName());
            elasticsearch.stop();
            assertAllDead(processes);
        } finally {
            elasticsearch.stop();
            deleteTree(relocated);
        }
    }

    private static void deleteTree(Path folder) throws Exception {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
