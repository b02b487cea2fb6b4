package com.personaruntime.loadtest;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the load tool, with hard caps: the tool only talks to loopback, never opens
 * more than {@link #MAX_SESSIONS} sessions, never sends more than {@link #MAX_MESSAGES} messages per
 * session and always stops after {@link #MAX_DURATION_S} seconds at most.
 */
final class Options {
  static final int MAX_SESSIONS = 5_000;
  static final int MAX_VIEWERS = 5_000;
  static final int MAX_MESSAGES = 50;
  static final int MAX_TOKENS = 500;
  static final int MAX_DURATION_S = 600;
  /** Longest soak (minutes); the run's own bound is then the soak plus five minutes. */
  static final int MAX_SOAK_MINUTES = 60;
  static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

  static final String USAGE = """
      usage: java -jar loadtest/target/loadtest.jar [options]

      Starts (in-process) an OpenAI-compatible stub model and a persona server on loopback, opens
      N WebSocket sessions to /api/v1/live/{slug} and reports latencies, throughput, errors and heap.

        --sessions N            concurrent chat sessions (default 100, max 5000)
        --messages M            messages per session (default 3, max 50)
        --tokens T              tokens per stub reply (default 30, max 500)
        --token-delay-ms D      stub delay between tokens (default 20)
        --first-token-ms F      stub delay before its first token (default 20)
        --think-ms MS           pause after a 'done' before the next message (default 2500;
                                the server allows burst 5, then 0.5 msg/s per connection)
        --spread-ms MS          first messages start at a random offset in [0, MS) (default 5000)
        --ramp-batch B          sessions opened per batch (default 100); a batch waits for the last
        --reply-timeout-ms MS   a reply without 'done' after this counts as an error (default 30000)
        --max-duration-s S      hard stop for the whole run (default 300, max 600)
        --host H                bind/connect address: 127.0.0.1 (default), localhost or ::1 only
        --room NAME             room mode: V viewers + one asker in ?room=NAME
        --viewers V             viewers in room mode (default 100, max 5000)
        --target ws://127.0.0.1:PORT  use an already running server (loopback only) instead of an
                                in-process one; its persona must point at a stub (see --stub-only)
        --slug S                persona slug on --target (default: loadbot)
        --spawn                 run the stub and the server in processes of their own (JVMs started
                                from this tool's class path); the clients stay here. Reports the
                                server's CPU time per reply, threads and heap from its /metrics
        --nodes N               with --spawn: 1 (default) or 2 clustered nodes, clients split
                                across them (2 needs --storage-url on PostgreSQL)
        --storage-url URL       with --spawn: the server's JDBC URL (default: H2 file in a temp
                                folder); loopback PostgreSQL only, e.g. jdbc:postgresql://127.0.0.1/db
        --storage-user U, --storage-password P   its credentials
        --server-heap SIZE      with --spawn: the server JVM's -Xmx (e.g. 1g; default: JVM default)
        --server-jvm-options "OPTS"  with --spawn: more options of the server JVMs, separated by
                                spaces, each starting with -X or -D (e.g. "-XX:MaxGCPauseMillis=10");
                                choose the collector with --gc, not here
        --gc NAME               with --spawn: garbage collector of the spawned server and stub JVMs:
                                zgc (default, what the README's start command uses), g1, shenandoah
                                or parallel
        --warmup-sessions N     sessions of the unmeasured warm-up (default: 20, 5 in room mode);
                                use a few hundred for CPU per reply of a warm (JIT-compiled) server
        --warmup-messages M     messages per warm-up session, 1-5 (default 2; the burst allows 5)
        --soak-minutes N        with --spawn: sessions chat without a message limit for N minutes
                                (1-60; --messages is ignored) and a line per minute reports replies,
                                added first-token p50/p99, server CPU per reply, threads, heap in
                                use and live data after GC; the run's time bound becomes N min + 5 min
        --server-jfr FILE       with --spawn: record a Java Flight Recording (profile settings) of
                                server node 0 into FILE (for `jfr print --events jdk.ExecutionSample`)
        --stub-only             only start the stub (random loopback port) and wait
                                --max-duration-s; prints its base URL and a persona model section
        --log-level L           server log level (default WARN)
        --json FILE             also write the figures as JSON
      """;

  int sessions = 100;
  int messages = 3;
  int tokens = 30;
  long tokenDelayMs = 20;
  long firstTokenMs = 20;
  long thinkMs = 2500;
  long spreadMs = 5000;
  int rampBatch = 100;
  long replyTimeoutMs = 30_000;
  int maxDurationS = 300;
  String host = "127.0.0.1";
  String room;
  int viewers = 100;
  String target;
  String slug = "loadbot";
  boolean stubOnly;
  boolean spawn;
  int nodes = 1;
  String storageUrl;
  String storageUser;
  String storagePassword;
  String serverHeap;
  /** Extra options of the server JVMs (--server-jvm-options), empty for none. */
  java.util.List<String> serverJvmOptions = java.util.List.of();
  String serverJfr;
  /** Collector of the spawned JVMs (--gc): one of {@link #GCS}' keys. */
  String gc = "zgc";
  /** --gc names and the HotSpot flag each one stands for. */
  static final Map<String, String> GCS = Map.of(
      "zgc", "-XX:+UseZGC",
      "g1", "-XX:+UseG1GC",
      "shenandoah", "-XX:+UseShenandoahGC",
      "parallel", "-XX:+UseParallelGC");
  Integer warmupSessions;
  int warmupMessages = 2;
  int soakMinutes;
  String logLevel = "WARN";
  String json;

  static Options parse(String[] args) {
    Map<String, String> m = new HashMap<>();
    Options o = new Options();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        throw new Usage(null);
      }
      if (a.equals("--stub-only")) {
        o.stubOnly = true;
        continue;
      }
      if (a.equals("--spawn")) {
        o.spawn = true;
        continue;
      }
      if (!a.startsWith("--") || i + 1 >= args.length) {
        throw new Usage("unexpected argument '" + a + "'");
      }
      m.put(a.substring(2), args[++i]);
    }
    for (Map.Entry<String, String> e : m.entrySet()) {
      String v = e.getValue();
      switch (e.getKey()) {
        case "sessions" -> o.sessions = intIn(e.getKey(), v, 1, MAX_SESSIONS);
        case "messages" -> o.messages = intIn(e.getKey(), v, 0, MAX_MESSAGES);
        case "tokens" -> o.tokens = intIn(e.getKey(), v, 1, MAX_TOKENS);
        case "token-delay-ms" -> o.tokenDelayMs = intIn(e.getKey(), v, 0, 5_000);
        case "first-token-ms" -> o.firstTokenMs = intIn(e.getKey(), v, 0, 10_000);
        case "think-ms" -> o.thinkMs = intIn(e.getKey(), v, 0, 120_000);
        case "spread-ms" -> o.spreadMs = intIn(e.getKey(), v, 0, 120_000);
        case "ramp-batch" -> o.rampBatch = intIn(e.getKey(), v, 1, MAX_SESSIONS);
        case "reply-timeout-ms" -> o.replyTimeoutMs = intIn(e.getKey(), v, 100, 300_000);
        // the stub process of a soak lives as long as the soak
        case "max-duration-s" -> o.maxDurationS = intIn(e.getKey(), v, 1,
            o.stubOnly ? MAX_SOAK_MINUTES * 60 + 300 : MAX_DURATION_S);
        case "host" -> o.host = loopbackHost(v);
        case "room" -> o.room = v;
        case "viewers" -> o.viewers = intIn(e.getKey(), v, 1, MAX_VIEWERS);
        case "target" -> o.target = loopbackTarget(v);
        case "slug" -> o.slug = v;
        case "log-level" -> o.logLevel = v.toUpperCase(Locale.ROOT);
        case "json" -> o.json = v;
        case "nodes" -> o.nodes = intIn(e.getKey(), v, 1, 2);
        case "storage-url" -> o.storageUrl = loopbackJdbc(v);
        case "storage-user" -> o.storageUser = v;
        case "storage-password" -> o.storagePassword = v;
        case "server-jfr" -> o.serverJfr = v;
        case "warmup-sessions" -> o.warmupSessions = intIn(e.getKey(), v, 1, MAX_SESSIONS);
        case "warmup-messages" -> o.warmupMessages = intIn(e.getKey(), v, 1, 5);
        case "soak-minutes" -> o.soakMinutes = intIn(e.getKey(), v, 1, MAX_SOAK_MINUTES);
        case "server-heap" -> {
          if (!v.matches("[0-9]{1,5}[mMgG]")) {
            throw new Usage("--server-heap: expected a size like 512m or 2g, got '" + v + "'");
          }
          o.serverHeap = v;
        }
        case "server-jvm-options" -> {
          java.util.List<String> opts = java.util.List.of(v.trim().split("\\s+"));
          for (String opt : opts) {
            if (!opt.startsWith("-X") && !opt.startsWith("-D")) {
              throw new Usage("--server-jvm-options: expected JVM options starting with -X or -D, got '" + opt + "'");
            }
            if (opt.matches("-XX:[+-]Use[A-Za-z0-9]*GC")) {
              throw new Usage("--server-jvm-options: choose the collector with --gc (zgc, g1, shenandoah, parallel), got '"
                  + opt + "'");
            }
          }
          o.serverJvmOptions = opts;
        }
        case "gc" -> {
          String g = v.toLowerCase(Locale.ROOT);
          if (!GCS.containsKey(g)) {
            throw new Usage("--gc: expected one of zgc, g1, shenandoah, parallel, got '" + v + "'");
          }
          o.gc = g;
        }
        default -> throw new Usage("unknown option --" + e.getKey());
      }
    }
    if ((o.nodes > 1 || o.storageUrl != null || o.serverHeap != null || o.serverJfr != null
        || !o.serverJvmOptions.isEmpty() || m.containsKey("gc")) && !o.spawn) {
      throw new Usage("--nodes, --storage-url, --server-heap, --server-jvm-options, --gc and --server-jfr need --spawn");
    }
    if (o.nodes > 1 && (o.storageUrl == null || !o.storageUrl.startsWith("jdbc:postgresql:"))) {
      throw new Usage("--nodes 2: the nodes must share a PostgreSQL database, give --storage-url jdbc:postgresql://...");
    }
    if (o.soakMinutes > 0) {
      if (!o.spawn) {
        throw new Usage("--soak-minutes needs --spawn (it reads the server's own CPU and heap)");
      }
      if (o.room != null) {
        throw new Usage("--soak-minutes is for one-to-one chat, not --room");
      }
      o.maxDurationS = o.soakMinutes * 60 + 300;
    }
    if (o.spawn && o.target != null) {
      throw new Usage("--spawn and --target exclude each other");
    }
    return o;
  }

  /** A JDBC URL whose host is loopback (H2 files are local anyway). */
  static String loopbackJdbc(String url) {
    if (url.startsWith("jdbc:h2:file:")) {
      return url;
    }
    if (!url.startsWith("jdbc:postgresql://")) {
      throw new Usage("--storage-url: expected jdbc:postgresql://127.0.0.1:PORT/DB or jdbc:h2:file:PATH, got '"
          + url + "'");
    }
    String rest = url.substring("jdbc:postgresql://".length());
    String hostPort = rest.split("[/?]", 2)[0];
    String h = hostPort.startsWith("[") ? hostPort.substring(0, hostPort.indexOf(']') + 1)
        : hostPort.split(":", 2)[0];
    loopbackHost(h);
    return url;
  }

  /** Tokens of the stub's reply that complete its first releasable sentence (see {@link LoadTest#stubTokens}). */
  long stubFirstReleaseMs(int releaseTokenIndex) {
    return firstTokenMs + releaseTokenIndex * tokenDelayMs;
  }

  long stubReplyMs() {
    return firstTokenMs + (tokens - 1L) * tokenDelayMs;
  }

  private static int intIn(String key, String v, int min, int max) {
    int n;
    try {
      n = Integer.parseInt(v.trim());
    } catch (NumberFormatException ex) {
      throw new Usage("--" + key + ": expected an integer, got '" + v + "'");
    }
    if (n < min || n > max) {
      throw new Usage("--" + key + ": must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }

  static String loopbackHost(String h) {
    String x = h.trim().toLowerCase(Locale.ROOT);
    if (!LOOPBACK.contains(x)) {
      throw new Usage("refusing host '" + h + "': the load tool only talks to 127.0.0.1, localhost or ::1");
    }
    return x.equals("[::1]") ? "::1" : x;
  }

  static String loopbackTarget(String url) {
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException ex) {
      throw new Usage("--target: not a URL: '" + url + "'");
    }
    if (!"ws".equals(u.getScheme()) || u.getHost() == null || u.getPort() <= 0) {
      throw new Usage("--target: expected ws://127.0.0.1:PORT, got '" + url + "'");
    }
    loopbackHost(u.getHost());
    return url;
  }

  /** Bad command line: message (or null for --help) plus the usage text. */
  static final class Usage extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Usage(String message) {
      super(message);
    }
  }
}
