package com.personaruntime.runtime.live;

import com.personaruntime.runtime.storage.AuditLog;
import com.personaruntime.runtime.storage.ConflictException;
import com.personaruntime.runtime.storage.Database;
import com.personaruntime.runtime.storage.NotFoundException;
import com.personaruntime.runtime.storage.Sql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The moderation workflow on the {@code moderation_items} table (migrations V2 and V3).
 *
 * <p>Transitions: {@code open -> claimed} (claim; the same moderator claiming again is a no-op,
 * anyone else gets a conflict); {@code open|claimed -> approved|edited|rejected} (decide; a
 * claimed item only by the moderator who claimed it). A decided item is final: deciding or
 * claiming it again is a conflict. Each transition is one conditional {@code UPDATE ... WHERE
 * status ...} in a transaction with its audit-log entry, so of two moderators racing exactly
 * one wins and the other gets {@link ConflictException}.
 *
 * <p>After each committed transition a JSON event is published on the Vert.x event bus address
 * {@value #EVENTS_ADDRESS}: {@code {"type":"claimed"|"decided", "itemId", "brandId", "status",
 * "decision" (decided only: approve|edit|reject), "by" (user id)}}, so open consoles can update.
 *
 * <p>Brand scoping is the caller's job: look the item up with {@link #find}, check that the
 * principal may moderate its brand, then claim or decide.
 */
public final class ModerationStore {
  /** The event bus address of moderation events. */
  public static final String EVENTS_ADDRESS = "moderation.events";
  /** The moderator decisions and the status each leads to. */
  public static final List<String> DECISIONS = List.of("approve", "edit", "reject");

  private static final String COLUMNS = "id, brand_id, persona_id, kind, status, decision, content, released_text, "
      + "findings, context, created_at, claimed_by, claimed_at, decided_by, decided_at, final_text, note";

  private final Database db;
  private final AuditLog audit;
  private final Clock clock;

