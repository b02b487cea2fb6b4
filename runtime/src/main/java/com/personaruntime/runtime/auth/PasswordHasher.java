package com.personaruntime.runtime.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (BouncyCastle) in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (unpadded standard Base64).
 *
 * <p>Default parameters follow the OWASP baseline for Argon2id (19 MiB, 2 passes, 1 lane),
 * about 50-100 ms on a 2-core server. Verification reads the parameters from the stored
 * string, so hashes made with older parameters keep working ({@link #needsRehash} tells when
 * to upgrade them). Hashing is CPU-bound: the {@code Vertx} variants run on a worker thread.
 */
public final class PasswordHasher {

  /**
   * Argon2id cost parameters.
   *
   * @param memoryKiB   memory in KiB
   * @param iterations  passes over the memory
   * @param parallelism lanes
   */
  public record Params(int memoryKiB, int iterations, int parallelism) {

    /** Validates the ranges (also protects {@code verify} against absurd stored parameters). */
    public Params {
      if (memoryKiB < 8 * parallelism || memoryKiB > 1 << 20) {
        throw new IllegalArgumentException("argon2 memory must be between 8*p and 1048576 KiB, got " + memoryKiB);
      }
      if (iterations < 1 || iterations > 10) {
        throw new IllegalArgumentException("argon2 iterations must be between 1 and 10, got " + iterations);
      }
      if (parallelism < 1 || parallelism > 8) {
        throw new IllegalArgumentException("argon2 parallelism must be between 1 and 8, got " + parallelism);
      }
    }
  }

  /** The parameters new hashes get: m=19456 KiB, t=2, p=1. */
  public static final Params DEFAULT_PARAMS = new Params(19456, 2, 1);

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Pattern PHC = Pattern.compile(
      "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

  private PasswordHasher() {
  }

  /** Hashes a password on a worker thread with {@link #DEFAULT_PARAMS}. */
  public static Future<String> hash(Vertx vertx, char[] password) {
    return vertx.executeBlocking(() -> hashBlocking(password), false);
  }

  /** Verifies a password against a PHC string on a worker thread; {@code false} for a malformed hash. */
  public static Future<Boolean> verify(Vertx vertx, char[] password, String phc) {
    return vertx.executeBlocking(() -> verifyBlocking(password, phc), false);
  }

  /** Hashes on the calling thread with {@link #DEFAULT_PARAMS}. Never call it on an event loop. */
  public static String hashBlocking(char[] password) {
    return hashBlocking(password, DEFAULT_PARAMS);
  }

  /** Hashes on the calling thread with the given parameters. Never call it on an event loop. */
  public static String hashBlocking(char[] password, Params params) {
    if (password == null || password.length == 0) {
      throw new IllegalArgumentException("password must not be empty");
    }
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = derive(password, salt, params, HASH_BYTES);
    return "$argon2id$v=19$m=" + params.memoryKiB() + ",t=" + params.iterations() + ",p=" + params.parallelism()
        + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  /**
   * Verifies on the calling thread, comparing in constant time. {@code false} for a wrong
   * password and for a missing or malformed hash. Never call it on an event loop.
   */
  public static boolean verifyBlocking(char[] password, String phc) {
    if (password == null || phc == null) {
      return false;
    }
    Matcher m = PHC.matcher(phc);
    if (!m.matches()) {
      return false;
    }
    Params params;
    byte[] salt;
    byte[] expected;
    try {
      params = new Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      salt = B64_DECODER.decode(m.group(4));
      expected = B64_DECODER.decode(m.group(5));
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] actual = derive(password, salt, params, expected.length);
    return MessageDigest.isEqual(actual, expected);
  }

  /** Whether a stored hash should be recomputed with {@link #DEFAULT_PARAMS} at the next login. */
  public static boolean needsRehash(String phc) {
    Matcher m = phc == null ? null : PHC.matcher(phc);
    if (m == null || !m.matches()) {
      return true;
    }
    return Integer.parseInt(m.group(1)) != DEFAULT_PARAMS.memoryKiB()
        || Integer.parseInt(m.group(2)) != DEFAULT_PARAMS.iterations()
        || Integer.parseInt(m.group(3)) != DEFAULT_PARAMS.parallelism();
  }

  private static byte[] derive(char[] password, byte[] salt, Params params, int length) {
    Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(params.memoryKiB())
        .withIterations(params.iterations())
        .withParallelism(params.parallelism())
        .withSalt(salt)
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    // the parameters' default converter encodes the characters as UTF-8
    generator.generateBytes(password, out);
    return out;
  }
}
