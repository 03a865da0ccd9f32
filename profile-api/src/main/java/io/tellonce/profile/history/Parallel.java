package io.tellonce.profile.history;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Reads that run at once, one per node, joined when all have answered. */
final class Parallel {
    private Parallel() {
    }

    static <N, T> CompletionStage<List<T>> each(List<N> nodes, Function<N, CompletionStage<T>> read) {
        List<CompletableFuture<T>> reads = nodes.stream().map(node -> read.apply(node).toCompletableFuture()).toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                .thenApply(done -> reads.stream().map(CompletableFuture::join).toList());
    }
}
