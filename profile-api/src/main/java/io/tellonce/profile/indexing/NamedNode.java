package io.tellonce.profile.indexing;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;

/** A profile or identity node a change names, in its tenant. */
record NamedNode(TenantId tenant, ProfileId id) {
}
