package com.personaruntime.runtime.provenance;

import com.personaruntime.runtime.storage.Database;
import com.personaruntime.runtime.storage.Sql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * Signed provenance records of published post variants (ARCHITECTURE.md "Provenance",
 * REFERENCE.md "Provenance of AI text": a remote manifest rather than C2PA in the caption).
 *
 * <p>A record is a JSON object; its RFC 8785 (JCS) canonical UTF-8 form is the payload of a
 * compact JWS signed ES256 with {@link ProvenanceKeys}. Both are stored; {@link #find} serves them
 * as {@code {"record": {...}, "jws": "..."}} and {@link #jwks} the public keys of every key ever
 * used. A verifier checks the JWS against the JWKS (by {@code kid}), and that the record's
 * {@code contentSha256} equals {@link #contentSha256} of the text it received.
 */
public final class ProvenanceService {
  /** The record schema id. */
  public static final String SCHEMA = "https://persona-runtime.dev/schemas/post-provenance/v1";
  /** IPTC digital source type of AI output. */
  public static final String DIGITAL_SOURCE_TYPE =
      "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

  private final Database db;
  private final ProvenanceKeys keys;
  private final Clock clock;

  public ProvenanceService(Database db, ProvenanceKeys keys, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** SHA-256 (lower-case hex) of the UTF-8 bytes of the NFC form of a text. */
  public static String contentSha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(Normalizer.normalize(text, Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The RFC 8785 canonical UTF-8 bytes of a JSON object. */
  public static byte[] canonical(JsonObject record) {
    try {
      return new JsonCanonicalizer(record.encode()).getEncodedUTF8();
    } catch (IOException e) {
      throw new IllegalArgumentException("record is not canonicalisable JSON: " + e.getMessage(), e);
    }
  }

  /** Publishes the public keys (idempotent: keys already in the table are left alone). */
  public Future<Void> publishKeys() {
    Future<Void> chain = Future.succeededFuture();
    for (var k : keys.publicKeys()) {
      String kid = k.getKeyID();
      String jwk = k.toJSONString();
      chain = chain.compose(v -> db.pool().preparedQuery("SELECT kid FROM provenance_keys WHERE kid = ?")
          .execute(Tuple.of(kid))
          .compose(rows -> rows.size() > 0 ? Future.<Void>succeededFuture()
              : db.pool().preparedQuery("INSERT INTO provenance_keys (kid, public_jwk, created_at) VALUES (?, ?, ?)")
                  .execute(Tuple.of(kid, jwk, Sql.ts(clock.instant())))
                  .<Void>mapEmpty()
                  .recover(err -> Sql.isConstraintViolation(err) ? Future.succeededFuture() : Future.failedFuture(err))));
    }
    return chain;
  }

  /**
   * Signs a record and stores it for the variant through {@code client} (a running transaction),
   * so it commits with the state that publishes the variant. Returns the compact JWS.
   */
  public Future<String> store(SqlClient client, String variantId, JsonObject record) {
    String jws = keys.sign(canonical(record));
    return client.preparedQuery("INSERT INTO provenance_records (variant_id, record, jws, kid, created_at) "
            + "VALUES (?, ?, ?, ?, ?)")
        .execute(Tuple.of(variantId, record.encode(), jws, keys.activeKid(), Sql.ts(clock.instant())))
        .map(jws);
  }

  /**
   * The record of a variant as served publicly, {@code {"record": {...}, "jws": "..."}}, if the
   * variant has started publishing (a scheduled variant's record is not public yet).
   */
  public Future<Optional<JsonObject>> find(String variantId) {
    return db.pool().preparedQuery("SELECT r.record, r.jws FROM provenance_records r JOIN post_variants v "
            + "ON v.id = r.variant_id WHERE r.variant_id = ? AND v.status IN ('publishing', 'published')")
        .execute(Tuple.of(variantId))
        .map(rows -> Sql.first(rows, r -> new JsonObject().put("record", new JsonObject(Sql.string(r, "record")))
            .put("jws", Sql.string(r, "jws"))));
  }

  /** The JWKS of every key ever used to sign, oldest first: {@code {"keys": [...]}}. */
  public Future<JsonObject> jwks() {
    return db.pool().preparedQuery("SELECT public_jwk FROM provenance_keys ORDER BY created_at, kid")
        .execute(Tuple.tuple())
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject(Sql.string(r, "public_jwk"))));
          return new JsonObject().put("keys", out);
        });
  }

  /** The id of the key that signs new records. */
  public String activeKid() {
    return keys.activeKid();
  }
}
