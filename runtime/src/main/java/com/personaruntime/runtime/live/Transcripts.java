package com.personaruntime.runtime.live;

import com.personaruntime.runtime.privacy.AudiencePrivacy;
import com.personaruntime.runtime.storage.Database;
import com.personaruntime.runtime.storage.Sql;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reading conversation transcripts (written by {@link LiveStore}) for the console's read-only view. */
public final class Transcripts {
  /** Most turns one query returns. */
  public static final int MAX_TURNS = 500;

  /**
   * One turn as brand staff may see it: what the audience sent (its contact data hidden, see
   * {@link com.personaruntime.runtime.privacy.AudiencePrivacy}) and exactly what it saw, with the verdict.
   *
   * @param findingsJson the guard's findings as JSON (rule, severity, action, start, end, message)
   */
  public record Turn(long id, String conversationId, String room, int personaVersion, String audienceText,
      String replyText, String decision, String findingsJson, String route, Integer totalMs, Instant at) {
  }

  private final Database db;

  public Transcripts(Database db) {
    this.db = db;
  }

  /**
   * The newest turns of a persona's conversations (at most {@code limit}, capped at
   * {@link #MAX_TURNS}), optionally only those with one decision (allow, rewrite, flag, block).
   * The caller has checked that the user may read the persona's brand.
   */
  public Future<List<Turn>> forPersona(String personaId, String decision, int limit) {
    int capped = Math.max(1, Math.min(limit, MAX_TURNS));
    List<Object> params = new ArrayList<>();
    params.add(personaId);
    String where = "c.persona_id = ?";
    if (decision != null && !decision.isBlank()) {
      where += " AND t.decision = ?";
      params.add(decision);
    }
    return db.pool().preparedQuery("SELECT t.id, t.conversation_id, c.room, t.persona_version, t.audience_text,"
            + " t.reply_text, t.decision, t.findings, t.route, t.total_ms, t.created_at FROM transcript_turns t"
            + " JOIN conversations c ON c.id = t.conversation_id WHERE " + where
            + " ORDER BY t.id DESC FETCH FIRST " + capped + " ROWS ONLY")
        .execute(Tuple.from(params))
        .map(rows -> Sql.list(rows, r -> new Turn(Sql.longValue(r, "id"), Sql.string(r, "conversation_id"),
            Sql.string(r, "room"), ((Number) Sql.value(r, "persona_version")).intValue(),
            AudiencePrivacy.redact(Sql.string(r, "audience_text"), null),
            Sql.string(r, "reply_text"), Sql.string(r, "decision"), Sql.string(r, "findings"), Sql.string(r, "route"),
            Sql.value(r, "total_ms") == null ? null : ((Number) Sql.value(r, "total_ms")).intValue(),
            Sql.instant(r, "created_at"))));
  }
}
