package io.tellonce.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One store server as a child process: launching it (with its PID file and console log), waiting until it
 * is ready, explaining why it is not, and stopping its whole process tree.
 */
final class StoreProcess {

    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final int LOG_LINES = 40;
    /** Options a developer set for their own JVMs must not leak into the stores' JVMs. */
    private static final List<String> JVM_OPTION_VARIABLES =
            List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "CLASSPATH", "JAVA_OPTS");

    private static final System.Logger LOG = System.getLogger(StoreProcess.class.getName());

    private final String name;
    private final PidFile pidFile;
    private final Path mainLog;
    private final Path consoleLog;
    private final LaunchMode mode;
    private Process process;
    private Thread shutdownHook;

    StoreProcess(String name, PidFile pidFile, Path mainLog, Path consoleLog, LaunchMode mode) {
        this.name = name;
        this.pidFile = pidFile;
        this.mainLog = mainLog;
        this.consoleLog = consoleLog;
        this.mode = mode;
    }

    synchronized void launch(List<String> command, Map<String, String> environment, Path workingDirectory) {
        List<String> full = new ArrayList<>();
        if (mode == LaunchMode.DETACHED) {
            Executables.onPath("setsid").ifPresent(setsid -> full.add(setsid.toString()));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(workingDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()));
        builder.environment().keySet().removeAll(JVM_OPTION_VARIABLES);
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(consoleLog.getParent());
            Files.writeString(consoleLog, "=== " + Instant.now() + " " + String.join(" ", full) + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new StoreStartFailure(name + " could not be launched: " + e.getMessage(), e);
        }
        pidFile.write(process.pid());
        if (mode == LaunchMode.ATTACHED) {
            shutdownHook = new Thread(this::stopQuietly, "devstack-stop-" + name);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        LOG.log(System.Logger.Level.INFO, "{0} launched (pid {1}), log {2}", name, String.valueOf(process.pid()), mainLog);
    }

    /**
     * Polls {@code ready} until it holds. Fails, after stopping what was launched, when the process dies or
     * the timeout passes; the message carries the exit code and the end of the logs.
     */
    void awaitReady(BooleanSupplier ready, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<ProcessHandle> running = running();
            if (running.isEmpty()) {
                StoreStartFailure failure = failure(name + " exited during startup" + exitCode());
                stop(STOP_GRACE); // forgets the PID file and the shutdown hook
                throw failure;
            }
            if (ready.getAsBoolean()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                StoreStartFailure failure = failure(name + " was not ready within " + timeout.toSeconds() + " s");
                stop(STOP_GRACE);
                throw failure;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreStartFailure("Interrupted while waiting for " + name);
            }
        }
    }

    /** The live process: the one this object launched, or else the one the PID file names. */
    synchronized Optional<ProcessHandle> running() {
        if (process != null) {
            return process.isAlive() ? Optional.of(process.toHandle()) : Optional.empty();
        }
        return pidFile.liveProcess();
    }

    /** Stops the process tree; does nothing when nothing runs. Returns true when something was stopped. */
    synchronized boolean stop(Duration grace) {
        Optional<ProcessHandle> running = running();
        running.ifPresent(root -> {
            LOG.log(System.Logger.Level.INFO, "Stopping {0} (pid {1})", name, String.valueOf(root.pid()));
            if (!ProcessTree.stop(root, grace)) {
                LOG.log(System.Logger.Level.WARNING, "Some processes of {0} are still alive", name);
            }
        });
        pidFile.delete();
        removeShutdownHook();
        process = null;
        return running.isPresent();
    }

    Path mainLog() {
        return mainLog;
    }

    Path consoleLog() {
        return consoleLog;
    }

    private void stopQuietly() {
        try {
            stop(STOP_GRACE);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not stop " + name, e);
        }
    }

    private void removeShutdownHook() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook runs (or ran) anyway.
            }
        }
        shutdownHook = null;
    }

    private String exitCode() {
        Process launched = process;
        return launched != null && !launched.isAlive() ? " (exit code " + launched.exitValue() + ")" : "";
    }

    private StoreStartFailure failure(String headline) {
        StringBuilder message = new StringBuilder(headline).append(".\nLog: ").append(mainLog)
                .append("\nConsole output: ").append(consoleLog).append('\n')
                .append(LogTail.describe(mainLog, LOG_LINES));
        if (!consoleLog.equals(mainLog)) {
            message.append('\n').append(LogTail.describe(consoleLog, LOG_LINES / 2));
        }
        return new StoreStartFailure(message.toString());
    }

    static void createDirectories(Path... directories) {
        try {
            for (Path directory : directories) {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
