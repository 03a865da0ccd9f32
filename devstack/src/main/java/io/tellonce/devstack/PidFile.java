package io.tellonce.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A file holding the process id of a running store (or of the service, written by the shell script). */
public record PidFile(Path path) {

    /**
     * PIDs are reused. A live process that started clearly after the file was written is somebody else's;
     * the slack covers clock granularity and scripts that write the file a moment after the start.
     */
    private static final Duration START_SLACK = Duration.ofSeconds(5);

    public void write(long pid) {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, pid + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Long> read() {
        try {
            return Optional.of(Long.parseLong(Files.readString(path).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The process named by the file, if it is alive and is the one that was recorded. */
    public Optional<ProcessHandle> liveProcess() {
        Optional<Long> pid = read();
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get())
                .filter(ProcessHandle::isAlive)
                .filter(handle -> !zombie(handle.pid()));
        Instant written;
        try {
            written = Files.getLastModifiedTime(path).toInstant();
        } catch (IOException e) {
            return Optional.empty();
        }
        return process.filter(handle -> handle.info().startInstant()
                .map(started -> !started.isAfter(written.plus(START_SLACK)))
                .orElse(true));
    }

    /**
     * A killed process whose parent has not collected it yet still counts as alive for ProcessHandle; it
     * is gone as far as we are concerned (Linux: state Z in /proc/PID/stat).
     */
    static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName > 0 && stat.length() > afterName + 2 && stat.charAt(afterName + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
