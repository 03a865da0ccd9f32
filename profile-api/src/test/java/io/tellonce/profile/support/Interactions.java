package io.tellonce.profile.support;

import com.google.protobuf.Timestamp;
import io.tellonce.proto.v1.Channel;
import io.tellonce.proto.v1.Direction;
import io.tellonce.proto.v1.GetCustomerContextRequest;
import io.tellonce.proto.v1.Interaction;
import io.tellonce.proto.v1.ListInteractionsRequest;
import io.tellonce.proto.v1.ProfileLookup;
import io.tellonce.proto.v1.RecordInteractionRequest;
import java.time.Instant;

/** Short ways to write the history and context requests tests send. */
public final class Interactions {
    private Interactions() {
    }

    public static Timestamp at(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public static Interaction.Builder interaction(Channel channel, Direction direction, Instant occurredAt, String topic,
                                                  String summary) {
        return Interaction.newBuilder().setChannel(channel).setDirection(direction).setOccurTime(at(occurredAt))
                .setTopic(topic).setSummary(summary).setSourceSystem("test");
    }

    public static Interaction.Builder inbound(Channel channel, Instant occurredAt, String topic) {
        return interaction(channel, Direction.DIRECTION_INBOUND, occurredAt, topic, topic + " at " + occurredAt);
    }

    public static RecordInteractionRequest onProfile(String profileId, Interaction.Builder interaction) {
        return RecordInteractionRequest.newBuilder().setProfileId(profileId).setInteraction(interaction).build();
    }

    public static ProfileLookup byId(String profileId) {
        return ProfileLookup.newBuilder().setProfileId(profileId).build();
    }

    public static ListInteractionsRequest.Builder listOf(String profileId) {
        return ListInteractionsRequest.newBuilder().setLookup(byId(profileId));
    }

    public static GetCustomerContextRequest contextOf(ProfileLookup lookup) {
        return GetCustomerContextRequest.newBuilder().setLookup(lookup).build();
    }
}
