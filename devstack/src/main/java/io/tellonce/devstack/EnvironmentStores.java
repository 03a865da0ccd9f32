package io.tellonce.devstack;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * Store addresses given in the environment, used as they are. These are the same variables that
 * {@code ./tellonce up} writes to {@code stores.env} and that the service reads.
 */
public final class EnvironmentStores {

    public static final String CONTACT_POINTS = "TELLONCE_CASSANDRA_CONTACT_POINTS";
    public static final String LOCAL_DATACENTER = "TELLONCE_CASSANDRA_LOCAL_DATACENTER";
    public static final String ELASTICSEARCH_URL = "TELLONCE_ELASTICSEARCH_URL";
    static final int DEFAULT_CQL_PORT = 9042;

    private EnvironmentStores() {
    }

    /** The first of the comma-separated {@code host:port} contact points, if any are given. */
    public static Optional<CassandraAddress> cassandra(Settings settings) {
        String datacenter = settings.get(LOCAL_DATACENTER).orElse(CassandraConfig.DATACENTER);
        return settings.get(CONTACT_POINTS)
                .flatMap(points -> Arrays.stream(points.split(",")).map(String::trim).filter(p -> !p.isEmpty()).findFirst())
                .map(point -> parseContactPoint(point, datacenter));
    }

    public static Optional<ElasticsearchAddress> elasticsearch(Settings settings) {
        return settings.get(ELASTICSEARCH_URL).map(url -> {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(ELASTICSEARCH_URL + " must be an http(s) URL such as"
                        + " http://127.0.0.1:9200, not '" + url + "'");
            }
            return new ElasticsearchAddress(url);
        });
    }

    /** The variables that name these addresses, in the form this class reads them. */
    public static java.util.Map<String, String> variables(CassandraAddress cassandra, ElasticsearchAddress elasticsearch) {
        java.util.Map<String, String> variables = new java.util.LinkedHashMap<>();
        variables.put(CONTACT_POINTS, cassandra.contactPoint());
        variables.put(LOCAL_DATACENTER, cassandra.localDatacenter());
        variables.put(ELASTICSEARCH_URL, elasticsearch.url());
        return variables;
    }

    /** Accepts {@code host}, {@code host:port}, {@code [v6]:port} and a bare IPv6 literal. */
    static CassandraAddress parseContactPoint(String point, String datacenter) {
        String host = point;
        String port = null;
        if (point.startsWith("[")) {
            int end = point.indexOf(']');
            host = point.substring(1, end);
            port = point.length() > end + 2 && point.charAt(end + 1) == ':' ? point.substring(end + 2) : null;
        } else if (point.indexOf(':') >= 0 && point.indexOf(':') == point.lastIndexOf(':')) {
            host = point.substring(0, point.indexOf(':'));
            port = point.substring(point.indexOf(':') + 1);
        }
        try {
            return new CassandraAddress(host, port == null ? DEFAULT_CQL_PORT : Integer.parseInt(port), datacenter);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(CONTACT_POINTS + " entries must look like host:port, not '" + point + "'");
        }
    }
}
