package io.tellonce.bench.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The CPU each watched process used between {@link #open()} and {@link #close()}: one measured phase. */
public final class CpuWindow {
    private final List<ProcessCpu> processes;
    private final Map<String, Long> atOpen = new HashMap<>();
    private final Map<String, Long> used = new TreeMap<>();

    public CpuWindow(List<ProcessCpu> processes) {
        this.processes = List.copyOf(processes);
    }

    public synchronized void open() {
        processes.forEach(process -> process.usedMillis().ifPresent(millis -> atOpen.put(process.name(), millis)));
    }

    public synchronized void close() {
        processes.forEach(process -> process.usedMillis().ifPresent(millis -> {
            Long opened = atOpen.get(process.name());
            if (opened != null) {
                used.put(process.name(), millis - opened);
            }
        }));
    }

    /** CPU milliseconds per operation, per process; empty before {@link #close()}. */
    public synchronized Map<String, Double> millisPer(long operations) {
        Map<String, Double> perOperation = new TreeMap<>();
        if (operations > 0) {
            used.forEach((name, millis) -> perOperation.put(name, millis / (double) operations));
        }
        return perOperation;
    }
}
