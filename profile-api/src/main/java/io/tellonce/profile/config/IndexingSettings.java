package io.tellonce.profile.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * How the change log is drained into the search index.
 *
 * @param enabled      whether this instance takes part (every instance may; they share the shards)
 * @param pollInterval how often each owned shard is read
 * @param horizon      how far behind now a pass reads: a change committed slightly after it was
 *                     stamped is still picked up by the pass that reads its minute
 * @param verifyDelay  when a minute is read again to catch changes that reached Cassandra late
 * @param leaseTtl     how long a shard stays with an instance that stopped renewing it
 * @param batchSize    changes applied per bulk request
 * @param maxBackoff   the longest wait between attempts while Elasticsearch is failing
 */
@ConfigurationProperties("tellonce.indexing")
public record IndexingSettings(boolean enabled, Duration pollInterval, Duration horizon, Duration verifyDelay,
                               Duration leaseTtl, int batchSize, Duration maxBackoff) {
}
