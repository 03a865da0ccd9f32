package io.tellonce.bench.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service's CPU time goes, from a JFR recording taken during a benchmark run (see
 * docs/benchmarks.md, "Profiling"): the hottest methods by own samples, the share of samples per
 * library (the first frame's package), the tellonce methods that CPU is spent under, the tellonce
 * methods under which threads sat blocked, and GC pauses.
 *
 * <p>{@code java -cp bench/target/tellonce-bench.jar io.tellonce.bench.profile.JfrHotspots FILE.jfr [TOP]}
 */
public final class JfrHotspots {
    private static final Map<String, String> LIBRARIES = libraries();
    private static final Set<String> BLOCKING = Set.of("jdk.ThreadPark", "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait",
            "jdk.ThreadSleep");

    private final Map<String, Integer> selfByMethod = new HashMap<>();
    private final Map<String, Integer> byLibrary = new HashMap<>();
    private final Map<String, Integer> underTellonce = new HashMap<>();
    private final Map<String, Duration> blockedUnder = new HashMap<>();
    private int samples;
    private int gcPauses;
    private Duration gcPauseTotal = Duration.ZERO;

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JfrHotspots FILE.jfr [TOP]");
            System.exit(2);
        }
        JfrHotspots hotspots = new JfrHotspots();
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            hotspots.add(event);
        }
        System.out.print(hotspots.summary(args.length > 1 ? Integer.parseInt(args[1]) : 20));
    }

    void add(RecordedEvent event) {
        String type = event.getEventType().getName();
        if (type.equals("jdk.GCPhasePause")) {
            gcPauses++;
            gcPauseTotal = gcPauseTotal.plus(event.getDuration());
        }
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        if (BLOCKING.contains(type)) {
            // Time a thread sat parked or waiting: CPU samples cannot show a thread that blocks on Cassandra.
            innermostTellonce(stack).ifPresent(frame -> blockedUnder.merge(frame, event.getDuration(), Duration::plus));
            return;
        }
        if (!type.equals("jdk.ExecutionSample")) {
            return;
        }
        samples++;
        List<RecordedFrame> frames = stack.getFrames();
        String top = name(frames.get(0));
        selfByMethod.merge(top, 1, Integer::sum);
        byLibrary.merge(library(top), 1, Integer::sum);
        innermostTellonce(stack).ifPresent(first -> underTellonce.merge(first, 1, Integer::sum));
    }

    private static Optional<String> innermostTellonce(RecordedStackTrace stack) {
        return stack.getFrames().stream().map(JfrHotspots::name).filter(name -> name.startsWith("io.tellonce.")).findFirst();
    }

    String summary(int top) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%,d CPU samples; %d GC pauses, %d ms in total%n", samples, gcPauses,
                gcPauseTotal.toMillis()));
        section(out, "CPU by library (the sampled frame's package)", byLibrary, top);
        section(out, "hottest methods (own time)", selfByMethod, top);
        section(out, "tellonce methods that CPU is spent under (innermost tellonce frame)", underTellonce, top);
        out.append("\nthreads blocked (parked, waiting on a monitor) under tellonce methods, summed, >= the recording's threshold\n");
        blockedUnder.entrySet().stream().sorted(Map.Entry.<String, Duration>comparingByValue().reversed()).limit(top)
                .forEach(entry -> out.append(String.format("  %7d ms  %s%n", entry.getValue().toMillis(), entry.getKey())));
        return out.toString();
    }

    private void section(StringBuilder out, String title, Map<String, Integer> counts, int top) {
        out.append('\n').append(title).append('\n');
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        sorted.stream().limit(top).forEach(entry -> out.append(String.format("  %5.1f%%  %s%n",
                100.0 * entry.getValue() / Math.max(1, samples), entry.getKey())));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    static String library(String method) {
        return LIBRARIES.entrySet().stream().filter(entry -> method.startsWith(entry.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("other: " + method.substring(0, Math.max(0, method.lastIndexOf('.'))));
    }

    /** Package prefixes to the names the report uses; first match wins, so specific prefixes come first. */
    private static Map<String, String> libraries() {
        Map<String, String> libraries = new LinkedHashMap<>();
        libraries.put("io.tellonce.", "tellonce");
        libraries.put("com.datastax.", "cassandra driver");
        libraries.put("io.grpc.", "grpc");
        libraries.put("com.google.protobuf.", "protobuf");
        libraries.put("io.netty.", "netty");
        libraries.put("io.micronaut.", "micronaut");
        libraries.put("io.micrometer.", "micrometer");
        libraries.put("com.google.i18n.phonenumbers.", "libphonenumber");
        libraries.put("ch.qos.logback.", "logback");
        libraries.put("java.util.concurrent.", "jdk concurrency");
        libraries.put("java.util.regex.", "jdk regex");
        libraries.put("java.", "jdk");
        libraries.put("jdk.", "jdk");
        libraries.put("sun.", "jdk");
        return libraries;
    }
}
