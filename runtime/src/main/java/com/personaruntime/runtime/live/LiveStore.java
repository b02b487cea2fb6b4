package com.personaruntime.runtime.live;

import com.personaruntime.runtime.storage.Database;
import com.personaruntime.runtime.storage.Sql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;

/** Conversations, transcript turns and new moderation items (tables of migration V2); the moderation workflow is {@link ModerationStore}. */
public class LiveStore {
  private final Database db;
  private final Clock clock;

  public LiveStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
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


}
