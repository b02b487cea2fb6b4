package com.personaruntime.runtime.storage;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Personas and their versions. The persona document is an opaque JSON string here (the
 * {@code personas} module parses and validates it); the caller supplies its checksum.
 *
 * <p>Every change is a new immutable version; one version per persona is published (served).
 * Adding a version locks the persona row ({@code SELECT ... FOR UPDATE}) so concurrent
 * writers are serialised; a primary-key clash or lock timeout that slips through is retried
 * a few times and then reported as a {@link ConflictException}.
 *
 * <p>Deletion is soft: the persona disappears from every finder, but its slug stays reserved
 * for its brand. Creating the same slug again <em>in the same brand</em> restores it, with the
 * new document as a new published version; another brand gets a {@link ConflictException}
 * (so a brand can never take over the public slug another brand used).
 */
public final class PersonaRepository {

  /**
   * Work done inside a persona change's transaction once the change is written, typically its
   * audit entry: it sees the persona as this transaction wrote it (the version this request
   * created, never a concurrent one's), and its failure rolls the change back.
   */
  @FunctionalInterface
  public interface InTransaction {
    /** Runs on the transaction's connection; a failed future rolls the whole change back. */
    Future<Void> run(SqlConnection conn, PersonaRecord written);
  }

  /** Nothing more to do in the transaction. */
  public static final InTransaction NOTHING = (conn, written) -> Future.succeededFuture();

  /**
   * The allowed values of a version's {@code source}: {@code file} (imported from {@code personas.dir}),
   * {@code api} (written with an API token), {@code console} (written in the console, a session).
   */
  public static final Set<String> SOURCES = Set.of("file", "api", "console");

  private static final int ATTEMPTS = 4;
  /** Unique violation, H2 lock timeout, PostgreSQL serialisation failure and deadlock. */
  private static final Set<String> RETRYABLE = Set.of("23505", "HYT00", "40001", "40P01");

  private static final String RECORD_SELECT = "SELECT p.id, p.brand_id, b.slug AS brand_slug, p.slug,"
      + " p.published_version, p.latest_version,"
      + " pv.document AS published_document, pv.checksum AS published_checksum,"
      + " lv.document AS latest_document, lv.checksum AS latest_checksum,"
      + " p.created_at, p.updated_at"
      + " FROM personas p"
      + " JOIN brands b ON b.id = p.brand_id"
      + " JOIN persona_versions lv ON lv.persona_id = p.id AND lv.version = p.latest_version"
      + " LEFT JOIN persona_versions pv ON pv.persona_id = p.id AND pv.version = p.published_version"
      + " WHERE p.deleted_at IS NULL";

  private static final String VERSION_COLUMNS =
      "persona_id, version, document, checksum, source, created_by, created_at";
  private static final String VERSION_SELECT = "SELECT v.persona_id, v.version, v.document, v.checksum,"
      + " v.source, v.created_by, v.created_at,"
      + " CASE WHEN p.published_version = v.version THEN TRUE ELSE FALSE END AS published"
      + " FROM persona_versions v JOIN personas p ON p.id = v.persona_id";

  private final Database db;
  private final Clock clock;

  /** With the system UTC clock. */
  public PersonaRepository(Database db) {
    this(db, Clock.systemUTC());
  }

