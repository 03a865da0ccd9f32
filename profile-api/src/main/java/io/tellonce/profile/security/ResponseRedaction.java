package io.tellonce.profile.security;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Field-level redaction by role, applied to every response in one place (the authentication
 * interceptor) rather than per endpoint, so that an RPC added later is redacted too. It works on
 * message types wherever they appear: an identifier is masked whether it sits in a profile, a
 * consent record or a case.
 * <ul>
 * <li>Agents, ingest systems, privacy officers and admins see everything their RPCs return.</li>
 * <li>Bots: identifier values masked, no postal address, no date of birth, no identifier evidence,
 *     and no transcript of an interaction on another channel than the bot's own (the token's channel
 *     claim; without one, no transcript at all).</li>
 * <li>Personalisation engines: no identifiers at all, no address, no date of birth, no transcripts.</li>
 * </ul>
 * A caller with several roles sees what its least restricted role sees.
 */
@Singleton
public final class ResponseRedaction {
    private static final Set<CallerRole> UNRESTRICTED = EnumSet.of(CallerRole.AGENT, CallerRole.INGEST,
            CallerRole.PRIVACY_OFFICER, CallerRole.ADMIN);
    private static final String IDENTIFIER = "tellonce.v1.Identifier";
    private static final String PROFILE_IDENTIFIER = "tellonce.v1.ProfileIdentifier";
    private static final String PROFILE = "tellonce.v1.Profile";
    private static final String ADDRESS = "tellonce.v1.PostalAddress";
    private static final String ATTRIBUTES = "tellonce.v1.PersonAttributes";
    private static final String INTERACTION = "tellonce.v1.Interaction";
    private static final String CHANNEL_PREFIX = "CHANNEL_";

    /** Whether responses to this caller need redaction at all (the common case for agents is no). */
    public boolean appliesTo(AuthenticatedCaller caller) {
        return !caller.hasAnyOf(UNRESTRICTED);
    }

    @SuppressWarnings("unchecked")
    public <T> T redact(T response, AuthenticatedCaller caller) {
        if (!appliesTo(caller) || !(response instanceof Message message)) {
            return response;
        }
        return (T) redactMessage(message, caller.roles().contains(CallerRole.BOT)
                ? new Rules(true, caller.channel().map(c -> c.toUpperCase(Locale.ROOT)).orElse(null))
                : new Rules(false, null));
    }

    /** @param bot whether identifiers are masked (bot) or dropped (personalisation); channel: the bot's own */
    private record Rules(boolean bot, String channel) {
    }

    private Message redactMessage(Message message, Rules rules) {
        String type = message.getDescriptorForType().getFullName();
        if (type.equals(IDENTIFIER)) {
            return maskIdentifier(message);
        }
        Message.Builder builder = message.toBuilder();
        switch (type) {
            case ATTRIBUTES -> clear(builder, "date_of_birth", "address");
            case PROFILE_IDENTIFIER -> clear(builder, "evidence");
            case PROFILE -> {
                if (!rules.bot()) {
                    clear(builder, "identifiers");
                }
            }
            case INTERACTION -> {
                if (!rules.bot() || !ownChannel(message, rules.channel())) {
                    clear(builder, "transcript");
                }
            }
            default -> {
            }
        }
        for (Map.Entry<FieldDescriptor, Object> field : builder.getAllFields().entrySet()) {
            FieldDescriptor descriptor = field.getKey();
            if (descriptor.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (descriptor.getMessageType().getFullName().equals(ADDRESS)) {
                builder.clearField(descriptor);
            } else if (descriptor.isRepeated()) {
                List<Object> redacted = new ArrayList<>();
                for (Object item : (List<?>) field.getValue()) {
                    redacted.add(redactMessage((Message) item, rules));
                }
                builder.setField(descriptor, redacted);
            } else {
                builder.setField(descriptor, redactMessage((Message) field.getValue(), rules));
            }
        }
        return builder.build();
    }

    private static boolean ownChannel(Message interaction, String botChannel) {
        if (botChannel == null) {
            return false;
        }
        FieldDescriptor channel = interaction.getDescriptorForType().findFieldByName("channel");
        Object value = interaction.getField(channel);
        String name = value instanceof com.google.protobuf.Descriptors.EnumValueDescriptor e ? e.getName() : "";
        return name.equals(botChannel) || name.equals(CHANNEL_PREFIX + botChannel);
    }

    private static void clear(Message.Builder builder, String... fieldNames) {
        for (String name : fieldNames) {
            FieldDescriptor field = builder.getDescriptorForType().findFieldByName(name);
            if (field != null) {
                builder.clearField(field);
            }
        }
    }

    private static Message maskIdentifier(Message identifier) {
        FieldDescriptor value = identifier.getDescriptorForType().findFieldByName("value");
        return identifier.toBuilder().setField(value, IdentifierMask.mask((String) identifier.getField(value))).build();
    }
}
