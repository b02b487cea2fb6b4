package com.personaruntime.runtime.insights;

import com.personaruntime.runtime.storage.Database;
import com.personaruntime.runtime.storage.Sql;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The tables of migration V8_1: {@code turn_signals} and {@code insight_settings}. */
public final class InsightsStore {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Most turns one report reads (newest first); older ones in the window are left out and said so. */
  static final int MAX_ROWS = 20_000;

  private final Database db;
  private final Clock clock;

  public InsightsStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A brand's settings. */
  public record Settings(String brandId, String audienceSalt, Integer retentionDays) {
  }

  /** Audience salts already read, per brand id: a salt never changes once created. */
  private final java.util.concurrent.ConcurrentHashMap<String, String> salts = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The brand's audience salt (see {@link #settings}), read from the database once per brand and then
   * remembered: it never changes, and every stored turn needs it (one query less per turn).
   */
  public Future<String> audienceSalt(String brandId) {
    String known = salts.get(brandId);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return settings(brandId).map(s -> {
      salts.put(brandId, s.audienceSalt());
      return s.audienceSalt();
    });
  }

  /** The brand's settings, created (with a fresh random salt) on first use. */
  public Future<Settings> settings(String brandId) {
    return find(brandId).compose(found -> {
      if (found.isPresent()) {
        return Future.succeededFuture(found.get());
      }
      byte[] salt = new byte[32];
      RANDOM.nextBytes(salt);
      return db.pool().preparedQuery("INSERT INTO insight_settings (brand_id, audience_salt, retention_days, updated_at)"
              + " VALUES (?, ?, NULL, ?)")
          .execute(Tuple.of(brandId, HexFormat.of().formatHex(salt), Sql.ts(clock.instant())))
          // two first turns at once: the loser reads the winner's row
          .recover(err -> Sql.isConstraintViolation(err) ? Future.succeededFuture() : Future.failedFuture(err))
          .compose(v -> find(brandId)).map(Optional::orElseThrow);
    });
  }

  private Future<Optional<Settings>> find(String brandId) {
    return db.pool().preparedQuery("SELECT brand_id, audience_salt, retention_days FROM insight_settings WHERE brand_id = ?")
        .execute(Tuple.of(brandId))
        .map(rows -> Sql.first(rows, r -> new Settings(Sql.string(r, "brand_id"), Sql.string(r, "audience_salt"),
            Sql.integer(r, "retention_days"))));
  }

  /** Sets a brand's retention (null keeps transcripts forever). */
  public Future<Settings> setRetention(String brandId, Integer days) {
    return settings(brandId).compose(s -> db.pool()
        .preparedQuery("UPDATE insight_settings SET retention_days = ?, updated_at = ? WHERE brand_id = ?")
        .execute(Tuple.of(days, Sql.ts(clock.instant()), brandId))
        .map(r -> new Settings(brandId, s.audienceSalt(), days)));
  }

  /** Every brand with a retention period: brand id and days. */
  public Future<List<Settings>> retentionPolicies() {
    return db.pool().query("SELECT brand_id, audience_salt, retention_days FROM insight_settings"
            + " WHERE retention_days IS NOT NULL").execute()
        .map(rows -> Sql.list(rows, r -> new Settings(Sql.string(r, "brand_id"), Sql.string(r, "audience_salt"),
            Sql.integer(r, "retention_days"))));
  }

  /**
   * Stores the signals of the latest turn with this message id in the conversation. Returns false when
   * the turn is gone (deleted by retention meanwhile).
   */
  public Future<Boolean> insert(String brandId, String personaId, String conversationId, String messageId, String room,
      String audienceId, String audienceName, TurnSignals s) {
    return db.groupCommit().write("INSERT INTO turn_signals (turn_id, brand_id, persona_id, conversation_id, room,"
            + " audience_id, audience_name, language, sentiment, sentiment_score, intent, topic, question, answered,"
            + " knowledge_score, response_ms, verdict, embedding, created_at)"
            + " SELECT MAX(t.id), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, MAX(t.created_at)"
            + " FROM transcript_turns t WHERE t.conversation_id = ? AND t.message_id = ? HAVING MAX(t.id) IS NOT NULL",
            Tuple.from(new Object[] {brandId, personaId, conversationId, room, audienceId, audienceName,
            s.language(), s.sentiment().wire(), s.sentimentScore(), s.intent(), s.topic(), s.question(), s.answered(),
            s.knowledgeScore(), s.responseMs(), s.verdict(), s.embedding(), conversationId, messageId}))
        .map(count -> count > 0);
  }

