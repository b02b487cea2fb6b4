package com.personaruntime.runtime.cluster;

import com.personaruntime.runtime.auth.LoginThrottle;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Shares the login throttle between the nodes of a cluster: what one node records (attempts per address,
 * failures and successes per account) is published on {@link #ADDRESS} of the clustered event bus and
 * replayed by every other node, so the limits hold cluster-wide. On a single node nothing is published.
 */
public final class LoginThrottleSync {

    /** Event bus address of the replicated throttle events. */
    public static final String ADDRESS = "auth.login-throttle";

    private LoginThrottleSync() {
    }

    /** Connects {@code throttle} to the other nodes through {@code vertx}'s (clustered) event bus. */
    public static void attach(Vertx vertx, LoginThrottle throttle, String nodeId) {
        Objects.requireNonNull(nodeId, "nodeId");
        if (!vertx.isClustered()) {
            return;
        }
        vertx.eventBus().<JsonObject>consumer(ADDRESS, m -> {
            JsonObject e = m.body();
            if (nodeId.equals(e.getString("node"))) {
                return;
            }
            try {
                throttle.apply(LoginThrottle.Event.valueOf(e.getString("event")), e.getString("key"), e.getLong("at"));
            } catch (RuntimeException bad) {
                // a malformed event from another version of the runtime: ignore it rather than fail the consumer
            }
        });
        throttle.replicateTo((event, key, at) -> vertx.eventBus().publish(ADDRESS,
                new JsonObject().put("node", nodeId).put("event", event.name()).put("key", key).put("at", at)));
    }
}
