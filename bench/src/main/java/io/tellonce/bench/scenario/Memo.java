package io.tellonce.bench.scenario;

import java.util.function.Supplier;

/** A value computed on first use and kept: an expensive connection or sample that many scenarios share. */
public final class Memo<T> implements Supplier<T> {
    private final Supplier<T> compute;
    private T value;

    private Memo(Supplier<T> compute) {
        this.compute = compute;
    }

    public static <T> Memo<T> of(Supplier<T> compute) {
        return new Memo<>(compute);
    }

    @Override
    public synchronized T get() {
        if (value == null) {
            value = compute.get();
        }
        return value;
    }

    public synchronized boolean computed() {
        return value != null;
    }
}
