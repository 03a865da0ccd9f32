package io.tellonce.profile.support;

import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class that runs the real service on the shared stores, in its own keyspace and index
 * prefix. Subclasses add {@code @MicronautTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceTest implements TestPropertyProvider {
    protected final ServiceUnderTest service;

    /** @param namespace lower-case letters, digits and '_': the keyspace and index prefix of this class */
    protected ServiceTest(String namespace) {
        this.service = new ServiceUnderTest(namespace);
    }

    @Override
    public Map<String, String> getProperties() {
        return service.properties();
    }

    @AfterAll
    void closeChannel() throws InterruptedException {
        service.close();
    }
}
