package io.tellonce.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Stores left running by a test JVM that was killed (kill -9, a build timeout) before its shutdown hooks
 * ran. Each run folder names its owner JVM in {@code owner.pid}; a store whose owner is gone is stopped
 * when the next test run starts next to it.
 */
final class LeftoverStores {

    static final String OWNER_FILE = "owner.pid";
    private static final System.Logger LOG = System.getLogger(LeftoverStores.class.getName());

    private LeftoverStores() {
    }

    static void markOwner(Path runFolder) {
        new PidFile(runFolder.toAbsolutePath().resolve(OWNER_FILE)).write(ProcessHandle.current().pid());
    }

    /** Stops the stores of every sibling run folder (named {@code prefix*}) whose owner JVM is gone. */
    static void stopOrphans(Path parent, String prefix) {
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (Stream<Path> folders = Files.list(parent)) {
            for (Path folder : folders.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                PidFile owner = new PidFile(folder.resolve(OWNER_FILE));
                if (Files.exists(owner.path()) && owner.liveProcess().isEmpty()) {
                    stopAll(folder);
                    owner.delete();
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not look for leftover stores in " + parent, e);
        }
    }

    private static void stopAll(Path runFolder) {
        for (Path pidPath : List.of(runFolder.resolve("cassandra/cassandra.pid"),
                runFolder.resolve("elasticsearch/elasticsearch.pid"))) {
            PidFile pidFile = new PidFile(pidPath);
            pidFile.liveProcess().ifPresent(process -> {
                LOG.log(System.Logger.Level.WARNING, "Stopping a store left running by a killed test run: pid {0} ({1})",
                        String.valueOf(process.pid()), pidPath);
                ProcessTree.stop(process, StoreProcess.STOP_GRACE);
            });
            pidFile.delete();
        }
    }
}
