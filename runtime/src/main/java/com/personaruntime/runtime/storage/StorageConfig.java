package com.personaruntime.runtime.storage;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach the database: a JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql:...}),
 * credentials and the maximum number of pooled connections.
 *
 * @param url         JDBC URL; H2 and PostgreSQL are supported
 * @param user        database user, may be {@code null} or empty for H2
 * @param password    database password, may be {@code null}; never printed by {@link #toString()}
 * @param maxPoolSize maximum number of pooled connections, at least 1
 * @param groupCommitMillis how long, in milliseconds (0-10,000), the first of a group of small background
 *                    writes (transcript turns, turn signals, conversations) waits for others to share its
 *                    transaction; see {@link GroupCommit}
 */
public record StorageConfig(String url, String user, String password, int maxPoolSize, int groupCommitMillis) {

  /** The URL the server uses when {@code storage.url} is not configured: an H2 file database under {@code ./data}. */
  public static final String DEFAULT_URL = "jdbc:h2:file:./data/persona-runtime";

  /** Default pool size: a few connections are plenty for a 2-core server. */
  public static final int DEFAULT_MAX_POOL_SIZE = 8;

  /**
   * Default group-commit wait, in milliseconds: at 50 replies/s about ten background writes share each
   * transaction (fewer worker hops and commits; docs/benchmarks.md).
   */
  public static final int DEFAULT_GROUP_COMMIT_MILLIS = 100;

  /** Largest accepted {@link #groupCommitMillis}. */
  public static final int MAX_GROUP_COMMIT_MILLIS = 10_000;

  private static final Pattern PASSWORD_IN_URL =
      Pattern.compile("(?i)(password\\s*=\\s*)[^;&]*");

  /** Validates the fields; a bad value is named in the message. */
  public StorageConfig {
    Objects.requireNonNull(url, "storage url");
    if (url.isBlank()) {
      throw new IllegalArgumentException("storage url must not be blank");
    }
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("storage maxPoolSize must be at least 1, got " + maxPoolSize);
    }
    if (groupCommitMillis < 0 || groupCommitMillis > MAX_GROUP_COMMIT_MILLIS) {
      throw new IllegalArgumentException("storage groupCommitMillis must be 0-" + MAX_GROUP_COMMIT_MILLIS
          + ", got " + groupCommitMillis);
    }
  }

  /** A configuration with the default group-commit wait ({@value #DEFAULT_GROUP_COMMIT_MILLIS} ms). */
  public StorageConfig(String url, String user, String password, int maxPoolSize) {
    this(url, user, password, maxPoolSize, DEFAULT_GROUP_COMMIT_MILLIS);
  }

  /** The default configuration: {@link #DEFAULT_URL}, user {@code sa}, no password. */
  public static StorageConfig defaults() {
    return new StorageConfig(DEFAULT_URL, "sa", "", DEFAULT_MAX_POOL_SIZE);
  }

  /** A configuration with the default pool size. */
  public static StorageConfig of(String url, String user, String password) {
    return new StorageConfig(url, user, password, DEFAULT_MAX_POOL_SIZE);
  }

  /**
   * The vendor the URL names: {@code "h2"} or {@code "postgresql"}.
   *
   * @throws IllegalArgumentException for any other JDBC URL, naming the (redacted) URL
   */
  public String vendor() {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:h2:")) {
      return "h2";
    }
    if (lower.startsWith("jdbc:postgresql:")) {
      return "postgresql";
    }
    throw new IllegalArgumentException("storage url " + redactedUrl()
        + " is not supported: expected jdbc:h2:... or jdbc:postgresql:...");
  }

  /** The URL with any {@code password=...} parameter masked, safe for logs and error messages. */
  public String redactedUrl() {
    return PASSWORD_IN_URL.matcher(url).replaceAll("$1***");
  }

  /** Removes the password (if any) from a text such as a driver's error message. */
  String scrub(String text) {
    if (text == null) {
      return "";
    }
    String out = text.replace(url, redactedUrl());
    if (password != null && password.length() >= 3) {
      out = out.replace(password, "***");
    }
    return out;
  }

  @Override
  public String toString() {
    return "StorageConfig[url=" + redactedUrl() + ", user=" + user + ", maxPoolSize=" + maxPoolSize + "]";
  }
}