  /** With the given clock for timestamps. */
  public PersonaRepository(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates a persona with version 1 and publishes it (or restores a deleted persona of the
   * same brand, see the class comment). Fails with {@link ConflictException} when the slug is
   * taken and {@link NotFoundException} when the brand does not exist.
   */
  public Future<PersonaRecord> create(String brandId, String slug, String documentJson, String checksum,
      String source, String actor) {
    return create(brandId, slug, documentJson, checksum, source, actor, true, NOTHING);
  }

  /** As {@link #create(String, String, String, String, String, String)}; version 1 stays a draft unless {@code publish}. */
  public Future<PersonaRecord> create(String brandId, String slug, String documentJson, String checksum,
      String source, String actor, boolean publish) {
    return create(brandId, slug, documentJson, checksum, source, actor, publish, NOTHING);
  }

  /**
   * As {@link #create(String, String, String, String, String, String, boolean)}, running {@code after}
   * (e.g. the audit entry) in the same transaction with the persona as written.
   */
  public Future<PersonaRecord> create(String brandId, String slug, String documentJson, String checksum,
      String source, String actor, boolean publish, InTransaction after) {
    try {
      Sql.requireText("brand id", brandId, 36);
      Sql.requireText("persona slug", slug, 100);
      requireVersionFields(documentJson, checksum, source, actor);
    } catch (IllegalArgumentException | NullPointerException e) {
      return Future.failedFuture(e);
    }
    return db.pool().withTransaction(conn -> conn
            .preparedQuery("SELECT id, brand_id, deleted_at FROM personas WHERE slug = ? FOR UPDATE")
            .execute(Tuple.of(slug))
            .compose(rows -> {
              if (rows.size() == 0) {
                return insertNew(conn, brandId, slug, documentJson, checksum, source, actor, publish)
                    .compose(id -> written(conn, id, after));
              }
              Row row = rows.iterator().next();
              String id = Sql.string(row, "id");
              if (Sql.value(row, "deleted_at") == null) {
                return Future.failedFuture(new ConflictException("persona slug '" + slug + "' is already taken"));
              }
              if (!brandId.equals(Sql.string(row, "brand_id"))) {
                return Future.failedFuture(new ConflictException("persona slug '" + slug
                    + "' is reserved by a deleted persona of another brand"));
              }
              return conn.preparedQuery("UPDATE personas SET deleted_at = NULL WHERE id = ?")
                  .execute(Tuple.of(id))
                  .compose(v -> addVersionIn(conn, id, documentJson, checksum, source, actor, publish))
                  .compose(v -> written(conn, id, after));
            }))
        .recover(e -> {
          if (Sql.isForeignKeyViolation(e)) {
            return Future.failedFuture(new NotFoundException("brand " + brandId + " does not exist"));
          }
          return Sql.conflictAs(e, "persona slug '" + slug + "' is already taken");
        });
  }

  private Future<String> insertNew(SqlConnection conn, String brandId, String slug, String documentJson,
      String checksum, String source, String actor, boolean publish) {
    String id = Sql.newId();
    OffsetDateTime now = Sql.ts(clock.instant());
    return conn.preparedQuery("INSERT INTO personas (id, brand_id, slug, latest_version, published_version,"
            + " created_at, updated_at) VALUES (?, ?, ?, 1, NULL, ?, ?)")
        .execute(Tuple.of(id, brandId, slug, now, now))
        .compose(v -> insertVersion(conn, id, 1, documentJson, checksum, source, actor, now))
        .compose(v -> publish ? conn.preparedQuery("UPDATE personas SET published_version = 1 WHERE id = ?")
            .execute(Tuple.of(id)).mapEmpty() : Future.succeededFuture())
        .map(v -> id);
  }

  /**
   * Adds a version with this document, unless its checksum equals the latest version's; with
   * {@code publish} the (new or unchanged latest) version is also published. Returns the
   * persona either way (compare {@link PersonaRecord#latestVersion()} to see whether a version
   * was added). Fails with {@link NotFoundException} for an unknown or deleted persona.
   */
  public Future<PersonaRecord> addVersion(String personaId, String documentJson, String checksum,
      String source, String actor, boolean publish) {
    return addVersion(personaId, documentJson, checksum, source, actor, publish, NOTHING);
  }

  /**
   * As {@link #addVersion(String, String, String, String, String, boolean)}, running {@code after} (e.g.
   * the audit entry) in the same transaction. The persona returned (and given to {@code after}) is read in
   * that transaction, while its row is locked: its {@link PersonaRecord#latestVersion()} is the version
   * this call created (or the unchanged latest), never one a concurrent writer created after the commit.
   */
  public Future<PersonaRecord> addVersion(String personaId, String documentJson, String checksum,
      String source, String actor, boolean publish, InTransaction after) {
    try {
      requireVersionFields(documentJson, checksum, source, actor);
    } catch (IllegalArgumentException | NullPointerException e) {
      return Future.failedFuture(e);
    }
    return retrying(() -> db.pool().withTransaction(conn ->
            addVersionIn(conn, personaId, documentJson, checksum, source, actor, publish)
                .compose(v -> written(conn, personaId, after))),
        "persona " + personaId + " was changed concurrently; try again");
  }

  private Future<Void> addVersionIn(SqlConnection conn, String personaId, String documentJson,
      String checksum, String source, String actor, boolean publish) {
    return conn.preparedQuery("SELECT latest_version, published_version FROM personas"
            + " WHERE id = ? AND deleted_at IS NULL FOR UPDATE")
        .execute(Tuple.of(personaId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(new NotFoundException("persona " + personaId + " does not exist"));
          }
          Row persona = rows.iterator().next();
          int latest = Sql.integer(persona, "latest_version");
          Integer published = Sql.integer(persona, "published_version");
          return conn.preparedQuery("SELECT checksum FROM persona_versions WHERE persona_id = ? AND version = ?")
              .execute(Tuple.of(personaId, latest))
              .compose(latestRows -> {
                String latestChecksum = Sql.string(latestRows.iterator().next(), "checksum");
                OffsetDateTime now = Sql.ts(clock.instant());
                if (checksum.equals(latestChecksum)) {
                  if (publish && (published == null || published != latest)) {
                    return conn.preparedQuery("UPDATE personas SET published_version = ?, updated_at = ? WHERE id = ?")
                        .execute(Tuple.of(latest, now, personaId)).mapEmpty();
                  }
                  return Future.succeededFuture();
                }
                int next = latest + 1;
                Integer newPublished = publish ? Integer.valueOf(next) : published;
                return insertVersion(conn, personaId, next, documentJson, checksum, source, actor, now)
                    .compose(v -> conn.preparedQuery("UPDATE personas SET latest_version = ?,"
                            + " published_version = ?, updated_at = ? WHERE id = ?")
                        .execute(Tuple.of(next, newPublished, now, personaId)))
                    .mapEmpty();
              });
        });
  }

