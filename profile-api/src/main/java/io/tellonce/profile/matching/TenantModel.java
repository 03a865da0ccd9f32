package io.tellonce.profile.matching;

import io.tellonce.matching.MatchModel;

/** The model that scores a tenant's matches, and its name: "default" or the tenant's version ("v3"). */
public record TenantModel(String name, MatchModel model) {
}
