package io.tellonce.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The machine a run was taken on: figures mean little without it. */
public record MachineInfo(int cores, String cpu, double memoryGiB, String os, String jdk, String loadAverageAtStart) {

    public static MachineInfo current() {
        return new MachineInfo(Runtime.getRuntime().availableProcessors(),
                firstLine(Path.of("/proc/cpuinfo"), "model name").map(line -> line.substring(line.indexOf(':') + 1).trim())
                        .orElse("unknown"),
                firstLine(Path.of("/proc/meminfo"), "MemTotal").map(MachineInfo::kibToGiB).orElse(0.0),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                read(Path.of("/proc/loadavg")).map(line -> String.join(" ", List.of(line.split(" ")).subList(0, 3)))
                        .orElse("unknown"));
    }

    private static double kibToGiB(String meminfoLine) {
        String digits = meminfoLine.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits) / (1024.0 * 1024.0);
    }

    static Optional<String> firstLine(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().filter(line -> line.startsWith(prefix)).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
