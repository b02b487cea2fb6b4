package com.personaruntime.runtime.publish;

import com.personaruntime.runtime.storage.AuditLog;
import com.personaruntime.runtime.storage.Database;
import com.personaruntime.runtime.storage.NotFoundException;
import com.personaruntime.runtime.storage.Sql;
import com.personaruntime.gateway.net.OutboundAddressPolicy;
import com.personaruntime.gateway.net.OutboundAddressRefusedException;
import io.vertx.core.Future;
import java.net.URI;
import java.net.UnknownHostException;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A brand's publishing channels ({@code publish_channels}): add (the URL checked against the
 * {@link OutboundAddressPolicy}: SSRF), a fresh {@code whsec_} secret), list, delete (soft: pending
 * deliveries to it are cancelled in the same transaction). Every change is audited in its
 * transaction.
 */
public final class ChannelStore {
  /** Longest channel URL. */
  public static final int MAX_URL = 2048;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String COLUMNS = "id, brand_id, platform, url, secret, status, disabled_reason, created_at";

  private final Database db;
  private final AuditLog audit;
  private final Clock clock;
  private final OutboundAddressPolicy addresses;
  private final Set<String> platforms;

  /**
   * @param platforms            the platform ids a channel may name (besides {@code *})
   * @param addresses  which addresses channel URLs may resolve to ({@code publish.allowPrivateNetworks})
   */
  public ChannelStore(Database db, AuditLog audit, Clock clock, Set<String> platforms, OutboundAddressPolicy addresses) {
    this.db = Objects.requireNonNull(db, "db");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.platforms = Set.copyOf(platforms);
    this.addresses = Objects.requireNonNull(addresses, "addresses");
  }

  /**
   * Checks a channel URL: absolute http(s), no credentials, every address its host resolves to allowed by
   * the policy (blocking DNS: call on a worker). Throws {@link IllegalArgumentException} naming why.
   */
  public static void checkUrl(OutboundAddressPolicy addresses, String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("url: not a valid URL: '" + url + "'");
    }
    if (!uri.isAbsolute() || uri.getHost() == null) {
      throw new IllegalArgumentException("url: must be an absolute http(s) URL with a host, got '" + url + "'");
    }
    if (uri.getUserInfo() != null) {
      throw new IllegalArgumentException("url: must not carry credentials (user:password@)");
    }
    try {
      addresses.check(uri);
    } catch (OutboundAddressRefusedException e) {
      // the policy's message says why (a scheme other than http/https, or an address kind the operator has not
      // allowed); a brand user cannot change the operator's setting, so its key is not named here
      throw new IllegalArgumentException("url: " + e.getMessage());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("url: host '" + uri.getHost() + "' does not resolve");
    }
  }

  /** A new Standard Webhooks secret: {@code whsec_} + base64 of 32 random bytes. */
  public static String newSecret() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return "whsec_" + Base64.getEncoder().encodeToString(b);
  }

  /**
   * Adds a channel. Fails with {@link IllegalArgumentException} naming the field (unknown platform,
   * bad URL, private address refused).
   */
  public Future<Channel> create(String actor, String brandId, String platform, String url) {
    if (platform == null || !(platform.equals("*") || platforms.contains(platform))) {
      return Future.failedFuture(new IllegalArgumentException("platform: must be one of "
          + String.join(", ", platforms.stream().sorted().toList()) + " or *, got '" + platform + "'"));
    }
    if (url == null || url.isBlank() || url.length() > MAX_URL) {
      return Future.failedFuture(new IllegalArgumentException("url: must be an absolute http(s) URL of at most "
          + MAX_URL + " characters"));
    }
    return db.vertx().executeBlocking(() -> {
      checkUrl(addresses, url);
      return url;
    }, false).compose(ok -> {
      Channel c = new Channel(Sql.newId(), brandId, platform, url, newSecret(), "active", null,
          Sql.micros(clock.instant()));
      return db.pool().withTransaction(conn -> conn.preparedQuery("INSERT INTO publish_channels (" + COLUMNS
              + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
          .execute(Tuple.from(new Object[] {c.id(), brandId, platform, url, c.secret(), c.status(), null,
              Sql.ts(c.createdAt())}))
          .compose(x -> audit.append(conn, actor, brandId, "channel.created", "publish_channel", c.id(),
              new JsonObject().put("platform", platform).put("url", url).encode()))
          .map(c));
    });
  }

  /** The brand's channels that are not deleted, oldest first. */
  public Future<List<Channel>> list(String brandId) {
    return db.pool().preparedQuery("SELECT " + COLUMNS + " FROM publish_channels WHERE brand_id = ? "
            + "AND status <> 'deleted' ORDER BY created_at, id")
        .execute(Tuple.of(brandId))
        .map(rows -> Sql.list(rows, ChannelStore::map));
  }

  /** The brand's active channels, through a transaction's client. */
  public static Future<List<Channel>> active(SqlClient client, String brandId) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM publish_channels WHERE brand_id = ? AND status = 'active'"
            + " ORDER BY created_at, id")
        .execute(Tuple.of(brandId))
        .map(rows -> Sql.list(rows, ChannelStore::map));
  }

  /** Deletes a channel of the brand; pending deliveries to it are cancelled. 404 when unknown. */
  public Future<Void> delete(String actor, String brandId, String channelId) {
    return db.pool().withTransaction(conn -> conn.preparedQuery("UPDATE publish_channels SET status = 'deleted' "
            + "WHERE id = ? AND brand_id = ? AND status <> 'deleted'")
        .execute(Tuple.of(channelId, brandId))
        .compose(r -> {
          if (r.rowCount() == 0) {
            return Future.failedFuture(new NotFoundException("channel '" + channelId + "' not found"));
          }
          return conn.preparedQuery("UPDATE publish_outbox SET status = 'cancelled', last_error = ? "
                  + "WHERE channel_id = ? AND status = 'pending'")
              .execute(Tuple.of("channel deleted", channelId))
              .compose(x -> audit.append(conn, actor, brandId, "channel.deleted", "publish_channel", channelId, null));
        }));
  }

  static Channel map(Row r) {
    return new Channel(Sql.string(r, "id"), Sql.string(r, "brand_id"), Sql.string(r, "platform"),
        Sql.string(r, "url"), Sql.string(r, "secret"), Sql.string(r, "status"), Sql.string(r, "disabled_reason"),
        Sql.instant(r, "created_at"));
  }
}