  public ModerationStore(Database db, AuditLog audit, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A moderation item with its workflow state. */
  public record Item(String id, String brandId, String personaId, String kind, String status, String decision,
                     String content, String releasedText, String findingsJson, String contextJson,
                     Instant createdAt, String claimedBy, Instant claimedAt, String decidedBy, Instant decidedAt,
                     String finalText, String note) {
    /** Whether a moderator has decided the item (approved, edited or rejected). */
    public boolean decided() {
      return !status.equals("open") && !status.equals("claimed");
    }
  }

  /** The status a decision leads to. */
  public static String statusOf(String decision) {
    return switch (decision) {
      case "approve" -> "approved";
      case "edit" -> "edited";
      case "reject" -> "rejected";
      default -> throw new IllegalArgumentException("decision must be one of " + DECISIONS + ", got " + decision);
    };
  }

  /**
   * Items with a status, newest first: of the given brands, or of every brand when
   * {@code brandIds} is null (platform admins).
   */
  public Future<List<Item>> list(Collection<String> brandIds, String status, int limit) {
    if (brandIds != null && brandIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM moderation_items WHERE status = ?");
    List<Object> args = new ArrayList<>();
    args.add(status);
    if (brandIds != null) {
      sql.append(" AND brand_id IN (").append(String.join(", ", Collections.nCopies(brandIds.size(), "?")))
          .append(")");
      args.addAll(brandIds);
    }
    sql.append(" ORDER BY created_at DESC, id LIMIT ").append(Math.max(1, Math.min(limit, 500)));
    return db.pool().preparedQuery(sql.toString()).execute(Tuple.from(args)).map(rows -> {
      List<Item> items = new ArrayList<>();
      rows.forEach(r -> items.add(map(r)));
      return items;
    });
  }

  /** The item with this id, if any (of any brand). */
  public Future<Optional<Item>> find(String id) {
    return find(db.pool(), id);
  }

  private static Future<Optional<Item>> find(SqlClient client, String id) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM moderation_items WHERE id = ?")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.<Item>empty() : Optional.of(map(rows.iterator().next())));
  }

  /**
   * Claims an open item for the moderator. Claiming an item one already holds returns it
   * unchanged (no audit entry, no event); an item claimed by someone else or already decided
   * fails with {@link ConflictException}, an unknown one with {@link NotFoundException}.
   */
  public Future<Item> claim(String id, String userId) {
    Instant now = clock.instant();
    Future<Optional<Item>> result = db.pool().withTransaction(conn -> conn
        .preparedQuery("UPDATE moderation_items SET status = 'claimed', claimed_by = ?, claimed_at = ? "
            + "WHERE id = ? AND status = 'open'")
        .execute(Tuple.of(userId, Sql.ts(now), id))
        .compose(updated -> find(conn, id).compose(found -> {
          if (found.isEmpty()) {
            return Future.failedFuture(new NotFoundException("moderation item " + id + " not found"));
          }
          Item item = found.get();
          if (updated.rowCount() == 0) {
            if (item.status().equals("claimed") && userId.equals(item.claimedBy())) {
              return Future.succeededFuture(Optional.<Item>empty()); // already ours: nothing changed
            }
            return Future.failedFuture(conflict(item, "claimed"));
          }
          return audit.append(conn, userId, item.brandId(), "moderation.claimed", "moderation_item", id,
                  new JsonObject().put("kind", item.kind()).put("status", item.status()).encode())
              .map(Optional.of(item));
        })));
    return result.compose(changed -> {
      if (changed.isEmpty()) {
        return find(id).map(Optional::orElseThrow);
      }
      Item item = changed.get();
      publish(new JsonObject().put("type", "claimed").put("itemId", item.id()).put("brandId", item.brandId())
          .put("status", item.status()).put("by", userId));
      return Future.succeededFuture(item);
    });
  }

  /**
   * Decides an open item, or a claimed one the moderator holds. {@code approve} releases the
   * original content ({@code final_text = content}); {@code edit} releases {@code text} (required);
   * {@code reject} releases nothing. Fails with {@link ConflictException} when the item is
   * already decided or claimed by someone else, {@link NotFoundException} when unknown.
   */
  public Future<Item> decide(String id, String userId, String decision, String text, String note) {
    String status = statusOf(decision);
    if (decision.equals("edit") && (text == null || text.isBlank())) {
      return Future.failedFuture(new IllegalArgumentException("text: is required for decision 'edit'"));
    }
    String finalText = switch (decision) {
      case "approve" -> "content";
      case "edit" -> "?";
      default -> "NULL";
    };
    String sql = "UPDATE moderation_items SET status = ?, final_text = " + finalText
        + ", note = ?, decided_by = ?, decided_at = ? "
        + "WHERE id = ? AND (status = 'open' OR (status = 'claimed' AND claimed_by = ?))";
    Tuple args = Tuple.tuple().addValue(status);
    if (decision.equals("edit")) {
      args.addValue(text);
    }
    args.addValue(note).addValue(userId).addValue(Sql.ts(clock.instant())).addValue(id).addValue(userId);
    Future<Item> result = db.pool().withTransaction(conn -> conn.preparedQuery(sql).execute(args)
        .compose(updated -> find(conn, id).compose(found -> {
          if (found.isEmpty()) {
            return Future.failedFuture(new NotFoundException("moderation item " + id + " not found"));
          }
          Item item = found.get();
          if (updated.rowCount() == 0) {
            return Future.failedFuture(conflict(item, "decided"));
          }
          JsonObject details = new JsonObject().put("decision", decision).put("status", status)
              .put("kind", item.kind());
          if (note != null) {
            details.put("note", note);
          }
          if (decision.equals("edit")) {
            details.put("finalText", text);
          }
          return audit.append(conn, userId, item.brandId(), "moderation." + status, "moderation_item", id,
              details.encode()).map(item);
        })));
    return result.onSuccess(item -> publish(new JsonObject().put("type", "decided").put("itemId", item.id())
        .put("brandId", item.brandId()).put("status", item.status()).put("decision", decision).put("by", userId)));
  }

  private void publish(JsonObject event) {
    db.vertx().eventBus().publish(EVENTS_ADDRESS, event);
  }

  private static ConflictException conflict(Item item, String wanted) {
    if (item.decided()) {
      return new ConflictException("moderation item " + item.id() + " is already " + item.status()
          + "; a decided item cannot be " + wanted + " again");
    }
    return new ConflictException("moderation item " + item.id() + " is claimed by another moderator");
  }

  private static Item map(Row r) {
    return new Item(Sql.string(r, "id"), Sql.string(r, "brand_id"), Sql.string(r, "persona_id"),
        Sql.string(r, "kind"), Sql.string(r, "status"), Sql.string(r, "decision"), Sql.string(r, "content"),
        Sql.string(r, "released_text"), Sql.string(r, "findings"), Sql.string(r, "context"),
        Sql.instant(r, "created_at"), Sql.string(r, "claimed_by"), Sql.instant(r, "claimed_at"),
        Sql.string(r, "decided_by"), Sql.instant(r, "decided_at"), Sql.string(r, "final_text"),
        Sql.string(r, "note"));
  }
}