  /** One turn as insights read it. Signal fields are null when the turn has no signals (yet). */
  public record TurnRow(long turnId, String conversationId, String room, Instant at, String audienceText,
                     String findings, String decision, Integer firstTokenMs, Integer totalMs, String audienceId,
                     String audienceName, String language, String sentiment, Double sentimentScore, String manual,
                     String intent, String topic, Boolean question, Boolean answered, Integer responseMs,
                     String embedding) {
    /** The label in force: the manual correction when there is one. */
    public String effectiveSentiment() {
      return manual != null ? manual : sentiment;
    }
  }

  /** Turns of a persona since {@code from}, oldest first (at most {@link #MAX_ROWS}, the newest). */
  public Future<List<TurnRow>> turns(String personaId, Instant from, boolean withEmbeddings) {
    return db.pool().preparedQuery("SELECT t.id, t.conversation_id, c.room, t.created_at, t.audience_text, t.findings,"
            + " t.decision, t.first_token_ms, t.total_ms, s.audience_id, s.audience_name, s.language, s.sentiment,"
            + " s.sentiment_score, s.sentiment_manual, s.intent, s.topic, s.question, s.answered, s.response_ms, "
            + (withEmbeddings ? "s.embedding" : "NULL AS embedding")
            + " FROM transcript_turns t JOIN conversations c ON c.id = t.conversation_id"
            + " LEFT JOIN turn_signals s ON s.turn_id = t.id"
            + " WHERE c.persona_id = ? AND t.created_at >= ? ORDER BY t.id DESC LIMIT " + MAX_ROWS)
        .execute(Tuple.of(personaId, Sql.ts(from)))
        .map(rows -> {
          List<TurnRow> out = new java.util.ArrayList<>(Sql.list(rows, InsightsStore::row));
          java.util.Collections.reverse(out);
          return out;
        });
  }

  private static TurnRow row(Row r) {
    Object score = Sql.value(r, "sentiment_score");
    Object question = Sql.value(r, "question");
    Object answered = Sql.value(r, "answered");
    return new TurnRow(Sql.longValue(r, "id"), Sql.string(r, "conversation_id"), Sql.string(r, "room"),
        Sql.instant(r, "created_at"), Sql.string(r, "audience_text"), Sql.string(r, "findings"),
        Sql.string(r, "decision"), Sql.integer(r, "first_token_ms"), Sql.integer(r, "total_ms"),
        Sql.string(r, "audience_id"), Sql.string(r, "audience_name"), Sql.string(r, "language"),
        Sql.string(r, "sentiment"), score == null ? null : ((Number) score).doubleValue(),
        Sql.string(r, "sentiment_manual"), Sql.string(r, "intent"), Sql.string(r, "topic"),
        question == null ? null : Sql.bool(r, "question"), answered == null ? null : Sql.bool(r, "answered"),
        Sql.integer(r, "response_ms"), Sql.string(r, "embedding"));
  }

  /** The brand and persona of a turn's signals, if the turn has signals. */
  public record Owner(String brandId, String personaId) {
  }

  public Future<Optional<Owner>> owner(long turnId) {
    return db.pool().preparedQuery("SELECT brand_id, persona_id FROM turn_signals WHERE turn_id = ?")
        .execute(Tuple.of(turnId))
        .map(rows -> Sql.first(rows, r -> new Owner(Sql.string(r, "brand_id"), Sql.string(r, "persona_id"))));
  }

  /** Sets (or, with null, clears) the manual sentiment label of a turn. */
  public Future<Void> correct(long turnId, Sentiment label, String by) {
    return db.pool().preparedQuery("UPDATE turn_signals SET sentiment_manual = ?, corrected_by = ?, corrected_at = ?"
            + " WHERE turn_id = ?")
        .execute(Tuple.of(label == null ? null : label.wire(), label == null ? null : by,
            label == null ? null : Sql.ts(clock.instant()), turnId))
        .mapEmpty();
  }

  /**
   * Deletes a brand's transcript turns older than {@code cutoff}, with their signals. Returns the
   * number of turns deleted. Conversation rows (ids, room, start time; no audience text) stay.
   */
  public Future<Integer> deleteBefore(String brandId, Instant cutoff) {
    return db.pool().withTransaction(conn -> conn
        .preparedQuery("DELETE FROM turn_signals WHERE brand_id = ? AND created_at < ?")
        .execute(Tuple.of(brandId, Sql.ts(cutoff)))
        .compose(v -> conn.preparedQuery("DELETE FROM transcript_turns WHERE brand_id = ? AND created_at < ?")
            .execute(Tuple.of(brandId, Sql.ts(cutoff))))
        .map(deleted -> deleted.rowCount()));
  }
}