  private static Future<Void> insertVersion(SqlConnection conn, String personaId, int version, String documentJson,
      String checksum, String source, String actor, OffsetDateTime now) {
    return conn.preparedQuery("INSERT INTO persona_versions (" + VERSION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
        .execute(Tuple.of(personaId, version, documentJson, checksum, source, actor, now))
        .mapEmpty();
  }

  /**
   * Publishes an existing version. Fails with {@link NotFoundException} when the persona is
   * unknown or deleted, or has no such version.
   */
  public Future<PersonaRecord> publish(String personaId, int version) {
    return publish(personaId, version, NOTHING);
  }

  /** As {@link #publish(String, int)}, running {@code after} (e.g. the audit entry) in the same transaction. */
  public Future<PersonaRecord> publish(String personaId, int version, InTransaction after) {
    return retrying(() -> db.pool().withTransaction(conn -> conn
            .preparedQuery("SELECT id FROM personas WHERE id = ? AND deleted_at IS NULL FOR UPDATE")
            .execute(Tuple.of(personaId))
            .compose(rows -> rows.size() == 0
                ? Future.failedFuture(new NotFoundException("persona " + personaId + " does not exist"))
                : conn.preparedQuery("SELECT version FROM persona_versions WHERE persona_id = ? AND version = ?")
                    .execute(Tuple.of(personaId, version)))
            .compose(rows -> rows.size() == 0
                ? Future.failedFuture(new NotFoundException("persona " + personaId + " has no version " + version))
                : conn.preparedQuery("UPDATE personas SET published_version = ?, updated_at = ? WHERE id = ?")
                    .execute(Tuple.of(version, Sql.ts(clock.instant()), personaId)))
            .compose(v -> written(conn, personaId, after))),
        "persona " + personaId + " was changed concurrently; try again");
  }

  /** The persona with this slug, unless deleted. */
  public Future<Optional<PersonaRecord>> findBySlug(String slug) {
    return db.pool().preparedQuery(RECORD_SELECT + " AND p.slug = ?")
        .execute(Tuple.of(slug))
        .map(rows -> Sql.first(rows, PersonaRepository::mapRecord));
  }

  /** The persona with this id, unless deleted. */
  public Future<Optional<PersonaRecord>> findById(String id) {
    return db.pool().preparedQuery(RECORD_SELECT + " AND p.id = ?")
        .execute(Tuple.of(id))
        .map(rows -> Sql.first(rows, PersonaRepository::mapRecord));
  }

  /** The brand's personas (not deleted), ordered by slug. */
  public Future<List<PersonaRecord>> listByBrand(String brandId) {
    return db.pool().preparedQuery(RECORD_SELECT + " AND p.brand_id = ? ORDER BY p.slug")
        .execute(Tuple.of(brandId))
        .map(rows -> Sql.list(rows, PersonaRepository::mapRecord));
  }

  /** Every persona (not deleted), ordered by slug. */
  public Future<List<PersonaRecord>> listAll() {
    return db.pool().query(RECORD_SELECT + " ORDER BY p.slug")
        .execute()
        .map(rows -> Sql.list(rows, PersonaRepository::mapRecord));
  }

  /** All versions of a persona, newest first (also for a deleted persona; empty when unknown). */
  public Future<List<PersonaVersion>> versions(String personaId) {
    return db.pool().preparedQuery(VERSION_SELECT + " WHERE v.persona_id = ? ORDER BY v.version DESC")
        .execute(Tuple.of(personaId))
        .map(rows -> Sql.list(rows, PersonaRepository::mapVersion));
  }

  /** One version of a persona. */
  public Future<Optional<PersonaVersion>> version(String personaId, int version) {
    return db.pool().preparedQuery(VERSION_SELECT + " WHERE v.persona_id = ? AND v.version = ?")
        .execute(Tuple.of(personaId, version))
        .map(rows -> Sql.first(rows, PersonaRepository::mapVersion));
  }

  /**
   * Soft-deletes a persona: it disappears from the finders, its versions are kept and its
   * slug stays reserved for its brand. {@code false} when unknown or already deleted.
   */
  public Future<Boolean> delete(String personaId) {
    return delete(personaId, NOTHING);
  }

  /**
   * As {@link #delete(String)}, running {@code after} (e.g. the audit entry) in the same transaction with
   * the persona as it was just before the delete; {@code after} does not run when nothing was deleted.
   */
  public Future<Boolean> delete(String personaId, InTransaction after) {
    OffsetDateTime now = Sql.ts(clock.instant());
    return db.pool().withTransaction(conn -> conn.preparedQuery(RECORD_SELECT + " AND p.id = ?")
        .execute(Tuple.of(personaId))
        .compose(rows -> {
          Optional<PersonaRecord> before = Sql.first(rows, PersonaRepository::mapRecord);
          if (before.isEmpty()) {
            return Future.succeededFuture(false);
          }
          return conn.preparedQuery("UPDATE personas SET deleted_at = ?, updated_at = ?"
                  + " WHERE id = ? AND deleted_at IS NULL")
              .execute(Tuple.of(now, now, personaId))
              .compose(updated -> updated.rowCount() == 0 ? Future.succeededFuture(false)
                  : after.run(conn, before.get()).map(true));
        }));
  }

  /**
   * The last import of a persona file: the SHA-256 of the file's bytes then and the version that import
   * made or matched.
   *
   * @param file        the file's name relative to {@code personas.dir}
   * @param contentHash hex SHA-256 of the file's bytes at that import
   * @param version     the persona version it made (or found equal)
   */
  public record FileImport(String file, String contentHash, int version) {
  }

  /** The last import of {@code file} into this persona, if any. */
  public Future<Optional<FileImport>> fileImport(String personaId, String file) {
    return db.pool().preparedQuery("SELECT file, content_hash, version FROM persona_file_imports"
            + " WHERE persona_id = ? AND file = ?")
        .execute(Tuple.of(personaId, file))
        .map(rows -> Sql.first(rows, row -> new FileImport(Sql.string(row, "file"),
            Sql.string(row, "content_hash"), Sql.integer(row, "version"))));
  }

  /**
   * Records (or replaces) the last import of {@code file} into this persona through {@code client}, e.g.
   * the connection of the transaction that made the version.
   */
  public Future<Void> recordFileImport(io.vertx.sqlclient.SqlClient client, String personaId, FileImport imported) {
    try {
      Sql.requireText("file", imported.file(), 1000);
      Sql.requireText("content hash", imported.contentHash(), 128);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    OffsetDateTime now = Sql.ts(clock.instant());
    return client.preparedQuery("UPDATE persona_file_imports SET content_hash = ?, version = ?, imported_at = ?"
            + " WHERE persona_id = ? AND file = ?")
        .execute(Tuple.of(imported.contentHash(), imported.version(), now, personaId, imported.file()))
        .compose(updated -> updated.rowCount() > 0 ? Future.<Void>succeededFuture()
            : client.preparedQuery("INSERT INTO persona_file_imports (persona_id, file, content_hash, version,"
                    + " imported_at) VALUES (?, ?, ?, ?, ?)")
                .execute(Tuple.of(personaId, imported.file(), imported.contentHash(), imported.version(), now))
                .mapEmpty());
  }

  /** As {@link #recordFileImport(io.vertx.sqlclient.SqlClient, String, FileImport)} in a transaction of its own. */
  public Future<Void> recordFileImport(String personaId, FileImport imported) {
    return db.pool().withTransaction(conn -> recordFileImport(conn, personaId, imported));
  }

  /** The newest version of the persona with this checksum and source, if any. */
  public Future<Optional<Integer>> newestVersionWith(String personaId, String checksum, String source) {
    return db.pool().preparedQuery("SELECT MAX(version) AS v FROM persona_versions"
            + " WHERE persona_id = ? AND checksum = ? AND source = ?")
        .execute(Tuple.of(personaId, checksum, source))
        .map(rows -> Optional.ofNullable(Sql.integer(rows.iterator().next(), "v")));
  }

  /** The persona as this transaction sees it (its own writes included), then {@code after} on it. */
  private static Future<PersonaRecord> written(SqlConnection conn, String personaId, InTransaction after) {
    return conn.preparedQuery(RECORD_SELECT + " AND p.id = ?")
        .execute(Tuple.of(personaId))
        .compose(rows -> {
          Optional<PersonaRecord> rec = Sql.first(rows, PersonaRepository::mapRecord);
          if (rec.isEmpty()) {
            return Future.failedFuture(new NotFoundException("persona " + personaId + " does not exist"));
          }
          return after.run(conn, rec.get()).map(rec.get());
        });
  }

  private static <T> Future<T> retrying(Supplier<Future<T>> attempt, String conflictMessage) {
    return retrying(attempt, conflictMessage, 1);
  }

  private static <T> Future<T> retrying(Supplier<Future<T>> attempt, String conflictMessage, int n) {
    return attempt.get().recover(e -> {
      if (!RETRYABLE.contains(Sql.sqlState(e))) {
        return Future.failedFuture(e);
      }
      if (n >= ATTEMPTS) {
        return Future.failedFuture(new ConflictException(conflictMessage, e));
      }
      return retrying(attempt, conflictMessage, n + 1);
    });
  }

  private static void requireVersionFields(String documentJson, String checksum, String source, String actor) {
    Sql.requireText("persona document", documentJson, Integer.MAX_VALUE);
    Sql.requireText("checksum", checksum, 128);
    if (!SOURCES.contains(source)) {
      throw new IllegalArgumentException("version source must be one of " + new java.util.TreeSet<>(SOURCES)
          + ", got " + source);
    }
    Sql.requireText("actor", actor, 320);
  }

  static PersonaRecord mapRecord(Row row) {
    return new PersonaRecord(Sql.string(row, "id"), Sql.string(row, "brand_id"), Sql.string(row, "brand_slug"),
        Sql.string(row, "slug"), Sql.integer(row, "published_version"), Sql.integer(row, "latest_version"),
        Sql.string(row, "published_document"), Sql.string(row, "latest_document"),
        Sql.string(row, "published_checksum"), Sql.string(row, "latest_checksum"),
        Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"));
  }

  static PersonaVersion mapVersion(Row row) {
    return new PersonaVersion(Sql.string(row, "persona_id"), Sql.integer(row, "version"),
        Sql.string(row, "document"), Sql.string(row, "checksum"), Sql.string(row, "source"),
        Sql.string(row, "created_by"), Sql.instant(row, "created_at"), Sql.bool(row, "published"));
  }
}
