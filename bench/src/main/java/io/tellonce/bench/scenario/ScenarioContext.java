package io.tellonce.bench.scenario;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tellonce.bench.data.Observations;
import io.tellonce.bench.data.PersonGenerator;
import io.tellonce.bench.grpc.ServiceClient;
import java.util.function.Supplier;

/**
 * What scenarios draw on: the service's API, the raw Cassandra session (opened only when a baseline
 * runs), the seeded population and a sample of its profile ids (read once, when first needed).
 */
public final class ScenarioContext {
    private final ServiceClient service;
    private final Supplier<CqlSession> cassandra;
    private final PersonGenerator people;
    private final Observations observations;
    private final int population;
    private final long runNonce;
    private final Supplier<SeededProfiles> seededProfiles;

    public ScenarioContext(ServiceClient service, Supplier<CqlSession> cassandra, PersonGenerator people,
                           Observations observations, int population, long runNonce) {
        this.service = service;
        this.cassandra = cassandra;
        this.people = people;
        this.observations = observations;
        this.population = population;
        this.runNonce = runNonce;
        this.seededProfiles = Memo.of(() -> SeededProfiles.sample(service, people, population));
    }

    public ServiceClient service() {
        return service;
    }

    public CqlSession cassandra() {
        return cassandra.get();
    }

    public PersonGenerator people() {
        return people;
    }

    public Observations observations() {
        return observations;
    }

    public int population() {
        return population;
    }

    /** Distinguishes this run's fresh data (new customers) from every earlier run's. */
    public long runNonce() {
        return runNonce;
    }

    public SeededProfiles seededProfiles() {
        return seededProfiles.get();
    }
}
