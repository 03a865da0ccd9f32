package io.tellonce.profile.history;

import io.tellonce.identity.TenantId;
import java.util.function.Consumer;

/** Delivers a tenant's changes, made by any service instance, shortly after they happen. */
public interface ChangeFollower {

    /**
     * Calls the listener with each change of the tenant from about now on, in the order they happened,
     * one at a time. A change may be delivered more than once around the moment of subscribing.
     *
     * @return closing it stops the delivery
     */
    AutoCloseable follow(TenantId tenant, Consumer<ProfileChange> listener);
}
