package io.tellonce.profile.grpc;

import io.grpc.Context;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.Caller;
import io.tellonce.profile.security.AuthenticatedCaller;
import jakarta.inject.Singleton;

/**
 * Who is calling, inside an endpoint method: the tenant and caller that {@link CallerAuthentication}
 * took from the verified access token (never from the request).
 */
@Singleton
public final class CallerTenant {
    private final Context.Key<AuthenticatedCaller> authenticated = Context.key("tellonce-caller");

    /** The tenant of the call being served; only valid inside an endpoint method. */
    public TenantId current() {
        return authenticated().tenant();
    }

    /** Who is calling, as the audit records it; only valid inside an endpoint method. */
    public Caller caller() {
        return authenticated().asAuditCaller();
    }

    /** The verified caller with its roles; only valid inside an endpoint method. */
    public AuthenticatedCaller authenticated() {
        AuthenticatedCaller current = authenticated.get();
        if (current == null) {
            throw new IllegalStateException("no caller in the call context: is CallerAuthentication installed?");
        }
        return current;
    }

    Context bind(AuthenticatedCaller caller) {
        return Context.current().withValue(authenticated, caller);
    }
}
