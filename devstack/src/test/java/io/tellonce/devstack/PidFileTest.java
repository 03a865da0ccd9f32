package io.tellonce.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @Test
    void liveProcessIsFound(@TempDir Path folder) {
        PidFile pidFile = new PidFile(folder.resolve("x/service.pid"));
        pidFile.write(ProcessHandle.current().pid());
        assertEquals(ProcessHandle.current().pid(), pidFile.liveProcess().orElseThrow().pid());
        pidFile.delete();
        assertTrue(pidFile.liveProcess().isEmpty());
    }

    /** A PID file older than the process with that PID is about a process that is gone (the PID was reused). */
    @Test
    void reusedPidIsNotOurs(@TempDir Path folder) throws Exception {
        PidFile pidFile = new PidFile(folder.resolve("service.pid"));
        pidFile.write(ProcessHandle.current().pid());
        Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
        Files.setLastModifiedTime(pidFile.path(), FileTime.from(started.minus(1, ChronoUnit.HOURS)));
        assertTrue(pidFile.liveProcess().isEmpty());
    }

    @Test
    void garbageIsNoProcess(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("service.pid"), "not a pid");
        assertTrue(new PidFile(folder.resolve("service.pid")).liveProcess().isEmpty());
    }

    /** A killed store that its parent has not collected yet must count as stopped. */
    @Test
    void zombieIsNotAlive(@TempDir Path folder) throws Exception {
        // The shell starts a child that exits at once, then becomes a sleep that never collects it.
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & echo $!; exec sleep 5").start();
        try {
            long child = Long.parseLong(new BufferedReader(new InputStreamReader(parent.getInputStream())).readLine().trim());
            Thread.sleep(300);
            assertTrue(PidFile.zombie(child), "child should be a zombie");
            PidFile pidFile = new PidFile(folder.resolve("child.pid"));
            Files.writeString(pidFile.path(), child + "\n");
            assertTrue(pidFile.liveProcess().isEmpty());
            assertFalse(PidFile.zombie(parent.pid()));
        } finally {
            parent.destroyForcibly();
        }
    }
}
