package io.tellonce.devstack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Stops processes together with everything they started. Elasticsearch is a launcher script that becomes
 * a CLI JVM which forks the server JVM; stopping only the PID we know would leave the server behind.
 */
final class ProcessTree {

    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private ProcessTree() {
    }

    /**
     * Sends SIGTERM to every process of every tree (so that each can shut down cleanly even if its parent
     * does not pass the signal on), waits up to {@code grace}, then SIGKILLs whatever is still alive.
     *
     * @return true when no process of the trees is alive any more
     */
    static boolean stop(List<ProcessHandle> roots, Duration grace) {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        for (ProcessHandle root : roots) {
            tree.add(root);
            root.descendants().forEach(tree::add);
        }
        tree.forEach(ProcessHandle::destroy);
        awaitExit(tree, grace);
        // Something may have been forked while we waited.
        for (ProcessHandle process : new ArrayList<>(tree)) {
            process.descendants().forEach(tree::add);
        }
        tree.stream().filter(ProcessTree::running).forEach(ProcessHandle::destroyForcibly);
        return awaitExit(tree, KILL_WAIT);
    }

    static boolean stop(ProcessHandle root, Duration grace) {
        return stop(List.of(root), grace);
    }

    /** Polls rather than onExit(): a killed process that its parent has not collected yet is gone too. */
    private static boolean awaitExit(Set<ProcessHandle> processes, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (processes.stream().anyMatch(ProcessTree::running)) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    static boolean running(ProcessHandle process) {
        return process.isAlive() && !PidFile.zombie(process.pid());
    }
}
