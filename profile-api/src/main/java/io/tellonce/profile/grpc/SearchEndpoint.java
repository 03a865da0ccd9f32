package io.tellonce.profile.grpc;

import io.grpc.stub.StreamObserver;
import io.tellonce.profile.app.IndexStatus;
import io.tellonce.profile.app.PreconditionFailed;
import io.tellonce.profile.indexing.IndexRebuild;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.profile.history.Interaction;
import io.tellonce.profile.history.InteractionSearches;
import io.tellonce.proto.v1.Channel;
import io.tellonce.proto.v1.InteractionSearchHit;
import io.tellonce.proto.v1.ReindexRequest;
import io.tellonce.proto.v1.SearchInteractionsRequest;
import io.tellonce.proto.v1.SearchInteractionsResponse;
import io.tellonce.proto.v1.Sentiment;
import io.tellonce.search.IndexDefinition;
import io.tellonce.search.SearchIndexes;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
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

/** tellonce.v1.SearchService: maps the wire to profile and interaction searches, the index status and rebuilds. */
@Singleton
final class SearchEndpoint extends SearchServiceGrpc.SearchServiceImplBase {
    private final CallerTenant tenants;
    private final ProfileSearches searches;
    private final IndexStatus status;
    private final ProfileMessages profiles;
    private final Replies replies;

    private final IndexRebuild rebuild;
    private final InteractionSearches interactionSearches;
    private final ProfileLookups lookups;

    SearchEndpoint(CallerTenant tenants, ProfileSearches searches, IndexStatus status, ProfileMessages profiles,
                   Replies replies, IndexRebuild rebuild, InteractionSearches interactionSearches,
                   ProfileLookups lookups) {
        this.rebuild = rebuild;
        this.interactionSearches = interactionSearches;
        this.lookups = lookups;
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
    public void searchInteractions(SearchInteractionsRequest request,
                                   StreamObserver<SearchInteractionsResponse> responses) {
        replies.reply(responses, () -> {
            TenantId tenant = tenants.current();
            InteractionSearchRequestReader.Read read = InteractionSearchRequestReader.read(request, lookups);
            CompletionStage<Optional<ProfileId>> person = read.person()
                    .map(lookup -> lookups.find(tenant, lookup).thenApply(Optional::of))
                    .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty()));
            return person.thenCompose(only -> interactionSearches.search(tenant, request.getQuery(), read.filters(),
                            only, read.order(), read.page().offset(), read.page().size()))
                    .thenApply(found -> {
                        SearchInteractionsResponse.Builder response = SearchInteractionsResponse.newBuilder()
                                .setTotalSize(found.total());
                        found.matches().forEach(match -> response.addHits(interactionHit(match)));
                        read.page().next(found.total()).ifPresent(response::setNextPageToken);
                        return response.build();
                    });
        });
    }

    private static InteractionSearchHit interactionHit(InteractionSearches.Match match) {
        Interaction interaction = match.interaction();
        return InteractionSearchHit.newBuilder()
                .setProfileId(match.profile().toString())
                .setInteractionId(interaction.id().toString())
                .setNodeId(interaction.node().toString())
                .setChannel(RequestFields.wire(interaction.channel(), HistoryMessages.CHANNEL, Channel.class))
                .setOccurTime(WireTime.of(interaction.occurredAt()))
                .setTopic(interaction.topic())
                .setSummary(interaction.summary())
                .setSentiment(RequestFields.wire(interaction.sentiment(), HistoryMessages.SENTIMENT, Sentiment.class))
                .setCaseId(interaction.caseId().map(Object::toString).orElse(""))
                .setScore(match.score())
                .addAllSummaryHighlights(match.summaryHighlights())
                .addAllTranscriptHighlights(match.transcriptHighlights())
                .build();
    }

    /** The index a request names: profiles when it names none. */
    private static IndexDefinition index(String name) {
        return SearchIndexes.named(name.isEmpty() ? SearchIndexes.PROFILES.name() : name)
                .orElseThrow(() -> new InvalidRequest("index", "must be one of " + SearchIndexes.CURRENT.stream()
                        .map(IndexDefinition::name).toList() + ", or empty for " + SearchIndexes.PROFILES.name()));
    }

    @Override
    public void getIndexStatus(GetIndexStatusRequest request, StreamObserver<GetIndexStatusResponse> responses) {
        replies.reply(responses, () -> {
            tenants.current();
            return status.report(index(request.getIndex())).thenApply(report -> {
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
                        .setIndex(rebuild.start(index(request.getIndex()).name()).index()).build());
            } catch (IllegalStateException running) {
                throw new PreconditionFailed(running.getMessage());
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
    }
}
