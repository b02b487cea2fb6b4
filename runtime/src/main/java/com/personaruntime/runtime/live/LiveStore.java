package com.personaruntime.runtime.live;

import com.personaruntime.runtime.storage.Database;
import com.personaruntime.runtime.storage.Sql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Conversations, transcript turns and moderation items (tables of migration V2). */
public final class LiveStore {
  private final Database db;
  private final Clock clock;

  public LiveStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A moderation item as listed for moderators. */
  public record ModerationItem(String id, String brandId, String personaId, String kind, String status,
                               String decision, String content, String releasedText, String findingsJson,
                               String contextJson, Instant createdAt) {
  }

  /** Records the start of a conversation with the given id. */
  public Future<Void> startConversation(String id, String personaId, String brandId, String room) {
    return db.pool().preparedQuery(
            "INSERT INTO conversations (id, persona_id, brand_id, room, started_at) VALUES (?, ?, ?, ?, ?)")
        .execute(Tuple.of(id, personaId, brandId, room, Sql.ts(clock.instant())))
        .mapEmpty();
  }

  /** Appends one turn to a conversation's transcript. */
  public Future<Void> recordTurn(String conversationId, String brandId, int personaVersion, String messageId,
      String audienceText, String replyText, String decision, String findingsJson, String route,
      Integer firstTokenMs, Integer totalMs) {
    return db.pool().preparedQuery("INSERT INTO transcript_turns (conversation_id, brand_id, persona_version, "
            + "message_id, audience_text, reply_text, decision, findings, route, first_token_ms, total_ms, created_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .execute(Tuple.from(new Object[] {conversationId, brandId, personaVersion, messageId, audienceText, replyText,
            decision, findingsJson, route, firstTokenMs, totalMs, Sql.ts(clock.instant())}))
        .mapEmpty();
  }

  /** Stores an open moderation item; returns its id. */
  public Future<String> addModerationItem(String brandId, String personaId, String kind, String decision,
      String content, String releasedText, String findingsJson, JsonObject context) {
    String id = Sql.newId();
    return db.pool().preparedQuery("INSERT INTO moderation_items (id, brand_id, persona_id, kind, status, decision, "
            + "content, released_text, findings, context, created_at) VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)")
        .execute(Tuple.from(new Object[] {id, brandId, personaId, kind, decision, content, releasedText,
            findingsJson, context.encode(), Sql.ts(clock.instant())}))
        .map(id);
  }

  /** Moderation items of the given brands with a status, newest first. */
  public Future<List<ModerationItem>> moderationItems(Collection<String> brandIds, String status, int limit) {
    if (brandIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    StringBuilder sql = new StringBuilder("SELECT id, brand_id, persona_id, kind, status, decision, content, "
        + "released_text, findings, context, created_at FROM moderation_items WHERE status = ? AND brand_id IN (");
    List<Object> args = new ArrayList<>();
    args.add(status);
    int i = 0;
    for (String b : brandIds) {
      sql.append(i++ == 0 ? "?" : ", ?");
      args.add(b);
    }
    sql.append(") ORDER BY created_at DESC, id LIMIT ").append(Math.max(1, Math.min(limit, 500)));
    return db.pool().preparedQuery(sql.toString()).execute(Tuple.from(args)).map(rows -> {
      List<ModerationItem> items = new ArrayList<>();
      for (Row r : rows) {
        items.add(new ModerationItem(Sql.string(r, "id"), Sql.string(r, "brand_id"), Sql.string(r, "persona_id"),
            Sql.string(r, "kind"), Sql.string(r, "status"), Sql.string(r, "decision"), Sql.string(r, "content"),
            Sql.string(r, "released_text"), Sql.string(r, "findings"), Sql.string(r, "context"),
            Sql.instant(r, "created_at")));
      }
      return items;
    });
  }

  /** Brand ids of all moderation items of every brand (for platform admins). */
  public Future<List<String>> allBrandIds() {
    return db.pool().query("SELECT id FROM brands").execute().map(rows -> {
      List<String> ids = new ArrayList<>();
      rows.forEach(r -> ids.add(Sql.string(r, "id")));
      return ids;
    });
  }
}
