package io.tellonce.profile.cassandra;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for merges, unmerges and whole-profile reads, which run as blocking steps: never on the
 * driver's I/O threads, and bounded so that a burst of merges cannot starve the rest.
 */
@Factory
final class ClusterThreads {
    static final String NAME = "cluster-operations";

    @Singleton
    @Named(NAME)
    @Bean(preDestroy = "shutdown")
    ExecutorService clusterThreads() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(8, 8, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), runnable -> {
            Thread thread = new Thread(runnable, NAME + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
