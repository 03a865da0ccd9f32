package io.tellonce.profile.grpc;

import io.grpc.stub.StreamObserver;
import io.tellonce.profile.app.IndexStatus;
import io.tellonce.profile.app.PreconditionFailed;
import io.tellonce.profile.indexing.IndexRebuild;
import io.tellonce.proto.v1.ReindexRequest;
import io.tellonce.proto.v1.ReindexResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import io.tellonce.profile.app.ProfileSearches;
import io.tellonce.proto.v1.GetIndexStatusRequest;
import io.tellonce.proto.v1.GetIndexStatusResponse;
import io.tellonce.proto.v1.IndexShardStatus;
import io.tellonce.proto.v1.ProfileSearchHit;
import io.tellonce.proto.v1.SearchProfilesRequest;
import io.tellonce.proto.v1.SearchProfilesResponse;
import io.tellonce.proto.v1.SearchServiceGrpc;
import jakarta.inject.Singleton;

/** tellonce.v1.SearchService: maps the wire to profile searches and the index status. */
@Singleton
final class SearchEndpoint extends SearchServiceGrpc.SearchServiceImplBase {
    private final CallerTenant tenants;
    private final ProfileSearches searches;
    private final IndexStatus status;
    private final ProfileMessages profiles;
    private final Replies replies;

    private final IndexRebuild rebuild;

    SearchEndpoint(CallerTenant tenants, ProfileSearches searches, IndexStatus status, ProfileMessages profiles,
                   Replies replies, IndexRebuild rebuild) {
        this.rebuild = rebuild;
        this.tenants = tenants;
        this.searches = searches;
        this.status = status;
        this.profiles = profiles;
        this.replies = replies;
    }

    @Override
    public void searchProfiles(SearchProfilesRequest request, StreamObserver<SearchProfilesResponse> responses) {
        replies.reply(responses, () -> {
            var tenant = tenants.current();
            SearchRequestReader.Read read = SearchRequestReader.read(request);
            return searches.search(tenant, request.getQuery(), read.filters(), read.page().offset(), read.page().size())
                    .thenApply(found -> {
                        SearchProfilesResponse.Builder response = SearchProfilesResponse.newBuilder()
                                .setTotalSize(found.total());
                        found.matches().forEach(match -> response.addHits(ProfileSearchHit.newBuilder()
                                .setProfile(profiles.write(match.profile()))
                                .setScore(match.hit().score())
                                .addAllMatched(match.hit().matched())
                                .addAllNameHighlights(match.hit().nameHighlights())));
                        read.page().next(found.total()).ifPresent(response::setNextPageToken);
                        return response.build();
                    });
        });
    }

    @Override
    public void getIndexStatus(GetIndexStatusRequest request, StreamObserver<GetIndexStatusResponse> responses) {
        replies.reply(responses, () -> {
            tenants.current();
            return status.report().thenApply(report -> {
                GetIndexStatusResponse.Builder response = GetIndexStatusResponse.newBuilder()
                        .setLag(com.google.protobuf.Duration.newBuilder().setSeconds(report.lag().getSeconds())
                                .setNanos(report.lag().getNano()))
                        .setAlias(report.alias())
                        .addAllIndexes(report.indexes())
                        .addAllBuilding(report.building());
                report.shards().forEach(shard -> {
                    IndexShardStatus.Builder status = IndexShardStatus.newBuilder().setShard(shard.shard());
                    shard.checkpoint().ifPresent(position -> status
                            .setIndexedTo(WireTime.of(position.indexedTo()))
                            .setVerifiedTo(WireTime.of(position.verifiedTo())));
                    shard.owner().ifPresent(status::setOwner);
                    response.addShards(status);
                });
                return response.build();
            });
        });
    }

    @Override
    public void reindex(ReindexRequest request, StreamObserver<ReindexResponse> responses) {
        replies.reply(responses, () -> {
            tenants.current();
            try {
                return CompletableFuture.completedFuture(ReindexResponse.newBuilder()
                        .setIndex(rebuild.start().index()).build());
            } catch (IllegalStateException running) {
                throw new PreconditionFailed(running.getMessage());
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
    }
}
