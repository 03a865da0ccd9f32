package io.tellonce.bench.grpc;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.tellonce.proto.v1.ConsentServiceGrpc;
import io.tellonce.proto.v1.ConsentServiceGrpc.ConsentServiceFutureStub;
import io.tellonce.proto.v1.ContextServiceGrpc;
import io.tellonce.proto.v1.ContextServiceGrpc.ContextServiceFutureStub;
import io.tellonce.proto.v1.HistoryServiceGrpc;
import io.tellonce.proto.v1.HistoryServiceGrpc.HistoryServiceFutureStub;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.IdentityServiceGrpc.IdentityServiceFutureStub;
import io.tellonce.proto.v1.MatchingServiceGrpc;
import io.tellonce.proto.v1.MatchingServiceGrpc.MatchingServiceFutureStub;
import io.tellonce.proto.v1.ProfileServiceGrpc;
import io.tellonce.proto.v1.ProfileServiceGrpc.ProfileServiceFutureStub;
import io.tellonce.proto.v1.SearchServiceGrpc;
import io.tellonce.proto.v1.SearchServiceGrpc.SearchServiceFutureStub;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The service's public gRPC API as the benchmark calls it: one plaintext channel, non-blocking stubs,
 * one per service the scenarios and the seeding call.
 */
public final class ServiceClient implements AutoCloseable {
    private final ManagedChannel channel;
    private final IdentityServiceFutureStub identity;
    private final ProfileServiceFutureStub profiles;
    private final HistoryServiceFutureStub history;
    private final ContextServiceFutureStub context;
    private final ConsentServiceFutureStub consent;
    private final SearchServiceFutureStub search;
    private final MatchingServiceFutureStub matching;

    public ServiceClient(String target, CallerCredentials credentials) {
        // Callbacks only record a time and start the next request, so they run on the transport's own
        // threads: on two cores every hop to another pool is CPU taken from the service under test.
        this.channel = NettyChannelBuilder.forTarget(target).usePlaintext().directExecutor().build();
        var authenticated = ClientInterceptors.intercept(channel, credentials);
        this.identity = IdentityServiceGrpc.newFutureStub(authenticated);
        this.profiles = ProfileServiceGrpc.newFutureStub(authenticated);
        this.history = HistoryServiceGrpc.newFutureStub(authenticated);
        this.context = ContextServiceGrpc.newFutureStub(authenticated);
        this.consent = ConsentServiceGrpc.newFutureStub(authenticated);
        this.search = SearchServiceGrpc.newFutureStub(authenticated);
        this.matching = MatchingServiceGrpc.newFutureStub(authenticated);
    }

    public IdentityServiceFutureStub identity() {
        return identity;
    }

    public ProfileServiceFutureStub profiles() {
        return profiles;
    }

    public HistoryServiceFutureStub history() {
        return history;
    }

    public ContextServiceFutureStub context() {
        return context;
    }

    public ConsentServiceFutureStub consent() {
        return consent;
    }

    public SearchServiceFutureStub search() {
        return search;
    }

    public MatchingServiceFutureStub matching() {
        return matching;
    }

    /** A gRPC future as a stage, completed on the thread that receives the answer. */
    public static <T> CompletionStage<T> stage(ListenableFuture<T> future) {
        CompletableFuture<T> stage = new CompletableFuture<>();
        Futures.addCallback(future, new FutureCallback<>() {
            @Override
            public void onSuccess(T result) {
                stage.complete(result);
            }

            @Override
            public void onFailure(Throwable failure) {
                stage.completeExceptionally(failure);
            }
        }, MoreExecutors.directExecutor());
        return stage;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdown();
        if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
            channel.shutdownNow();
        }
    }
}
