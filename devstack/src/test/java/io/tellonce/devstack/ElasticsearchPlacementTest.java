package io.tellonce.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchPlacementTest {

    @Test
    void privateFolderIsNotReachable(@TempDir Path folder) throws Exception {
        Path open = Files.createDirectories(folder.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        assertFalse(ElasticsearchPlacement.reachableByOthers(open), "a parent with mode 700 blocks the way");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx--x--x"));
        boolean tmpAncestorsOpen = ElasticsearchPlacement.reachableByOthers(folder.getParent());
        assertEquals(tmpAncestorsOpen, ElasticsearchPlacement.reachableByOthers(open));
    }

    @Test
    void asRootAPrivateFolderMovesToVarTmpStablyPerFolder(@TempDir Path folder) throws Exception {
        Path distribution = StoreDistributions.locate().elasticsearchHome();
        Path store = Files.createDirectories(folder.resolve("elasticsearch"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        ElasticsearchPlacement placement = ElasticsearchPlacement.decide(distribution, store, Settings.of(Map.of()));
        if (UnixAccounts.runningAsRoot()) {
            assertEquals(Path.of("/var/tmp/tellonce-es-" + ElasticsearchPlacement.shortHash(store.toString())), placement.folder());
            assertEquals(placement.folder().resolve(distribution.getFileName()), placement.home());
            assertEquals("nobody", placement.runAsUser().orElseThrow());
            assertTrue(placement.notice().orElseThrow().contains(placement.folder().toString()));
        } else {
            assertEquals(store, placement.folder());
            assertTrue(placement.runAsUser().isEmpty());
        }
        assertEquals(ElasticsearchPlacement.shortHash("/a/b"), ElasticsearchPlacement.shortHash("/a/b"));
        assertEquals(10, ElasticsearchPlacement.shortHash("/a/b").length());
    }
}
