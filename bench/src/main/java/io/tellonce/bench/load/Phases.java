package io.tellonce.bench.load;

/** The warm-up and measurement recorders of one run, and the instants that separate them. */
final class Phases {
    private final LatencyRecorder warmUp = new LatencyRecorder();
    private final LatencyRecorder measured = new LatencyRecorder();
    private final long measureFrom;
    private final long measureUntil;

    Phases(long startNanos, LoadShape shape) {
        this.measureFrom = startNanos + shape.warmUp().toNanos();
        this.measureUntil = measureFrom + shape.duration().toNanos();
    }

    /** The recorder of a request that started (or was meant to start) at this instant. */
    LatencyRecorder recorderFor(long startNanos) {
        return startNanos < measureFrom ? warmUp : measured;
    }

    boolean over(long nanos) {
        return nanos >= measureUntil;
    }

    LatencyRecorder measured() {
        return measured;
    }

    static void complete(LatencyRecorder recorder, long startNanos, String outcome, Throwable failure) {
        if (failure == null) {
            recorder.success(System.nanoTime() - startNanos, outcome);
        } else {
            recorder.failure(FailureCodes.of(failure));
        }
    }
}
