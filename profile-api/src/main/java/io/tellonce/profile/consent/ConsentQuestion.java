package io.tellonce.profile.consent;

import io.tellonce.identity.Identifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * May {@code purpose} use the person's data on {@code channel} (through {@code identifier})?
 *
 * @param identifier the identifier that will be used (the address to e-mail); its own records count first
 */
public record ConsentQuestion(Purpose purpose, ConsentChannel channel, Optional<Identifier> identifier) {
    public ConsentQuestion {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(identifier, "identifier");
    }

    /** The keys whose records answer this question, most specific first. */
    List<ConsentRecord.ConsentKey> levels() {
        List<ConsentRecord.ConsentKey> levels = new ArrayList<>();
        identifier.ifPresent(scope -> addChannels(levels, Optional.of(scope)));
        addChannels(levels, Optional.empty());
        return levels;
    }

    private void addChannels(List<ConsentRecord.ConsentKey> levels, Optional<Identifier> scope) {
        levels.add(new ConsentRecord.ConsentKey(purpose, channel, scope));
        if (channel != ConsentChannel.ANY) {
            levels.add(new ConsentRecord.ConsentKey(purpose, ConsentChannel.ANY, scope));
        }
    }
}
