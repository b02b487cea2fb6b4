package com.personaruntime.runtime.storage;

import static com.personaruntime.runtime.storage.TestDb.await;
import static com.personaruntime.runtime.storage.TestDb.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Migrations and the append-only audit log, on each backend. */
abstract class DatabaseContract extends DbContract {

  @Test
  void migrationsCreateEveryTable() {
    assertThat(db.vendor()).isEqualTo(backend() == Backend.H2 ? "h2" : "postgresql");
    for (String table : List.of("brands", "users", "memberships", "api_tokens", "sessions", "personas",
        "persona_versions", "audit_log")) {
      Row row = await(db.pool().query("SELECT COUNT(*) AS n FROM " + table).execute()).iterator().next();
      assertThat(Sql.longValue(row, "n")).as(table).isNotNull();
    }
    Row history = await(db.pool().query("SELECT COUNT(*) AS n FROM \"flyway_schema_history\""
        + " WHERE \"success\" = TRUE AND \"version\" IN ('1', '1.1')")
        .execute()).iterator().next();
    assertThat(Sql.longValue(history, "n")).isEqualTo(2L);
  }

  @Test
  void reopeningAppliesNothingAgainAndKeepsData() {
    await(new BrandRepository(db).create(unique("keep"), "Keep"));
    long before = await(new BrandRepository(db).list()).size();
    Database again = await(Database.open(t.vertx, t.config));
    try {
      assertThat(await(new BrandRepository(again).list())).hasSize((int) before);
    } finally {
      await(again.close());
    }
  }

  @Test
  void auditLogAppendsAndListsNewestFirstPerBrand() {
    AuditLog audit = new AuditLog(db, clock);
    String brandA = unique("brand");
    String brandB = unique("brand");
    await(audit.append("alice@example.com", brandA, "persona.created", "persona", "p1", "{\"v\":1}"));
    clock.advance(Duration.ofSeconds(1));
    await(audit.append("bob@example.com", brandA, "persona.published", "persona", "p1", null));
    await(audit.append("carol@example.com", brandB, "persona.created", "persona", "p2", "{}"));

    List<AuditEvent> a = await(audit.list(brandA, 10));
    assertThat(a).extracting(AuditEvent::action).containsExactly("persona.published", "persona.created");
    assertThat(a.get(1).detailsJson()).isEqualTo("{\"v\":1}");
    assertThat(a.get(1).actor()).isEqualTo("alice@example.com");
    assertThat(a.get(0).at()).isEqualTo(Sql.micros(clock.instant()));
    assertThat(a.get(0).id()).isGreaterThan(a.get(1).id());
    assertThat(await(audit.list(brandA, 1))).hasSize(1);
    assertThat(await(audit.list(null, 1000))).extracting(AuditEvent::brandId).contains(brandA, brandB);
  }

  @Test
  void auditLogRefusesUpdateAndDeleteInTheDatabase() {
    AuditLog audit = new AuditLog(db, clock);
    String brand = unique("brand");
    await(audit.append("alice@example.com", brand, "user.login", "user", "u1", null));

    Throwable update = failure(db.pool().preparedQuery("UPDATE audit_log SET actor = ? WHERE brand_id = ?")
        .execute(Tuple.of("mallory", brand)));
    assertThat(update).hasMessageContaining("append-only");
    Throwable delete = failure(db.pool().preparedQuery("DELETE FROM audit_log WHERE brand_id = ?")
        .execute(Tuple.of(brand)));
    assertThat(delete).hasMessageContaining("append-only");

    assertThat(await(audit.list(brand, 10))).singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("alice@example.com"));
  }

  @Test
  void auditLogValidatesRequiredFields() {
    AuditLog audit = new AuditLog(db, clock);
    assertThat(failure(audit.append(" ", null, "x", "y", null, null))).hasMessageContaining("audit actor");
  }
}

class DatabaseH2Test extends DatabaseContract {
  @Override
  protected Backend backend() {
    return Backend.H2;
  }
}

class DatabasePostgresTest extends DatabaseContract {
  @Override
  protected Backend backend() {
    return Backend.POSTGRESQL;
  }

  @Test
  void truncateIsRefusedToo() {
    Throwable truncate = failure(db.pool().query("TRUNCATE audit_log").execute());
    assertThat(truncate).hasMessageContaining("append-only");
  }
}
