package io.tellonce.profile.app;

import java.util.UUID;

/** No review item with this id in the caller's tenant. */
public final class ReviewItemNotFound extends RuntimeException {
    private final UUID item;

    public ReviewItemNotFound(UUID item) {
        super("no review item " + item, null, false, false);
        this.item = item;
    }

    public UUID item() {
        return item;
    }
}
