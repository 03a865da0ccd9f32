package io.tellonce.profile.grpc;

import io.tellonce.matching.FieldWeights;
import io.tellonce.matching.LevelWeights;
import io.tellonce.matching.ModelEstimation;
import io.tellonce.profile.matching.TenantModelEstimation;
import io.tellonce.proto.v1.EstimateMatchModelResponse;
import io.tellonce.proto.v1.FieldModel;
import io.tellonce.proto.v1.LevelModel;
import jakarta.inject.Singleton;
import java.util.Locale;

/** An estimated and stored model on the wire: its version, prior, m, u and weight per level, and its sample. */
@Singleton
final class MatchModelMessages {

    EstimateMatchModelResponse write(TenantModelEstimation.Estimated estimated) {
        ModelEstimation.Estimate estimate = estimated.estimate();
        EstimateMatchModelResponse.Builder response = EstimateMatchModelResponse.newBuilder()
                .setVersion(estimated.version())
                .setShadow(estimated.shadow())
                .setPrior(estimate.model().prior())
                .setRecordsUsed(estimate.records())
                .setCandidatePairs(estimate.candidatePairs())
                .setRandomPairs(estimate.randomPairs());
        for (FieldWeights field : estimate.model().fields()) {
            FieldModel.Builder wire = FieldModel.newBuilder().setField(field.field().name().toLowerCase(Locale.ROOT));
            for (LevelWeights level : field.levels()) {
                wire.addLevels(LevelModel.newBuilder().setLevel(level.label()).setM(level.m()).setU(level.u())
                        .setWeight(level.weight()));
            }
            response.addFields(wire);
        }
        return response.build();
    }
}
