package com.personaruntime.runtime.cluster;

import java.util.List;
import java.util.Objects;

/**
 * How a node joins a cluster ({@code cluster.*} in the configuration).
 *
 * @param enabled                 whether the node runs clustered (Vert.x clustered event bus, Hazelcast)
 * @param host                    the address this node binds and announces for Hazelcast and the event bus
 * @param port                    Hazelcast's member port on {@code host} (the event bus takes a random port)
 * @param members                 other members' {@code host:port} to join over TCP-IP (multicast, cloud
 *                                auto-detection and phone-home are always off); may include this node
 * @param failureTimeoutSeconds   a member silent this long is removed and its rooms are taken over
 *                                (Hazelcast {@code hazelcast.max.no.heartbeat.seconds}; REFERENCE.md: 60 s by
 *                                default there, lowered here)
 */
public record ClusterSettings(boolean enabled, String host, int port, List<String> members,
                              int failureTimeoutSeconds) {

    /** Not clustered. */
    public static final ClusterSettings OFF = new ClusterSettings(false, "127.0.0.1", 5701, List.of(), 10);

    public ClusterSettings {
        Objects.requireNonNull(host, "host");
        members = List.copyOf(members);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("cluster.port must be between 1 and 65535, got " + port);
        }
        if (failureTimeoutSeconds < 2) {
            throw new IllegalArgumentException("cluster.failureTimeoutSeconds must be at least 2, got "
                    + failureTimeoutSeconds);
        }
    }
}
