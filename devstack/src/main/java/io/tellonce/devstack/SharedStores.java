package io.tellonce.devstack;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One Cassandra and one Elasticsearch for the whole test JVM, shared by all test classes (isolate them by
 * keyspace and index prefix). Provisioned on first use by {@link StoreProvisioner}; stopped when the JVM
 * exits. Local processes keep their files in {@code target/devstack-<timestamp>-<pid>} of the working
 * directory (the module folder under Maven), or in {@code TELLONCE_DEVSTACK_RUN_FOLDER}.
 */
public final class SharedStores {

    static final String RUN_FOLDER_SETTING = "TELLONCE_DEVSTACK_RUN_FOLDER";
    private static final String RUN_FOLDER_PREFIX = "devstack-";

    private SharedStores() {
    }

    /** The stores of this JVM; the first call starts them (10-20 s for local processes). */
    public static StoreSet get() {
        return Holder.OUTCOME.stores();
    }

    /** Success or the failure, kept so that every caller gets the same answer without a retry storm. */
    private record Outcome(StoreSet started, RuntimeException failure) {
        StoreSet stores() {
            if (failure != null) {
                throw new StoreStartFailure("The shared test stores could not be started: " + failure.getMessage(), failure);
            }
            return started;
        }
    }

    /** Initialised once, on first use, by the JVM's class initialisation (thread-safe, no mutable state). */
    private static final class Holder {
        static final Outcome OUTCOME = provision();

        private static Outcome provision() {
            Settings settings = Settings.system();
            Path target = Path.of("target").toAbsolutePath();
            Path runFolder = settings.get(RUN_FOLDER_SETTING).map(Path::of).orElseGet(() -> target.resolve(
                    RUN_FOLDER_PREFIX + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                            + "-" + ProcessHandle.current().pid()));
            LeftoverStores.stopOrphans(runFolder.getParent(), RUN_FOLDER_PREFIX);
            try {
                StoreSet stores = new StoreProvisioner(settings).provision(runFolder);
                Runtime.getRuntime().addShutdownHook(new Thread(stores::close, "devstack-shared-stores"));
                return new Outcome(stores, null);
            } catch (RuntimeException e) {
                return new Outcome(null, e);
            }
        }
    }
}
