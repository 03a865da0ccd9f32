package io.tellonce.bench.scenario;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;

/** The raw baselines' session, configured as the service configures its own (consistency, timeout). */
public final class CassandraSessions {
    private CassandraSessions() {
    }

    public static CqlSession open(String hostAndPort, String datacenter) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--cassandra must be HOST:PORT, was " + hostAndPort);
        }
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(2))
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, "LOCAL_QUORUM")
                .withString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, "LOCAL_SERIAL")
                .build();
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress(hostAndPort.substring(0, colon),
                        Integer.parseInt(hostAndPort.substring(colon + 1))))
                .withLocalDatacenter(datacenter)
                .withConfigLoader(config)
                .build();
    }
}
