package io.tellonce.devstack;

import java.nio.file.Path;

/**
 * The configuration files of a local single-node Cassandra, all directories under one folder.
 *
 * @param folder      the node's folder: data, commit log, hints, caches, logs and these files live here
 * @param clusterName cluster name (kept across restarts: Cassandra refuses to start with another one)
 * @param nativePort  CQL port
 * @param storagePort internode port
 */
record CassandraConfig(Path folder, String clusterName, int nativePort, int storagePort) {

    /** The datacenter SimpleSnitch reports; clients must name it as their local datacenter. */
    static final String DATACENTER = "datacenter1";

    Path yamlFile() {
        return folder.resolve("conf").resolve("cassandra.yaml");
    }

    Path logbackFile() {
        return folder.resolve("conf").resolve("logback.xml");
    }

    Path logDirectory() {
        return folder.resolve("logs");
    }

    Path systemLog() {
        return logDirectory().resolve("system.log");
    }

    /**
     * The smallest cassandra.yaml 5.0 accepts, plus what suits a development node: one fixed token (a
     * single node owns the whole ring; fewer ranges to scan, no random-token warning) and no automatic
     * snapshots (tests drop and truncate often; snapshots would only fill the disk). Every address is
     * loopback: the node is reachable from this machine only. JMX is off (no jmx port property is given to
     * the JVM, see {@link LocalCassandra#command()}), so it listens on no JMX port either.
     */
    String yaml() {
        return """
                # Written by tellonce devstack at every start; edits are overwritten.
                cluster_name: '%s'
                num_tokens: 1
                initial_token: 0
                partitioner: org.apache.cassandra.dht.Murmur3Partitioner
                endpoint_snitch: SimpleSnitch
                seed_provider:
                  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
                    parameters:
                      - seeds: "127.0.0.1:%d"
                listen_address: 127.0.0.1
                broadcast_address: 127.0.0.1
                rpc_address: 127.0.0.1
                broadcast_rpc_address: 127.0.0.1
                storage_port: %d
                native_transport_port: %d
                start_native_transport: true
                data_file_directories:
                  - %s
                commitlog_directory: %s
                hints_directory: %s
                saved_caches_directory: %s
                cdc_raw_directory: %s
                commitlog_sync: periodic
                commitlog_sync_period: 10000ms
                auto_snapshot: false
                """.formatted(clusterName, storagePort, storagePort, nativePort,
                quoted(folder.resolve("data")), quoted(folder.resolve("commitlog")),
                quoted(folder.resolve("hints")), quoted(folder.resolve("saved_caches")),
                quoted(folder.resolve("cdc_raw")));
    }

    /** INFO to a rolling file in the node's logs; only errors reach the console. */
    String logback() {
        return """
                <configuration scan="false">
                  <appender name="FILE" class="ch.qos.logback.core.rolling.RollingFileAppender">
                    <file>%1$s</file>
                    <rollingPolicy class="ch.qos.logback.core.rolling.FixedWindowRollingPolicy">
                      <fileNamePattern>%1$s.%%i</fileNamePattern>
                      <minIndex>1</minIndex>
                      <maxIndex>3</maxIndex>
                    </rollingPolicy>
                    <triggeringPolicy class="ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy">
                      <maxFileSize>20MB</maxFileSize>
                    </triggeringPolicy>
                    <encoder>
                      <pattern>%%-5level [%%thread] %%date{ISO8601} %%F:%%L - %%msg%%n</pattern>
                    </encoder>
                  </appender>
                  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
                    <target>System.err</target>
                    <filter class="ch.qos.logback.classic.filter.ThresholdFilter">
                      <level>ERROR</level>
                    </filter>
                    <encoder>
                      <pattern>%%-5level [%%thread] %%date{ISO8601} %%msg%%n</pattern>
                    </encoder>
                  </appender>
                  <root level="INFO">
                    <appender-ref ref="FILE"/>
                    <appender-ref ref="STDERR"/>
                  </root>
                </configuration>
                """.formatted(xmlEscaped(systemLog().toString()));
    }

    private static String quoted(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    private static String xmlEscaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
