package com.personaruntime.runtime.provenance;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The provenance signing keys: ES256 (ECDSA P-256, RFC 7518 §3.4) through nimbus-jose-jwt.
 *
 * <p>Keys live in a JWK set file (private parts included, owner-only permissions where the file
 * system supports it), by default {@code provenance-keys.json} in the data folder, generated at
 * first start. The last key of the file signs; older keys stay in the file and, through the
 * {@code provenance_keys} table, in the public JWKS, so records signed before a rotation still
 * verify. Alternatively the operator gives one private EC JWK in configuration
 * ({@code provenance.privateJwk}); it then signs, and the keys used before stay published.
 *
 * <p>Loading and rotation do blocking file I/O: call them off the event loop.
 */
public final class ProvenanceKeys {
  private final List<ECKey> keys;
  private final ECKey active;
  private final ECDSASigner signer;

  private ProvenanceKeys(List<ECKey> keys) {
    this.keys = List.copyOf(keys);
    this.active = keys.get(keys.size() - 1);
    try {
      this.signer = new ECDSASigner(active);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("provenance key " + active.getKeyID() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads the signing keys: the configured JWK when given (not blank), else the key file, created
   * with a new key when missing.
   *
   * @throws IllegalArgumentException naming the file or setting when a key cannot be read or is not a
   *                                  private P-256 EC key
   */
  public static ProvenanceKeys load(Path keyFile, String configuredJwk) {
    if (configuredJwk != null && !configuredJwk.isBlank()) {
      try {
        JWK jwk = JWK.parse(configuredJwk.strip());
        return new ProvenanceKeys(List.of(requirePrivateP256(jwk, "provenance.privateJwk")));
      } catch (ParseException e) {
        throw new IllegalArgumentException("provenance.privateJwk: not a JSON Web Key: " + e.getMessage(), e);
      }
    }
    Objects.requireNonNull(keyFile, "keyFile");
    try {
      if (!Files.exists(keyFile)) {
        ProvenanceKeys fresh = new ProvenanceKeys(List.of(generate()));
        fresh.save(keyFile);
        return fresh;
      }
      JWKSet set = JWKSet.parse(Files.readString(keyFile, StandardCharsets.UTF_8));
      List<ECKey> out = new ArrayList<>();
      for (JWK k : set.getKeys()) {
        out.add(requirePrivateP256(k, keyFile.toString()));
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException(keyFile + ": no keys in the JWK set");
      }
      return new ProvenanceKeys(out);
    } catch (IOException | ParseException e) {
      throw new IllegalArgumentException(keyFile + ": cannot read the provenance keys: " + e.getMessage(), e);
    }
  }

  /**
   * A key held only in memory (for an in-memory database, whose records do not outlive the process
   * either). Never use it where records are kept.
   */
  public static ProvenanceKeys ephemeral() {
    return new ProvenanceKeys(List.of(generate()));
  }

  /**
   * Adds a new signing key to the key file and returns the keys with it active; the old keys stay
   * (still published, still verifying what they signed).
   */
  public ProvenanceKeys rotate(Path keyFile) {
    List<ECKey> next = new ArrayList<>(keys);
    next.add(generate());
    ProvenanceKeys rotated = new ProvenanceKeys(next);
    try {
      rotated.save(keyFile);
    } catch (IOException e) {
      throw new IllegalArgumentException(keyFile + ": cannot write the provenance keys: " + e.getMessage(), e);
    }
    return rotated;
  }

  private static ECKey generate() {
    try {
      return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
          .keyIDFromThumbprint(true).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a P-256 key: " + e.getMessage(), e);
    }
  }

  private static ECKey requirePrivateP256(JWK jwk, String where) {
    if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !ec.isPrivate()) {
      throw new IllegalArgumentException(where + ": expected a private EC key on curve P-256 (ES256), got "
          + jwk.getKeyType() + (jwk instanceof ECKey e2 ? " " + e2.getCurve() : ""));
    }
    if (ec.getKeyID() == null) {
      try {
        return new ECKey.Builder(ec).keyIDFromThumbprint().build();
      } catch (JOSEException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return ec;
  }

  private void save(Path keyFile) throws IOException {
    Path parent = keyFile.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path tmp = keyFile.resolveSibling(keyFile.getFileName() + ".tmp");
    Files.writeString(tmp, new JWKSet(new ArrayList<JWK>(keys)).toString(false), StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the folder's permissions apply
    }
    Files.move(tmp, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The key id ({@code kid}) of the signing key. */
  public String activeKid() {
    return active.getKeyID();
  }

  /** The public parts of every key, oldest first. */
  public List<ECKey> publicKeys() {
    return keys.stream().map(ECKey::toPublicJWK).toList();
  }

  /** A compact JWS (ES256, {@code kid} in the header) over the given payload bytes. */
  public String sign(byte[] payload) {
    JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(active.getKeyID())
        .type(JOSEObjectType.JOSE).build(), new Payload(payload));
    try {
      jws.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("provenance signing failed: " + e.getMessage(), e);
    }
    return jws.serialize();
  }
}
