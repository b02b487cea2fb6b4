package com.personaruntime.runtime.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * The Hazelcast cluster manager for a clustered node, configured in code from {@link ClusterSettings}
 * (REFERENCE.md "Vert.x 5 clustering with Hazelcast"): Vert.x's bundled defaults (its subscription and
 * node-info maps) with multicast, cloud auto-detection and phone-home switched off, TCP-IP join to the
 * configured members, binding only {@code cluster.host}, joining without the default wait, and member
 * failure detected after {@code cluster.failureTimeoutSeconds}.
 */
public final class Hazelcast {

    /** Cluster name: nodes of another application on the same hosts do not join ours. */
    public static final String CLUSTER_NAME = "persona-runtime";

    private Hazelcast() {
    }

    /** The Hazelcast configuration for {@code settings}. */
    public static Config config(ClusterSettings settings) {
        Config c = ConfigUtil.loadConfig();
        c.setClusterName(CLUSTER_NAME);
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(settings.failureTimeoutSeconds()));
        c.setProperty("hazelcast.logging.type", "slf4j");
        c.setProperty("hazelcast.shutdownhook.enabled", "false"); // Vert.x leaves the cluster on close
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.setProperty("hazelcast.partition.count", "71"); // small clusters: faster start than the default 271
        c.getJetConfig().setEnabled(false);
        NetworkConfig net = c.getNetworkConfig();
        net.setPort(settings.port()).setPortAutoIncrement(false);
        net.setPublicAddress(settings.host() + ":" + settings.port());
        net.getInterfaces().setEnabled(true).setInterfaces(java.util.List.of(settings.host()));
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(new java.util.ArrayList<>(settings.members()))
                .addMember(settings.host() + ":" + settings.port());
        return c;
    }

    /** A Vert.x cluster manager for {@code settings}. */
    public static HazelcastClusterManager manager(ClusterSettings settings) {
        return new HazelcastClusterManager(config(settings));
    }
}
