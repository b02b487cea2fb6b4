package com.personaruntime.runtime.moderation;

import com.personaruntime.runtime.storage.AuditLog;
import com.personaruntime.runtime.storage.ConflictException;
import com.personaruntime.runtime.storage.Database;
import com.personaruntime.runtime.storage.NotFoundException;
import com.personaruntime.runtime.storage.Sql;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The moderation queue: items, their workflow and the per-brand settings (migrations V2, V3, V6).
 *
 * <p>Transitions (each one conditional {@code UPDATE ... WHERE status ...} in a transaction with its
 * audit-log entry, so of two moderators racing exactly one wins and the other gets
 * {@link ConflictException}):
 * <ul>
 *   <li>{@code open -> claimed}: a claim is a lease of {@link ModerationSettings#leaseSeconds()};
 *       the holder may renew it; anyone may take over a lapsed lease ({@code moderation.claimed}
 *       with {@code takenOverFrom} in the audit details). {@code claimed -> open}: the holder lets go.</li>
 *   <li>{@code open|claimed -> approved|edited|rejected|dismissed|block_confirmed|let_through}: a
 *       decision allowed by the item's {@link ItemKind}. With claiming {@code required} only the
 *       holder of a live claim decides; otherwise anyone may decide an open item or a lapsed claim,
 *       never someone else's live claim.</li>
 *   <li>{@code open|claimed -> expired}: a held reply whose {@code due_at} passed ({@link #expireDue}).</li>
 *   <li>{@code released_at} set once the release reached the audience ({@link #markReleased}).</li>
 * </ul>
 *
 * <p>Events: after each committed change a JSON event is <em>published</em> on the event bus
 * address {@value #EVENTS_ADDRESS} (so every node's consoles see it once clustered):
 * {@code {"type":"item.created|item.claimed|item.unclaimed|item.decided|item.released",
 * "id","item","brand","brandId","persona","personaId","kind","status","decision","by"}}. A decision
 * an audience waits for is also published to {@link #releaseAddress} of the item's conversation as
 * a {@link #delivery} message; whoever hosts the conversation (a live socket or a room) delivers it.
 *
 * <p>Brand scoping is the caller's job: look the item up with {@link #find}, check that the
 * principal may moderate its brand, then act.
 */
public final class ModerationStore {
  /** The event bus address of moderation events. */
  public static final String EVENTS_ADDRESS = "moderation.events";
  /** Audit actor and {@code decided_by} of SLA expiries. */
  public static final String SYSTEM = "system";
  /** The reason a moderator picks when none of the item's rules fits. */
  public static final String OTHER_REASON = "other";

  private static final String SELECT = "SELECT m.id, m.brand_id, m.persona_id, m.kind, m.status, m.decision, "
      + "m.content, m.released_text, m.findings, m.context, m.created_at, m.claimed_by, m.claimed_at, "
      + "m.decided_by, m.decided_at, m.final_text, m.note, m.moderator_decision, m.conversation_id, m.reply_to, "
      + "m.held, m.persona_version, m.due_at, m.claim_expires_at, m.reason_rule, m.release_text, m.released_at, "
      + "b.slug AS brand_slug, p.slug AS persona_slug, cu.email AS claimed_email, du.email AS decided_email "
      + "FROM moderation_items m JOIN brands b ON b.id = m.brand_id JOIN personas p ON p.id = m.persona_id "
      + "LEFT JOIN users cu ON cu.id = m.claimed_by LEFT JOIN users du ON du.id = m.decided_by";

  private final Database db;
  private final AuditLog audit;
  private final Clock clock;
  private final ModerationSettings defaults;
  private final Timer timeToDecision;
  private final Counter expiries;
  private final AtomicLong openDepth = new AtomicLong();
  private final AtomicLong claimedDepth = new AtomicLong();

  /**
   * @param defaults settings of brands that have none of their own
   * @param metrics  where {@code moderation.queue.depth{status}}, {@code moderation.decision.time}
   *                 (p50/p90) and {@code moderation.sla.expired} are registered
   */
  public ModerationStore(Database db, AuditLog audit, Clock clock, ModerationSettings defaults, MeterRegistry metrics) {
    this.db = Objects.requireNonNull(db, "db");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.defaults = Objects.requireNonNull(defaults, "defaults");
    this.timeToDecision = Timer.builder("moderation.decision.time")
        .description("Time from an item being filed to a moderator's decision")
        .publishPercentiles(0.5, 0.9)
        .register(metrics);
    this.expiries = Counter.builder("moderation.sla.expired")
        .description("Held replies that ended with the closing line because nobody decided within the SLA")
        .register(metrics);
    Gauge.builder("moderation.queue.depth", openDepth, AtomicLong::get).tag("status", "open")
        .description("Pending moderation items (refreshed by the sweeper)").register(metrics);
    Gauge.builder("moderation.queue.depth", claimedDepth, AtomicLong::get).tag("status", "claimed")
        .description("Pending moderation items (refreshed by the sweeper)").register(metrics);
  }

  /** The clock this store stamps transitions with. */
  public Clock clock() {
    return clock;
  }

  /** Settings of brands without their own. */
  public ModerationSettings defaults() {
    return defaults;
  }

  /** The event bus address a conversation's host consumes for releases: {@code live.release.CONVERSATION}. */
  public static String releaseAddress(String conversationId) {
    return "live.release." + conversationId;
  }

  // ------------------------------------------------------------------ settings

  /** A brand's settings (the defaults when it has none). */
  public Future<ModerationSettings> settings(String brandId) {
    return db.pool().preparedQuery("SELECT claiming, sla_seconds, lease_seconds FROM moderation_settings "
            + "WHERE brand_id = ?")
        .execute(Tuple.of(brandId))
        .map(rows -> Sql.first(rows, r -> new ModerationSettings(ClaimMode.of(Sql.string(r, "claiming")),
            Sql.integer(r, "sla_seconds"), Sql.integer(r, "lease_seconds"))).orElse(defaults));
  }

  /** Stores a brand's settings (audited as {@code moderation.settings}). Applies to items filed from now on. */
  public Future<ModerationSettings> saveSettings(String brandId, ModerationSettings s, String actor) {
    Instant now = clock.instant();
    return db.pool().withTransaction(conn -> conn.preparedQuery("DELETE FROM moderation_settings WHERE brand_id = ?")
        .execute(Tuple.of(brandId))
        .compose(x -> conn.preparedQuery("INSERT INTO moderation_settings (brand_id, claiming, sla_seconds, "
                + "lease_seconds, updated_at) VALUES (?, ?, ?, ?, ?)")
            .execute(Tuple.of(brandId, s.claiming().wire(), s.slaSeconds(), s.leaseSeconds(), Sql.ts(now))))
        .compose(x -> audit.append(conn, actor, brandId, "moderation.settings", "brand", brandId,
            s.toJson().encode()))
        .map(s));
  }

  // ------------------------------------------------------------------ filing

  /**
   * A new item.
   *
   * @param kind           what it holds
   * @param brandId        owning brand
   * @param personaId      persona
   * @param personaVersion persona version that produced it
   * @param verdict        the guard's verdict ({@code flag} or {@code block})
   * @param content        the full original text
   * @param shownText      what the audience already saw of it (replies), may be empty or null
   * @param findingsJson   JSON array of findings
   * @param context        conversation context (see {@link ModerationItem#contextJson()})
   * @param conversationId conversation, or null
   * @param replyTo        audience message id, or null
   * @param held           whether an audience waits for the decision (then {@code due_at} is set from the SLA)
   */
  public record NewItem(ItemKind kind, String brandId, String personaId, Integer personaVersion, String verdict,
                        String content, String shownText, String findingsJson, JsonObject context,
                        String conversationId, String replyTo, boolean held) {
  }

  /** Files an item with the given id (callers may name it in a frame before it is stored); publishes item.created. */
  public Future<ModerationItem> create(String id, NewItem n) {
    Instant now = clock.instant();
    Future<ModerationSettings> settings = n.held() ? settings(n.brandId()) : Future.succeededFuture(defaults);
    return settings.compose(s -> db.pool().preparedQuery("INSERT INTO moderation_items (id, brand_id, persona_id, "
                + "kind, status, decision, content, released_text, findings, context, created_at, conversation_id, "
                + "reply_to, held, persona_version, due_at) VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .execute(Tuple.from(new Object[] {id, n.brandId(), n.personaId(), n.kind().wire(), n.verdict(),
                n.content(), n.shownText(), n.findingsJson(), n.context().encode(), Sql.ts(now), n.conversationId(),
                n.replyTo(), n.held(), n.personaVersion(),
                n.held() ? Sql.ts(now.plusSeconds(s.slaSeconds())) : null})))
        .compose(x -> find(id).map(Optional::orElseThrow))
        .onSuccess(item -> {
          openDepth.incrementAndGet();
          publish("item.created", item, null);
        });
  }

  // ------------------------------------------------------------------ reading

  /**
   * What to list.
   *
   * @param brandIds  brands to include; null for every brand (platform admins)
   * @param statuses  statuses to include (not empty)
   * @param kind      only this kind, or null
   * @param persona   only this persona slug, or null
   * @param brand     only this brand slug, or null
   * @param rule      only items with a finding of this rule id, or null
   * @param olderThan only items filed before this instant, or null
   * @param newestFirst order; oldest first (the queue's order) when false
   * @param limit     1..500
   */
  public record Query(Collection<String> brandIds, Set<ItemStatus> statuses, ItemKind kind, String persona,
                      String brand, String rule, Instant olderThan, boolean newestFirst, int limit) {
  }

  /** Items matching a query. */
  public Future<List<ModerationItem>> list(Query q) {
    if ((q.brandIds() != null && q.brandIds().isEmpty()) || q.statuses().isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    StringBuilder sql = new StringBuilder(SELECT).append(" WHERE m.status IN (")
        .append(String.join(", ", Collections.nCopies(q.statuses().size(), "?"))).append(")");
    List<Object> args = new ArrayList<>();
    q.statuses().forEach(s -> args.add(s.wire()));
    if (q.brandIds() != null) {
      sql.append(" AND m.brand_id IN (").append(String.join(", ", Collections.nCopies(q.brandIds().size(), "?")))
          .append(")");
      args.addAll(q.brandIds());
    }
    if (q.kind() != null) {
      sql.append(" AND m.kind = ?");
      args.add(q.kind().wire());
    }
    if (q.persona() != null) {
      sql.append(" AND p.slug = ?");
      args.add(q.persona());
    }
    if (q.brand() != null) {
      sql.append(" AND b.slug = ?");
      args.add(q.brand());
    }
    if (q.rule() != null) {
      // Rule ids are [a-z0-9._-]; the findings JSON is written by ChatEngine with no spaces.
      sql.append(" AND m.findings LIKE ?");
      args.add("%\"rule\":\"" + q.rule() + "\"%");
    }
    if (q.olderThan() != null) {
      sql.append(" AND m.created_at < ?");
      args.add(Sql.ts(q.olderThan()));
    }
    String dir = q.newestFirst() ? "DESC" : "ASC";
    sql.append(" ORDER BY m.created_at ").append(dir).append(", m.id ").append(dir)
        .append(" LIMIT ").append(Math.max(1, Math.min(q.limit(), 500)));
    return db.pool().preparedQuery(sql.toString()).execute(Tuple.from(args)).map(rows -> Sql.list(rows,
        ModerationStore::map));
  }

  /** The item with this id, if any (of any brand). */
  public Future<Optional<ModerationItem>> find(String id) {
    return find(db.pool(), id);
  }

  private static Future<Optional<ModerationItem>> find(SqlClient client, String id) {
    return client.preparedQuery(SELECT + " WHERE m.id = ?").execute(Tuple.of(id))
        .map(rows -> Sql.first(rows, ModerationStore::map));
  }

  /**
   * Decided items of a conversation an audience waits for that have not reached it yet (held replies
   * and let-through inputs), oldest first.
   */
  public Future<List<ModerationItem>> undelivered(String conversationId) {
    return db.pool().preparedQuery(SELECT + " WHERE m.conversation_id = ? AND m.released_at IS NULL AND ("
            + "(m.held = TRUE AND m.status IN ('approved', 'edited', 'rejected', 'expired')) "
            + "OR m.status = 'let_through') ORDER BY m.decided_at, m.id")
        .execute(Tuple.of(conversationId))
        .map(rows -> Sql.list(rows, ModerationStore::map));
  }

  // ------------------------------------------------------------------ claims

  /**
   * Claims (or renews, or takes over) an item for the moderator: allowed on an open item, on one
   * the moderator already holds (the lease is renewed) and on a claim whose lease lapsed. Fails with
   * {@link ConflictException} when someone else holds a live claim, the item is decided, or the brand
   * has claiming off; {@link NotFoundException} when unknown.
   */
  public Future<ModerationItem> claim(String id, String userId) {
    Instant now = clock.instant();
    return find(id).compose(found -> {
      ModerationItem before = found.orElseThrow(() -> new NotFoundException("moderation item " + id + " not found"));
      return settings(before.brandId()).compose(s -> {
        if (s.claiming() == ClaimMode.OFF) {
          return Future.failedFuture(new ConflictException("claiming is off for brand '" + before.brandSlug()
              + "': decide the item directly"));
        }
        Instant until = now.plusSeconds(s.leaseSeconds());
        return db.pool().withTransaction(conn -> conn.preparedQuery("UPDATE moderation_items SET status = 'claimed', "
                + "claimed_by = ?, claimed_at = CASE WHEN status = 'claimed' AND claimed_by = ? THEN claimed_at "
                + "ELSE ? END, claim_expires_at = ? WHERE id = ? AND (status = 'open' OR (status = 'claimed' AND "
                + "(claimed_by = ? OR claim_expires_at <= ?)))")
            .execute(Tuple.from(new Object[] {userId, userId, Sql.ts(now), Sql.ts(until), id, userId, Sql.ts(now)}))
            .compose(updated -> find(conn, id).compose(after -> {
              ModerationItem item = after.orElseThrow();
              if (updated.rowCount() == 0) {
                return Future.failedFuture(conflict(item, "claimed", now));
              }
              boolean renewal = before.status() == ItemStatus.CLAIMED && userId.equals(before.claimedBy());
              if (renewal) {
                return Future.succeededFuture(new Claimed(item, false));
              }
              JsonObject details = new JsonObject().put("kind", item.kind().wire()).put("leaseUntil", until.toString());
              if (before.status() == ItemStatus.CLAIMED) {
                details.put("takenOverFrom", before.claimedBy());
              }
              return audit.append(conn, userId, item.brandId(), "moderation.claimed", "moderation_item", id,
                  details.encode()).map(new Claimed(item, true));
            })));
      });
    }).map(c -> {
      if (c.changed()) {
        publish("item.claimed", c.item(), userId);
      }
      return c.item();
    });
  }

  private record Claimed(ModerationItem item, boolean changed) {
  }

  /** Lets go of a claim the moderator holds: {@code claimed -> open}. Conflict when not theirs. */
  public Future<ModerationItem> unclaim(String id, String userId) {
    return db.pool().withTransaction(conn -> conn.preparedQuery("UPDATE moderation_items SET status = 'open', "
            + "claimed_by = NULL, claimed_at = NULL, claim_expires_at = NULL WHERE id = ? AND status = 'claimed' "
            + "AND claimed_by = ?")
        .execute(Tuple.of(id, userId))
        .compose(updated -> find(conn, id).compose(after -> {
          ModerationItem item = after.orElseThrow(() -> new NotFoundException("moderation item " + id + " not found"));
          if (updated.rowCount() == 0) {
            return Future.failedFuture(new ConflictException("moderation item " + id + " is not claimed by you"));
          }
          return audit.append(conn, userId, item.brandId(), "moderation.unclaimed", "moderation_item", id,
              new JsonObject().put("kind", item.kind().wire()).encode()).map(item);
        })))
        .onSuccess(item -> publish("item.unclaimed", item, userId));
  }

  // ------------------------------------------------------------------ decisions

  /**
   * Decides an item. {@code approve} releases the original content ({@code text} when given: the
   * content with the guard's rewrites applied), {@code edit} releases {@code text} (the caller has
   * run both through the persona's guard), {@code reject} releases the
   * item's closing line ({@code context.closingLine}); {@code let_through} sends a refused input to
   * the model (the conversation's host answers it); {@code dismiss} and {@code confirm_block}
   * release nothing. Fails with IllegalArgumentException for a decision the kind does not allow or a
   * missing text, {@link ConflictException} when the item is decided or claimed by someone else (or
   * the brand requires a claim the moderator does not hold), {@link NotFoundException} when unknown.
   *
   * @param reasonRule a rule id from the item's findings or {@value #OTHER_REASON}, or null
   */
  public Future<ModerationItem> decide(String id, String userId, ModerationDecision decision, String text,
      String reasonRule, String note) {
    Instant now = clock.instant();
    return find(id).compose(found -> {
      ModerationItem before = found.orElseThrow(() -> new NotFoundException("moderation item " + id + " not found"));
      if (!before.kind().allows(decision)) {
        return Future.failedFuture(new IllegalArgumentException("decision: an item of kind '" + before.kind().wire()
            + "' takes one of " + before.kind().decisions() + ", got '" + decision.wire() + "'"));
      }
      if (decision == ModerationDecision.EDIT && (text == null || text.isBlank())) {
        return Future.failedFuture(new IllegalArgumentException("text: is required for decision 'edit'"));
      }
      if (reasonRule != null && !reasonRule.equals(OTHER_REASON) && !before.rules().contains(reasonRule)) {
        return Future.failedFuture(new IllegalArgumentException("reason: must be one of the item's rules "
            + before.rules() + " or '" + OTHER_REASON + "', got '" + reasonRule + "'"));
      }
      return settings(before.brandId()).compose(s -> {
        String finalText = switch (decision) {
          case APPROVE -> text == null ? before.content() : text;
          case EDIT -> text;
          default -> null;
        };
        String releaseText = switch (decision) {
          case APPROVE, EDIT -> finalText;
          case REJECT -> closingLine(before);
          default -> null;
        };
        String who = "(status = 'claimed' AND claimed_by = ? AND claim_expires_at > ?)";
        if (s.claiming() != ClaimMode.REQUIRED) {
          who += " OR status = 'open' OR (status = 'claimed' AND claim_expires_at <= ?)";
        }
        String sql = "UPDATE moderation_items SET status = ?, moderator_decision = ?, final_text = ?, "
            + "release_text = ?, reason_rule = ?, note = ?, decided_by = ?, decided_at = ?, claim_expires_at = NULL "
            + "WHERE id = ? AND (" + who + ")";
        Tuple args = Tuple.from(new Object[] {decision.status().wire(), decision.wire(), finalText, releaseText,
            reasonRule, note, userId, Sql.ts(now), id, userId, Sql.ts(now)});
        if (s.claiming() != ClaimMode.REQUIRED) {
          args.addValue(Sql.ts(now));
        }
        return db.pool().withTransaction(conn -> conn.preparedQuery(sql).execute(args)
            .compose(updated -> find(conn, id).compose(after -> {
              ModerationItem item = after.orElseThrow();
              if (updated.rowCount() == 0) {
                if (item.pending() && s.claiming() == ClaimMode.REQUIRED && !item.claimLive(now)) {
                  return Future.failedFuture(new ConflictException("brand '" + item.brandSlug()
                      + "' requires claiming: claim moderation item " + id + " before deciding it"));
                }
                return Future.failedFuture(conflict(item, "decided", now));
              }
              JsonObject details = new JsonObject().put("decision", decision.wire())
                  .put("status", item.status().wire()).put("kind", item.kind().wire());
              if (reasonRule != null) {
                details.put("reason", reasonRule);
              }
              if (note != null) {
                details.put("note", note);
              }
              if (decision == ModerationDecision.EDIT) {
                details.put("finalText", text);
              }
              return audit.append(conn, userId, item.brandId(), "moderation." + item.status().wire(),
                  "moderation_item", id, details.encode()).map(item);
            })));
      });
    }).onSuccess(item -> {
      timeToDecision.record(Duration.between(item.createdAt(), item.decidedAt()).abs());
      decided(item, userId);
    });
  }

  /**
   * Ends every held reply whose SLA ran out by {@code now}: status {@code expired}, the audience gets
   * the closing line. Safe to run on every node at once (each item is taken by one conditional
   * update). Also refreshes the queue-depth gauges. Returns the expired items.
   */
  public Future<List<ModerationItem>> expireDue() {
    Instant now = clock.instant();
    return db.pool().preparedQuery(SELECT + " WHERE m.held = TRUE AND m.status IN ('open', 'claimed') "
            + "AND m.due_at <= ? ORDER BY m.due_at LIMIT 200")
        .execute(Tuple.of(Sql.ts(now)))
        .map(rows -> Sql.list(rows, ModerationStore::map))
        .compose(due -> {
          List<Future<Optional<ModerationItem>>> each = new ArrayList<>();
          for (ModerationItem d : due) {
            each.add(expire(d, now));
          }
          return Future.join(each).transform(x -> Future.succeededFuture(each.stream()
              .filter(Future::succeeded).map(Future::result).flatMap(Optional::stream).toList()));
        })
        .compose(expired -> refreshDepth().map(expired));
  }

  private Future<Optional<ModerationItem>> expire(ModerationItem d, Instant now) {
    return db.pool().withTransaction(conn -> conn.preparedQuery("UPDATE moderation_items SET status = 'expired', "
            + "release_text = ?, decided_by = ?, decided_at = ?, claim_expires_at = NULL WHERE id = ? "
            + "AND status IN ('open', 'claimed')")
        .execute(Tuple.of(expiryLine(d), SYSTEM, Sql.ts(now), d.id()))
        .compose(updated -> {
          if (updated.rowCount() == 0) {
            return Future.succeededFuture(Optional.<ModerationItem>empty()); // decided meanwhile
          }
          return audit.append(conn, SYSTEM, d.brandId(), "moderation.expired", "moderation_item", d.id(),
                  new JsonObject().put("kind", d.kind().wire()).put("dueAt", String.valueOf(d.dueAt())).encode())
              .compose(x -> find(conn, d.id()));
        }))
        .onSuccess(item -> item.ifPresent(i -> {
          expiries.increment();
          decided(i, SYSTEM);
        }));
  }

  private Future<Void> refreshDepth() {
    return db.pool().preparedQuery("SELECT status, COUNT(*) AS n FROM moderation_items WHERE status IN "
            + "('open', 'claimed') GROUP BY status")
        .execute()
        .map(rows -> {
          long open = 0;
          long claimed = 0;
          for (Row r : rows) {
            long n = Sql.longValue(r, "n");
            if ("open".equals(Sql.string(r, "status"))) {
              open = n;
            } else {
              claimed = n;
            }
          }
          openDepth.set(open);
          claimedDepth.set(claimed);
          return null;
        });
  }

  /**
   * Records that an item's release reached the audience (once; later calls change nothing).
   * {@code releaseText} fills in what was released when it was not known at decision time (a
   * let-through input's answer). Audited as {@code moderation.released}; publishes item.released.
   */
  public Future<Void> markReleased(String id, String releaseText) {
    Instant now = clock.instant();
    return db.pool().withTransaction(conn -> conn.preparedQuery("UPDATE moderation_items SET released_at = ?, "
            + "release_text = COALESCE(release_text, ?) WHERE id = ? AND released_at IS NULL")
        .execute(Tuple.of(Sql.ts(now), releaseText, id))
        .compose(updated -> updated.rowCount() == 0 ? Future.succeededFuture(Optional.<ModerationItem>empty())
            : find(conn, id).compose(item -> audit.append(conn, SYSTEM, item.orElseThrow().brandId(),
                "moderation.released", "moderation_item", id, new JsonObject()
                    .put("conversation", item.get().conversationId()).encode()).map(item))))
        .onSuccess(item -> item.ifPresent(i -> publish("item.released", i, null)))
        .mapEmpty();
  }

  // ------------------------------------------------------------------ events

  /** The message a conversation's host gets for a decided item (see {@link #releaseAddress}). */
  public static JsonObject delivery(ModerationItem item) {
    JsonObject d = new JsonObject()
        .put("item", item.id())
        .put("kind", item.kind().wire())
        .put("status", item.status().wire())
        .put("replyTo", item.replyTo())
        // the contract's released frame knows approve|edit|reject; an SLA expiry is a reject by the system
        .put("decision", item.status() == ItemStatus.EXPIRED ? "reject"
            : item.decision() == null ? null : item.decision().wire())
        .put("text", item.releaseText());
    if (item.status() == ItemStatus.EXPIRED) {
      d.put("expired", true);
    }
    // the language of the turn the item belongs to: the host's own lines around the release (the AI
    // disclosure after a moderator's decision) speak it, as the held and closing lines did
    String language = language(item);
    if (language != null) {
      d.put("language", language);
    }
    if (item.status() == ItemStatus.LET_THROUGH) {
      // internal only: the host sends it to the model, never to an audience
      d.put("input", item.content());
    }
    return d;
  }

  /** The language recorded in an item's conversation context, or null (no context, or unreadable). */
  private static String language(ModerationItem item) {
    String json = item.contextJson();
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      return new JsonObject(json).getString("language");
    } catch (RuntimeException e) {
      return null;
    }
  }

  private void decided(ModerationItem item, String by) {
    openDepth.updateAndGet(n -> Math.max(0, n - 1));
    publish("item.decided", item, by);
    boolean toAudience = item.conversationId() != null
        && ((item.held() && item.kind() == ItemKind.CHAT_REPLY) || item.status() == ItemStatus.LET_THROUGH);
    if (toAudience) {
      db.vertx().eventBus().publish(releaseAddress(item.conversationId()), delivery(item));
    }
  }

  /** The event JSON of an item (see the class comment). */
  public static JsonObject event(String type, ModerationItem item, String by) {
    return new JsonObject()
        .put("type", type)
        .put("id", item.id())
        .put("item", item.id())
        .put("brand", item.brandSlug())
        .put("brandId", item.brandId())
        .put("persona", item.personaSlug())
        .put("personaId", item.personaId())
        .put("kind", item.kind().wire())
        .put("status", item.status().wire())
        .put("held", item.held())
        .put("decision", item.decision() == null ? null : item.decision().wire())
        .put("by", by);
  }

  private void publish(String type, ModerationItem item, String by) {
    db.vertx().eventBus().publish(EVENTS_ADDRESS, event(type, item, by));
  }

  /** The closing line stored with the item when it was filed, or a neutral one. */
  private static String closingLine(ModerationItem item) {
    String line = new JsonObject(item.contextJson()).getString("closingLine");
    return line == null || line.isBlank() ? "Sorry, I can't share that answer. Feel free to ask me something else!"
        : line;
  }

  /**
   * The line an SLA expiry releases: the item's {@code expiryLine} (nobody looked at it), or for items filed
   * before that line existed, the closing line.
   */
  private static String expiryLine(ModerationItem item) {
    String line = new JsonObject(item.contextJson()).getString("expiryLine");
    return line == null || line.isBlank() ? closingLine(item) : line;
  }

  private static ConflictException conflict(ModerationItem item, String wanted, Instant now) {
    if (!item.pending()) {
      return new ConflictException("moderation item " + item.id() + " is already " + item.status().wire()
          + "; a decided item cannot be " + wanted + " again");
    }
    return new ConflictException("moderation item " + item.id() + " is claimed by "
        + (item.claimedByEmail() == null ? "another moderator" : item.claimedByEmail()) + " until "
        + item.claimExpiresAt());
  }

  private static ModerationItem map(Row r) {
    String decision = Sql.string(r, "moderator_decision");
    Integer version = Sql.integer(r, "persona_version");
    return new ModerationItem(Sql.string(r, "id"), ItemKind.of(Sql.string(r, "kind")),
        ItemStatus.of(Sql.string(r, "status")), Sql.string(r, "brand_id"), Sql.string(r, "brand_slug"),
        Sql.string(r, "persona_id"), Sql.string(r, "persona_slug"), version, Sql.string(r, "decision"),
        Sql.string(r, "content"), Sql.string(r, "released_text"), Sql.string(r, "findings"),
        Sql.string(r, "context"), Sql.string(r, "conversation_id"), Sql.string(r, "reply_to"),
        Sql.bool(r, "held"), Sql.instant(r, "created_at"), Sql.instant(r, "due_at"), Sql.string(r, "claimed_by"),
        Sql.string(r, "claimed_email"), Sql.instant(r, "claimed_at"), Sql.instant(r, "claim_expires_at"),
        decision == null ? null : ModerationDecision.of(decision), Sql.string(r, "decided_by"),
        Sql.string(r, "decided_email"), Sql.instant(r, "decided_at"), Sql.string(r, "reason_rule"),
        Sql.string(r, "note"), Sql.string(r, "final_text"), Sql.string(r, "release_text"),
        Sql.instant(r, "released_at"));
  }
}
