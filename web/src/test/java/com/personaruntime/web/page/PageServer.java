package com.personaruntime.web.page;

import com.personaruntime.web.PersonaServer;
import com.personaruntime.web.config.AppConfig;
import com.personaruntime.web.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The server a browser test drives: loopback, free port, a fresh in-memory H2, the given first admin. */
final class PageServer {
  private PageServer() {
  }

  /**
   * Starts a server (at most 60 s) named {@code name} in its database URL, with {@code extra} settings
   * (environment-variable names, e.g. {@code PERSONAS_DIR}) on top of the common ones.
   */
  static PersonaServer start(String name, String adminEmail, String adminPassword, Map<String, String> extra)
      throws Exception {
    Map<String, String> env = new HashMap<>(Map.of(
        "HTTP_HOST", "127.0.0.1",
        "HTTP_PORT", "0",
        "HTTP_SHUTDOWNGRACESECONDS", "1",
        "STORAGE_URL", "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
        "ADMIN_EMAIL", adminEmail,
        "ADMIN_PASSWORD", adminPassword));
    env.putAll(extra);
    AppConfig config = ConfigLoader.load(null, env);
    return PersonaServer.start(config, env, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8)).get(60, TimeUnit.SECONDS);
  }
}
