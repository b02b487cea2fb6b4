package com.personaruntime.runtime.storage;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Brands (tenants). */
public final class BrandRepository {

  private static final String COLUMNS = "id, slug, name, created_at";

  private final Database db;
  private final Clock clock;

  /** With the system UTC clock. */
  public BrandRepository(Database db) {
    this(db, Clock.systemUTC());
  }

  /** With the given clock for {@code created_at}. */
  public BrandRepository(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Creates a brand; fails with {@link ConflictException} when the slug is taken. */
  public Future<Brand> create(String slug, String name) {
    try {
      Sql.requireText("brand slug", slug, 100);
      Sql.requireText("brand name", name, 200);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Brand brand = new Brand(Sql.newId(), slug, name, Sql.micros(clock.instant()));
    return db.pool()
        .preparedQuery("INSERT INTO brands (id, slug, name, created_at) VALUES (?, ?, ?, ?)")
        .execute(Tuple.of(brand.id(), brand.slug(), brand.name(), Sql.ts(brand.createdAt())))
        .map(rows -> brand)
        .recover(e -> Sql.conflictAs(e, "brand slug '" + slug + "' is already taken"));
  }

  /**
   * Creates a brand and writes the audit entry {@code brand.created} (by {@code actor}) in the same
   * transaction: a failed audit write leaves no brand. Fails with {@link ConflictException} when the slug
   * is taken.
   */
  public Future<Brand> create(String slug, String name, String actor, AuditLog audit) {
    try {
      Sql.requireText("brand slug", slug, 100);
      Sql.requireText("brand name", name, 200);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Brand brand = new Brand(Sql.newId(), slug, name, Sql.micros(clock.instant()));
    return db.pool().withTransaction(conn -> conn
            .preparedQuery("INSERT INTO brands (id, slug, name, created_at) VALUES (?, ?, ?, ?)")
            .execute(Tuple.of(brand.id(), brand.slug(), brand.name(), Sql.ts(brand.createdAt())))
            .compose(rows -> audit.append(conn, actor, brand.id(), "brand.created", "brand", brand.id(),
                new io.vertx.core.json.JsonObject().put("slug", slug).put("name", name).encode()))
            .map(v -> brand))
        // only a taken slug is a conflict; a refused audit entry is a failure of its own (500)
        .recover(e -> Sql.isUniqueViolation(e)
            ? Future.failedFuture(new ConflictException("brand slug '" + slug + "' is already taken", e))
            : Future.failedFuture(e));
  }

  /** The brand with this slug. */
  public Future<Optional<Brand>> findBySlug(String slug) {
    return db.pool().preparedQuery("SELECT " + COLUMNS + " FROM brands WHERE slug = ?")
        .execute(Tuple.of(slug))
        .map(rows -> Sql.first(rows, BrandRepository::map));
  }

  /** The brand with this id. */
  public Future<Optional<Brand>> findById(String id) {
    return db.pool().preparedQuery("SELECT " + COLUMNS + " FROM brands WHERE id = ?")
        .execute(Tuple.of(id))
        .map(rows -> Sql.first(rows, BrandRepository::map));
  }

  /**
   * Renames a brand (its display name; the slug never changes) and writes the audit entry
   * {@code brand.renamed} in the same transaction. False when the brand does not exist.
   */
  public Future<Boolean> rename(String brandId, String name, String actor, AuditLog audit) {
    try {
      Sql.requireText("brand name", name, 200);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return db.pool().withTransaction(conn -> conn.preparedQuery("UPDATE brands SET name = ? WHERE id = ?")
        .execute(Tuple.of(name, brandId))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false)
            : audit.append(conn, actor, brandId, "brand.renamed", "brand", brandId,
                new io.vertx.core.json.JsonObject().put("name", name).encode()).map(true)));
  }

  /** All brands, ordered by slug. */
  public Future<List<Brand>> list() {
    return db.pool().query("SELECT " + COLUMNS + " FROM brands ORDER BY slug")
        .execute()
        .map(rows -> Sql.list(rows, BrandRepository::map));
  }

  static Brand map(Row row) {
    return new Brand(Sql.string(row, "id"), Sql.string(row, "slug"), Sql.string(row, "name"),
        Sql.instant(row, "created_at"));
  }
}
