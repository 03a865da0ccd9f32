package io.tellonce.bench.scenario;

import io.tellonce.bench.load.Operation;

/** Prepares a scenario (statements, samples of seeded data) and hands back its operation. */
@FunctionalInterface
public interface OperationFactory {
    Operation prepare(ScenarioContext context) throws Exception;
}
