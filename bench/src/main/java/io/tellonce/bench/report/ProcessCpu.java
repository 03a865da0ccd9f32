package io.tellonce.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time a process has used so far (user + system, from /proc/PID/stat). On a machine shared with
 * other work, CPU milliseconds per operation are a far steadier measure of cost than throughput.
 */
public record ProcessCpu(String name, long pid) {
    /** /proc reports in USER_HZ ticks, 100 per second on every Linux this runs on. */
    private static final long MILLIS_PER_TICK = 10;

    public static ProcessCpu self() {
        return new ProcessCpu("bench", ProcessHandle.current().pid());
    }

    public OptionalLong usedMillis() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces:
            // state is field 3, utime field 14 and stime field 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
