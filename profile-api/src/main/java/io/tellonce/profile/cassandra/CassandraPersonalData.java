package io.tellonce.profile.cassandra;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.PersonalData;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

/** A person's records in every table, surveyed and removed on the cluster threads (erasure is rare). */
@Singleton
final class CassandraPersonalData implements PersonalData {
    private final PersonalDataSurvey survey;
    private final PersonalDataRemoval removal;
    private final ExecutorService clusterThreads;

    CassandraPersonalData(PersonalDataSurvey survey, PersonalDataRemoval removal,
                          @Named(ClusterThreads.NAME) ExecutorService clusterThreads) {
        this.survey = survey;
        this.removal = removal;
        this.clusterThreads = clusterThreads;
    }

    @Override
    public CompletionStage<Holdings> holdings(TenantId tenant, List<ProfileId> nodes) {
        return CompletableFuture.supplyAsync(() -> {
            PersonalDataSurvey.Survey found = survey.of(tenant, nodes);
            return new Holdings(found.identifiers().stream().filter(PersonalDataSurvey.Listed::linkable)
                    .map(PersonalDataSurvey.Listed::identifier).distinct().toList(), found.counts());
        }, clusterThreads);
    }

    @Override
    public CompletionStage<Map<String, Long>> remove(TenantId tenant, List<ProfileId> nodes) {
        return CompletableFuture.supplyAsync(() -> {
            PersonalDataSurvey.Survey found = survey.of(tenant, nodes);
            removal.remove(tenant, found);
            return found.counts();
        }, clusterThreads);
    }
}
