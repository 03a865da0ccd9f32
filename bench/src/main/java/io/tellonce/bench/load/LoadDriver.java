package io.tellonce.bench.load;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/** Runs one operation under a {@link LoadShape}: warm-up, then the measured phase, then a drain of what is in flight. */
public final class LoadDriver {
    private final Duration drainTimeout;

    public LoadDriver(Duration drainTimeout) {
        this.drainTimeout = drainTimeout;
    }

    public Measurement run(Operation operation, LoadShape shape) throws InterruptedException {
        long start = System.nanoTime();
        Phases phases = new Phases(start, shape);
        // Registered parties are the requests in flight (plus this thread), so the drain waits for exactly them.
        Phaser inFlight = new Phaser(1);
        if (shape.mode() == LoadShape.Mode.CLOSED) {
            ExecutorService bounce = Executors.newFixedThreadPool(2, LoadDriver::daemon);
            try {
                new ClosedLoop(operation, phases, inFlight, bounce).start(shape.concurrency());
                long end = start + shape.warmUp().toNanos() + shape.duration().toNanos();
                while (System.nanoTime() < end) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(end - System.nanoTime(), 100_000_000L));
                }
                drain(inFlight);
            } finally {
                bounce.shutdownNow();
            }
        } else {
            new OpenLoop(operation, phases, inFlight, shape.concurrency())
                    .issue(new ArrivalSchedule(start, shape.ratePerSecond()));
            drain(inFlight);
        }
        return phases.measured().measurement(shape.duration());
    }

    private void drain(Phaser inFlight) throws InterruptedException {
        int phase = inFlight.arrive();
        try {
            inFlight.awaitAdvanceInterruptibly(phase, drainTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            System.err.printf("warning: %d requests still in flight after %s; reported without them%n",
                    inFlight.getUnarrivedParties(), drainTimeout);
        }
    }

    static CompletionStage<String> startSafely(Operation operation) {
        try {
            return operation.start();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "closed-loop-bounce");
        thread.setDaemon(true);
        return thread;
    }

    /**
     * N chains, each starting its next request when the previous answers, until the phases are over. A
     * request that completes at once (a local failure, a cached answer) continues its chain on the
     * bounce pool: calling on directly would recurse, and looping would keep the chain on the thread
     * that should be starting the other chains.
     */
    private record ClosedLoop(Operation operation, Phases phases, Phaser inFlight, ExecutorService bounce) {
        void start(int concurrency) {
            for (int i = 0; i < concurrency; i++) {
                inFlight.register();
                next();
            }
        }

        private void next() {
            long started = System.nanoTime();
            if (phases.over(started)) {
                inFlight.arriveAndDeregister();
                return;
            }
            LatencyRecorder recorder = phases.recorderFor(started);
            CompletableFuture<String> call = startSafely(operation).toCompletableFuture();
            boolean answeredAtOnce = call.isDone();
            call.whenComplete((outcome, failure) -> {
                Phases.complete(recorder, started, outcome, failure);
                if (answeredAtOnce) {
                    bounceNext();
                } else {
                    next();
                }
            });
        }

        private void bounceNext() {
            try {
                bounce.execute(this::next);
            } catch (RejectedExecutionException shutDown) {
                inFlight.arriveAndDeregister();
            }
        }
    }

    /** Requests on a fixed schedule, each timed from its intended start, at most maxInFlight outstanding. */
    private record OpenLoop(Operation operation, Phases phases, Phaser inFlight, int maxInFlight) {
        void issue(ArrivalSchedule schedule) throws InterruptedException {
            Semaphore slots = new Semaphore(maxInFlight);
            for (long i = 0; ; i++) {
                long intended = schedule.intendedStart(i);
                if (phases.over(intended)) {
                    return;
                }
                // parkNanos, not sleep: on JDK 17 sleep rounds up to whole milliseconds, which would
                // add up to 1 ms of the driver's own lateness to every request timed from its schedule.
                for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
                // When the service falls behind, this waits; the wait counts in the latency of the
                // requests that should have started meanwhile, as it would for a real caller.
                slots.acquire();
                inFlight.register();
                LatencyRecorder recorder = phases.recorderFor(intended);
                startSafely(operation).whenComplete((outcome, failure) -> {
                    Phases.complete(recorder, intended, outcome, failure);
                    slots.release();
                    inFlight.arriveAndDeregister();
                });
            }
        }
    }
}
