package com.personaruntime.loadtest;

import com.personaruntime.gateway.testing.OpenAiStubServer;
import com.personaruntime.gateway.testing.OpenAiStubServer.Reply;
import com.personaruntime.web.PersonaServer;
import com.personaruntime.web.config.AppConfig;
import com.personaruntime.web.config.ConfigLoader;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Live chat load tool (issue 4 item 6). Bounded and loopback only; see {@link Options#USAGE} and
 * docs/benchmarks.md "Live chat load".
 *
 * <p>Measured per reply, on the client, with one clock (client, server and stub share the JVM):
 * <ul>
 *   <li><b>first released token</b>: from writing the {@code message} frame to receiving its first
 *       {@code delta}, minus the stub's own time to produce the tokens that make up the first
 *       releasable sentence ({@code first-token-ms + k * token-delay-ms}, k = index of the token that
 *       completes the first sentence; the streaming guard releases at a sentence end);</li>
 *   <li><b>completion</b>: to {@code done}, minus the stub's whole reply time;</li>
 *   <li>chars delivered per second over the messaging phase, errors by code, decisions;</li>
 *   <li>heap per open session: used heap after GC with all sessions open (hello received, no
 *       message yet) minus before opening, divided by the sessions open. Client and server share the
 *       JVM, so it includes the client's own WebSocket objects (an upper bound for the server).</li>
 * </ul>
 */
public final class LoadTest {
  private static final String[][] SENTENCES = {
      {"Hi", " there."}, {" Good", " to", " see", " you."}, {" Our", " café", " opens", " at", " eight."},
      {" Fresh", " beans", " arrive", " on", " Monday."}, {" Try", " the", " house", " blend", " today."},
      {" Pour-over", " takes", " about", " three", " minutes."}};

  private final Options o;
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  /** Every {@code done} a session received (warm-up included): each is a turn the server must have stored. */
  private final LongAdder turnsDone = new LongAdder();
  /** Turns answered but missing from the transcript after the server stopped (in-process runs only). */
  private long lostWrites;
  private final Map<String, LongAdder> decisions = new ConcurrentHashMap<>();
  private final Recorder firstToken = new Recorder();
  private final java.util.concurrent.atomic.AtomicInteger shownDecisions = new java.util.concurrent.atomic.AtomicInteger();
  /** Soak mode: the first-token samples of the current one-minute window. */
  private volatile Recorder windowFirstToken = new Recorder();
  /** Soak mode: set when the soak's time is up; sessions finish their reply and stop. */
  private volatile boolean soakOver;
  private final Recorder completion = new Recorder();
  private final Recorder connect = new Recorder();
  private final AtomicLong chars = new AtomicLong();
  private final AtomicLong deltas = new AtomicLong();
  private final AtomicLong replies = new AtomicLong();
  private final AtomicLong sentMessages = new AtomicLong();
  private volatile boolean stopping;
  private Vertx clientVertx;
  private WebSocketClient client;
  private String host;
  private List<Integer> ports = List.of();
  private final AtomicInteger nextNode = new AtomicInteger();
  private ServerMetrics metrics;
  private String slug;

  private LoadTest(Options o) {
    this.o = o;
  }

  public static void main(String[] args) {
    System.exit(run(args, true));
  }

  /**
   * Runs the tool; the exit code (0 only with zero errors and every session open, 2 for a bad command
   * line). With {@code watchdog}, a daemon thread halts the JVM 60 s after {@code --max-duration-s} whatever
   * happens (for the command line; tests pass false).
   */
  static int run(String[] args, boolean watchdog) {
    Options o;
    try {
      o = Options.parse(args);
    } catch (Options.Usage u) {
      if (u.getMessage() != null) {
        System.err.println("error: " + u.getMessage());
      }
      (u.getMessage() == null ? System.out : System.err).print(Options.USAGE);
      return u.getMessage() == null ? 0 : 2;
    }
    System.setProperty("LOG_LEVEL", o.logLevel);
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    if (watchdog) {
      // Whatever happens, the process ends: a watchdog halts it shortly after the hard limit.
      Thread dog = new Thread(() -> {
        try {
          Thread.sleep(TimeUnit.SECONDS.toMillis(o.maxDurationS + 60L));
          System.err.println("loadtest: hard limit reached, halting");
          ServerProcesses.killAll(); // halt skips shutdown hooks: end the spawned stub and servers first
          Runtime.getRuntime().halt(3);
        } catch (InterruptedException ignored) {
          // normal end
        }
      }, "loadtest-watchdog");
      dog.setDaemon(true);
      dog.start();
    }
    try {
      LoadTest t = new LoadTest(o);
      int code = t.run();
      return t.lostWrites > 0 ? 1 : code;
    } catch (Exception e) {
      e.printStackTrace();
      return 1;
    }
  }

  /** The stub's reply: short sentences, one word per token. */
  static List<String> stubTokens(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; out.size() < n; i++) {
      for (String t : SENTENCES[i % SENTENCES.length]) {
        if (out.size() < n) {
          out.add(t);
        }
      }
    }
    return out;
  }

  /** Index of the token at which the first sentence becomes releasable (terminator followed by whitespace). */
  static int releaseTokenIndex(List<String> tokens) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      sb.append(tokens.get(i));
      for (int j = 1; j < sb.length(); j++) {
        char c = sb.charAt(j - 1);
        if ((c == '.' || c == '!' || c == '?') && Character.isWhitespace(sb.charAt(j))) {
          return i;
        }
      }
    }
    return tokens.size() - 1; // released at the end of the reply
  }

  private int run() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.maxDurationS);
    List<String> tokens = stubTokens(o.tokens);
    int k = releaseTokenIndex(tokens);
    Reply reply = Reply.tokens(tokens).firstTokenDelay(Duration.ofMillis(o.firstTokenMs))
        .tokenDelay(Duration.ofMillis(o.tokenDelayMs));
    if (o.stubOnly) {
      return stubOnly(reply, deadline);
    }
    Path tmp = null;
    OpenAiStubServer stub = null;
    PersonaServer server = null;
    ServerProcesses procs = null;
    try {
      if (o.spawn) {
        tmp = Files.createTempDirectory("persona-loadtest-");
        Path personas = Files.createDirectories(tmp.resolve("personas"));
        long t = System.nanoTime();
        procs = ServerProcesses.start(o, tmp, personas, this::personaYaml);
        servers = procs;
        host = o.host;
        ports = procs.httpPorts();
        slug = "loadbot";
        metrics = new ServerMetrics(host, ports);
        log("%d server node(s) up in their own processes on %s:%s in %d ms (storage %s, collector %s %s); stub process at %s",
            ports.size(), host, ports, (System.nanoTime() - t) / 1_000_000,
            o.storageUrl == null ? "H2 file" : o.storageUrl.replaceAll("password=[^&]*", "password=***"),
            o.gc, Options.GCS.get(o.gc), procs.stubBaseUrl());
      } else if (o.target == null) {
        tmp = Files.createTempDirectory("persona-loadtest-");
        stub = OpenAiStubServer.start().otherwise(reply);
        Path personas = Files.createDirectories(tmp.resolve("personas"));
        Files.writeString(personas.resolve("loadbot.yaml"), personaYaml(stub.baseUrl()), StandardCharsets.UTF_8);
        Map<String, String> env = new HashMap<>();
        env.put("HTTP_HOST", o.host);
        env.put("HTTP_PORT", "0");
        env.put("STORAGE_URL", "jdbc:h2:file:" + tmp.resolve("db/persona-runtime").toAbsolutePath());
        env.put("PERSONAS_DIR", personas.toString());
        env.put("ADMIN_EMAIL", "load@loadtest.example");
        env.put("ADMIN_PASSWORD", "loadtest-password-123");
        // every session comes from 127.0.0.1: lift the per-address audience limits for the load tool
        env.put("LIVE_CONNECTIONSPERADDRESS", "1000000");
        env.put("LIVE_MAXCONNECTIONS", "1000000");
        env.put("LIVE_MESSAGESPERMINUTEPERADDRESS", "100000000");
        env.put("LIVE_MODERATIONITEMSPERHOURPERADDRESS", "100000000");
        // the stub is the operator's named model endpoint (allowed although on loopback)
        env.put("LLM_ENDPOINTS_STUB_PROVIDER", "openai");
        env.put("LLM_ENDPOINTS_STUB_BASEURL", stub.baseUrl());
        env.put("LLM_ENDPOINTS_STUB_MODEL", "stub-model");
        AppConfig config = ConfigLoader.load(null, env);
        long t = System.nanoTime();
        server = PersonaServer.start(config, env, new PrintStream(OutputStream.nullOutputStream()))
            .get(120, TimeUnit.SECONDS);
        host = o.host;
        ports = List.of(server.port());
        slug = "loadbot";
        log("server up on %s:%d in %d ms; stub at %s", host, ports.get(0), (System.nanoTime() - t) / 1_000_000,
            stub.baseUrl());
      } else {
        URI u = URI.create(o.target);
        host = Options.loopbackHost(u.getHost());
        ports = List.of(u.getPort());
        slug = o.slug;
        log("target %s (external server; its persona must stream from a stub like --stub-only's)", o.target);
      }
      log("stub reply: %d tokens, first token after %d ms, then every %d ms; first sentence complete at token %d "
          + "=> stub's own first-release time %d ms, whole reply %d ms", o.tokens, o.firstTokenMs, o.tokenDelayMs, k,
          o.stubFirstReleaseMs(k), o.stubReplyMs());

      int total = o.room == null ? o.sessions : o.viewers + 1;
      clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
      client = clientVertx.createWebSocketClient(new WebSocketClientOptions()
          .setMaxConnections(total + 64).setConnectTimeout(30_000).setMaxFrameSize(64 * 1024));

      warmUp();
      return o.room == null ? chat(deadline, k) : room(deadline, k);
    } finally {
      stopping = true;
      if (client != null) {
        quietly(() -> client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
      }
      if (clientVertx != null) {
        // not awaited: the close future completes on the event loop it is shutting down
        clientVertx.close();
      }
      if (server != null) {
        PersonaServer srv = server;
        quietly(() -> srv.stop().get(60, TimeUnit.SECONDS));
        Path folder = tmp;
        quietly(() -> {
          checkTranscript(folder);
          return null;
        });
      }
      if (stub != null) {
        stub.close();
      }
      if (procs != null) {
        procs.close();
      }
      if (tmp != null) {
        deleteTree(tmp);
      }
    }
  }

  /**
   * After the in-process server stopped: every turn a session saw end with {@code done} must be in the
   * transcript. Prints stored vs answered; a shortfall is a lost write and fails the run.
   */
  private void checkTranscript(Path tmp) throws Exception {
    if (tmp == null) {
      return;
    }
    String url = "jdbc:h2:file:" + tmp.resolve("db/persona-runtime").toAbsolutePath();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
         java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM transcript_turns")) {
      rs.next();
      long stored = rs.getLong(1);
      long answered = turnsDone.sum();
      lostWrites = Math.max(0, answered - stored);
      System.out.printf(Locale.ROOT, "transcript             %d turns stored for %d answered (warm-up included): "
          + "%s%n", stored, answered, lostWrites == 0 ? "no lost write" : lostWrites + " LOST");
    }
  }

  /** A few sessions and turns first, so class loading, the knowledge index and the JIT are not measured. */
  private void warmUp() throws Exception {
    int n = o.warmupSessions != null ? o.warmupSessions : Math.min(20, o.room == null ? o.sessions : 5);
    int done = 0;
    // in batches of at most 200 sessions, each sending its messages back to back (within the burst)
    while (done < n) {
      List<Session> ws = new ArrayList<>();
      for (int i = done; i < Math.min(n, done + 200); i++) {
        ws.add(new Session("w" + i, o.warmupMessages, 0, null, true));
      }
      awaitAll(ws.stream().map(Session::connect).toList(), 120);
      awaitAll(ws.stream().map(s -> s.start(0)).toList(), 300);
      awaitAll(ws.stream().map(Session::close).toList(), 30);
      done += ws.size();
    }
    errors.clear();
    decisions.clear();
    log("warm-up: %d sessions x %d messages done", n, o.warmupMessages);
    ManagementFactory.getThreadMXBean().resetPeakThreadCount();
  }

  private int chat(long deadline, int k) throws Exception {
    long heap0 = usedHeapAfterGc();
    List<Session> sessions = new ArrayList<>();
    long tOpen = System.nanoTime();
    for (int i = 0; i < o.sessions && !pastDeadline(deadline); i += o.rampBatch) {
      List<Future<Void>> batch = new ArrayList<>();
      for (int j = i; j < Math.min(o.sessions, i + o.rampBatch); j++) {
        Session s = new Session("s" + j, o.soakMinutes > 0 ? Integer.MAX_VALUE : o.messages, o.thinkMs, null, false);
        sessions.add(s);
        batch.add(s.connect());
      }
      awaitAll(batch, remainingSeconds(deadline));
    }
    long open = sessions.stream().filter(s -> s.open).count();
    double openSecs = (System.nanoTime() - tOpen) / 1e9;
    long heap1 = usedHeapAfterGc();
    log("%d/%d sessions open in %.1f s; connect+hello %s", open, o.sessions, openSecs, connect.summary(0));

    List<ServerMetrics.Sample> before = metrics == null ? null : metrics.scrape();
    long replies0 = replies.get();
    if (metrics != null) {
      metrics.startSampling();
    }
    long t0 = System.nanoTime();
    List<Future<Void>> done = new ArrayList<>();
    for (Session s : sessions) {
      if (s.open) {
        done.add(s.start(o.spreadMs == 0 ? 0 : ThreadLocalRandom.current().nextLong(o.spreadMs)));
      }
    }
    if (o.soakMinutes > 0) {
      soak(t0, k);
    }
    boolean all = awaitAll(done, remainingSeconds(deadline));
    double secs = (System.nanoTime() - t0) / 1e9;
    String serverReport = serverReport(before, replies.get() - replies0);
    long stillOpen = sessions.stream().filter(s -> s.open).count();
    long heap2 = usedHeapAfterGc();
    if (!all) {
      errors.computeIfAbsent("run_deadline", x -> new LongAdder()).increment();
    }
    awaitAll(sessions.stream().map(Session::close).toList(), 30);

    double added = o.stubFirstReleaseMs(k);
    StringBuilder r = new StringBuilder();
    r.append(o.soakMinutes > 0
        ? String.format(Locale.ROOT, "%n== live chat load: %d sessions for %d minutes (soak) ==%n", o.sessions, o.soakMinutes)
        : String.format(Locale.ROOT, "%n== live chat load: %d sessions x %d messages ==%n", o.sessions, o.messages));
    r.append(String.format(Locale.ROOT, "sessions open          %d (still open at the end: %d)%n", open, stillOpen));
    r.append(String.format(Locale.ROOT, "messages sent          %d, replies done %d, in %.1f s (%.1f msg/s offered)%n",
        sentMessages.get(), replies.get(), secs, sentMessages.get() / secs));
    r.append("first released token   raw ").append(firstToken.summary(0)).append('\n');
    r.append(String.format(Locale.ROOT, "  added (minus stub %d ms) ", (long) added)).append(firstToken.summary(added))
        .append('\n');
    r.append(String.format(Locale.ROOT, "completion added (minus stub %d ms) ", o.stubReplyMs()))
        .append(completion.summary(o.stubReplyMs())).append('\n');
    r.append(String.format(Locale.ROOT, "delivered              %d chars in %d deltas: %.0f chars/s, %.0f stub tokens/s "
        + "(replies x %d tokens / phase time)%n", chars.get(), deltas.get(), chars.get() / secs,
        replies.get() * (double) o.tokens / secs, o.tokens));
    r.append("decisions              ").append(counts(decisions)).append('\n');
    r.append("errors                 ").append(errors.isEmpty() ? "none" : counts(errors)).append('\n');
    r.append(String.format(Locale.ROOT, "heap per session       %.1f KiB open/idle (%.1f MiB for %d), %.1f KiB after "
        + "%d turns each (client + server, same JVM)%n", (heap1 - heap0) / 1024.0 / Math.max(1, open),
        (heap1 - heap0) / 1048576.0, open, (heap2 - heap0) / 1024.0 / Math.max(1, open), o.messages));
    if (metrics == null) {
      r.append(String.format(Locale.ROOT, "threads                %d live at the end of the phase, peak %d while it "
          + "ran (client, server and stub in one JVM)%n", ManagementFactory.getThreadMXBean().getThreadCount(),
          ManagementFactory.getThreadMXBean().getPeakThreadCount()));
    } else {
      r.append(serverReport);
    }
    System.out.print(r);
    writeJson(String.format(Locale.ROOT, "{\"mode\":\"chat\",\"sessions\":%d,\"messages\":%d,\"open\":%d,\"sent\":%d,"
            + "\"replies\":%d,\"seconds\":%.2f,\"firstTokenRaw\":%s,\"firstTokenAdded\":%s,\"completionAdded\":%s,"
            + "\"charsPerSecond\":%.1f,\"heapPerSessionBytes\":%d,\"heapPerSessionAfterTurnsBytes\":%d,"
            + "\"errors\":%s,\"decisions\":%s,\"server\":%s,\"soak\":%s}", o.sessions, o.messages, open, sentMessages.get(), replies.get(),
        secs, firstToken.toJson(0), firstToken.toJson(added), completion.toJson(o.stubReplyMs()),
        chars.get() / secs, (heap1 - heap0) / Math.max(1, open), (heap2 - heap0) / Math.max(1, open),
        jsonCounts(errors), jsonCounts(decisions), serverJson == null ? "null" : serverJson,
        soakJson == null ? "null" : soakJson));
    return errors.isEmpty() && open == o.sessions ? 0 : 1;
  }

  private String serverJson;

  /**
   * Soak mode: every minute for {@code --soak-minutes}, one line with the replies of that minute, the
   * added first-token latency p50/p99 in it, the server's CPU per reply in it, its live threads, heap in use
   * and the heap in use right after a full GC it is asked for ({@code jcmd GC.run}: the live set; flat over
   * time = no leak); then tells the sessions to stop.
   */
  private void soak(long t0, int k) throws Exception {
    double added = o.stubFirstReleaseMs(k);
    List<ServerMetrics.Sample> last = metrics.scrape();
    long lastReplies = replies.get();
    long cpuBaseReplies = lastReplies; // replies at the last successful scrape (CPU per reply spans from there)
    StringBuilder json = new StringBuilder("[");
    System.out.printf(Locale.ROOT, "%n== soak: %d sessions, think %d ms, %d minutes ==%n", o.sessions, o.thinkMs,
        o.soakMinutes);
    System.out.println("minute  replies  replies/s  added first token p50/p99 ms  server CPU ms/reply  threads"
        + "  heap used MiB  heap after full GC MiB");
    for (int minute = 1; minute <= o.soakMinutes; minute++) {
      long until = t0 + TimeUnit.MINUTES.toNanos(minute);
      while (System.nanoTime() < until) {
        Thread.sleep(Math.max(1, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime()))));
      }
      Recorder window = windowFirstToken;
      windowFirstToken = new Recorder();
      List<ServerMetrics.Sample> now = scrapeOrNull();
      long r = replies.get();
      if (now == null) {
        // an overloaded server may not answer /metrics in time: say so and go on (its CPU counts in the
        // next minute that has a figure); the clients' own figures still print
        double[] sorted = window.sortedMillis();
        long n = r - lastReplies;
        System.out.printf(Locale.ROOT, "%6d  %7d  %9.1f  %14.1f / %-10.1f  %19s  (server /metrics did not answer)%n",
            minute, n, n / 60.0, Recorder.pct(sorted, 50) - added, Recorder.pct(sorted, 99) - added, "n/a");
        lastReplies = r;
        continue;
      }
      // the live set: heap in use right after a full collection (its CPU counts in the next minute)
      servers.collectGarbage();
      List<ServerMetrics.Sample> collected = scrapeOrNull();
      if (collected == null) {
        collected = now;
      }
      double cpu = 0;
      double threads = 0;
      double heap = 0;
      double live = 0;
      for (int i = 0; i < now.size(); i++) {
        cpu += now.get(i).cpuSeconds() - last.get(i).cpuSeconds();
        threads += now.get(i).threads();
        heap += now.get(i).heapUsedBytes();
        live += collected.get(i).heapUsedBytes();
      }
      long n = r - lastReplies;
      double[] sorted = window.sortedMillis();
      double p50 = Recorder.pct(sorted, 50) - added;
      double p99 = Recorder.pct(sorted, 99) - added;
      long cpuReplies = r - cpuBaseReplies;
      double perReply = cpuReplies == 0 ? Double.NaN : cpu * 1000 / cpuReplies;
      System.out.printf(Locale.ROOT, "%6d  %7d  %9.1f  %14.1f / %-10.1f  %19.2f  %7.0f  %13.0f  %17.1f%n", minute, n,
          n / 60.0, p50, p99, perReply, threads, heap / 1048576.0, live / 1048576.0);
      json.append(minute == 1 ? "" : ",").append(String.format(Locale.ROOT, "{\"minute\":%d,\"replies\":%d,"
          + "\"firstTokenAddedP50\":%.2f,\"firstTokenAddedP99\":%.2f,\"cpuMsPerReply\":%.3f,\"threads\":%.0f,"
          + "\"heapUsedBytes\":%.0f,\"heapAfterFullGcBytes\":%.0f}", minute, n, p50, p99, perReply, threads, heap, live));
      last = now;
      lastReplies = r;
      cpuBaseReplies = r;
    }
    soakJson = json.append(']').toString();
    soakOver = true;
  }

  private String soakJson;

  /** One scrape of every node, or null (with the reason on stderr) when a node does not answer in time. */
  private List<ServerMetrics.Sample> scrapeOrNull() {
    try {
      return metrics.scrape();
    } catch (Exception e) {
      System.err.println("[loadtest] server /metrics scrape failed: " + e);
      return null;
    }
  }
  /** The spawned server processes (soak mode asks them for a full GC each minute). */
  private ServerProcesses servers;

  /**
   * The server processes' own figures over the phase: CPU seconds used (from process CPU time on their
   * /metrics) per reply the clients received, peak live threads and heap in use (sampled every second),
   * and live data after the last GC at the end. Empty when the server shares this JVM.
   */
  private String serverReport(List<ServerMetrics.Sample> before, long phaseReplies) throws Exception {
    if (metrics == null) {
      return "";
    }
    metrics.stopSampling();
    List<ServerMetrics.Sample> after = metrics.scrape();
    StringBuilder r = new StringBuilder();
    StringBuilder j = new StringBuilder("{\"nodes\":[");
    double cpu = 0;
    for (int i = 0; i < after.size(); i++) {
      double used = after.get(i).cpuSeconds() - before.get(i).cpuSeconds();
      cpu += used;
      double threads = Math.max(metrics.peakThreads(i), after.get(i).threads());
      double heap = Math.max(metrics.peakHeap(i), after.get(i).heapUsedBytes());
      r.append(String.format(Locale.ROOT, "server node %d          CPU %.1f s over the phase; threads peak %.0f; heap in "
          + "use peak %.0f MiB, live after last GC %.0f MiB%n", i, used, threads, heap / 1048576.0,
          after.get(i).liveDataBytes() / 1048576.0));
      j.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"cpuSeconds\":%.3f,\"threadsPeak\":%.0f,"
          + "\"heapPeakBytes\":%.0f,\"liveDataBytes\":%.0f}", used, threads, heap, after.get(i).liveDataBytes()));
    }
    double perReply = phaseReplies == 0 ? Double.NaN : cpu * 1000 / phaseReplies;
    r.append(String.format(Locale.ROOT, "server CPU per reply   %.2f ms (%.1f CPU s, all nodes, / %d replies; includes "
        + "WebSocket, guards, prompt, gateway, storage, GC, JIT)%n", perReply, cpu, phaseReplies));
    j.append(String.format(Locale.ROOT, "],\"cpuMsPerReply\":%.3f,\"replies\":%d}", perReply, phaseReplies));
    serverJson = j.toString();
    return r.toString();
  }

  private int room(long deadline, int k) throws Exception {
    List<Session> viewers = new ArrayList<>();
    for (int i = 0; i < o.viewers && !pastDeadline(deadline); i += o.rampBatch) {
      List<Future<Void>> batch = new ArrayList<>();
      for (int j = i; j < Math.min(o.viewers, i + o.rampBatch); j++) {
        Session s = new Session("v" + j, 0, 0, o.room, false);
        viewers.add(s);
        batch.add(s.connect());
      }
      awaitAll(batch, remainingSeconds(deadline));
    }
    long open = viewers.stream().filter(s -> s.open).count();
    log("%d/%d viewers open in room '%s'", open, o.viewers, o.room);
    Session asker = new Session("asker", o.messages, o.thinkMs, o.room, false);
    awaitAll(List.of(asker.connect()), 60);
    boolean all = awaitAll(List.of(asker.start(0)), remainingSeconds(deadline));
    // let the last reply reach every viewer
    Thread.sleep(Math.min(2000, o.replyTimeoutMs));
    Recorder spread = new Recorder();
    Recorder perReplyMax = new Recorder();
    int repliesSeenByAnyViewer = 0;
    long viewerDeltas = 0;
    for (Session v : viewers) {
      viewerDeltas += v.deltasSeen.get();
    }
    List<String> askerIds = new ArrayList<>(asker.sentIds);
    for (int i = 0; i < askerIds.size(); i++) {
      String id = asker.roomIdByClientId.getOrDefault(askerIds.get(i), askerIds.get(i));
      List<Long> firsts = new ArrayList<>();
      for (Session v : viewers) {
        Long t = v.firstDeltaByReply.get(id);
        if (t == null && v.firstDeltaByReply.isEmpty() == false && v.replyOrder.size() > i) {
          t = v.firstDeltaByReply.get(v.replyOrder.get(i)); // a room may renumber replies: match by order
        }
        if (t != null) {
          firsts.add(t);
        }
      }
      if (firsts.isEmpty()) {
        continue;
      }
      repliesSeenByAnyViewer++;
      long min = firsts.stream().min(Comparator.naturalOrder()).orElseThrow();
      long max = firsts.stream().max(Comparator.naturalOrder()).orElseThrow();
      firsts.forEach(t -> spread.addNanos(t - min));
      perReplyMax.addNanos(max - min);
      if (firsts.size() < open) {
        errors.computeIfAbsent("viewer_missed_reply", x -> new LongAdder()).add(open - firsts.size());
      }
    }
    if (!all) {
      errors.computeIfAbsent("run_deadline", x -> new LongAdder()).increment();
    }
    awaitAll(Stream.concat(viewers.stream(), Stream.of(asker)).map(Session::close).toList(), 30);
    StringBuilder r = new StringBuilder();
    r.append(String.format(Locale.ROOT, "%n== live room: '%s', %d viewers, %d questions ==%n", o.room, o.viewers,
        o.messages));
    r.append(String.format(Locale.ROOT, "viewers open           %d%n", open));
    r.append("asker first token      added ").append(firstToken.summary(o.stubFirstReleaseMs(k))).append('\n');
    r.append(String.format(Locale.ROOT, "replies seen by viewers %d of %d (viewer deltas received: %d)%n",
        repliesSeenByAnyViewer, askerIds.size(), viewerDeltas));
    if (repliesSeenByAnyViewer == 0) {
      r.append("fan-out                NOT MEASURED: no viewer received a delta of the asker's replies; the server "
          + "does not fan room replies out (live rooms not implemented yet?)\n");
    } else {
      r.append("fan-out per viewer     (first delta at this viewer - at the first viewer) ").append(spread.summary(0))
          .append('\n');
      r.append("fan-out per reply      (last viewer - first viewer) ").append(perReplyMax.summary(0)).append('\n');
    }
    r.append("errors                 ").append(errors.isEmpty() ? "none" : counts(errors)).append('\n');
    System.out.print(r);
    writeJson(String.format(Locale.ROOT, "{\"mode\":\"room\",\"viewers\":%d,\"open\":%d,\"questions\":%d,"
            + "\"repliesSeen\":%d,\"fanoutPerViewer\":%s,\"fanoutPerReply\":%s,\"errors\":%s}", o.viewers, open,
        o.messages, repliesSeenByAnyViewer, spread.toJson(0), perReplyMax.toJson(0), jsonCounts(errors)));
    return errors.isEmpty() && repliesSeenByAnyViewer > 0 ? 0 : 1;
  }

  private int stubOnly(Reply reply, long deadline) throws Exception {
    // OpenAiStubServer binds a random loopback port.
    try (OpenAiStubServer stub = OpenAiStubServer.start().otherwise(reply)) {
      System.out.println("stub base URL: " + stub.baseUrl() + " (until --max-duration-s " + o.maxDurationS + " s)");
      System.out.println("persona model section:\n" + personaYaml(stub.baseUrl()).lines()
          .dropWhile(l -> !l.startsWith("model:")).reduce("", (a, b) -> a + b + "\n"));
      System.out.println("server environment: LLM_ENDPOINTS_STUB_PROVIDER=openai LLM_ENDPOINTS_STUB_BASEURL="
          + stub.baseUrl() + " LLM_ENDPOINTS_STUB_MODEL=stub-model");
      while (!pastDeadline(deadline)) {
        Thread.sleep(500);
      }
    }
    return 0;
  }

  /** One audience connection, confined to its client event-loop context. */
  private final class Session {
    final String name;
    final int messages;
    final long thinkMs;
    final String room;
    final boolean warm;
    final Promise<Void> hello = Promise.promise();
    final Promise<Void> finished = Promise.promise();
    final List<String> sentIds = new ArrayList<>();
    final Map<String, Long> firstDeltaByReply = new ConcurrentHashMap<>();
    final List<String> replyOrder = new ArrayList<>();
    final AtomicLong deltasSeen = new AtomicLong();
    /** Room mode: the room's message id of each question, by the asker's client id. */
    final Map<String, String> roomIdByClientId = new ConcurrentHashMap<>();
    String currentRoomId;
    volatile boolean open;
    WebSocket ws;
    Context context;
    int sent;
    String current;
    String currentText;
    final StringBuilder replyText = new StringBuilder();
    long sentAt;
    boolean gotFirst;
    long replyTimer = -1;
    boolean ended;

    /** The node this session talks to: sessions are split across the nodes in turn. */
    final int port = ports.get(Math.floorMod(nextNode.getAndIncrement(), ports.size()));

    Session(String name, int messages, long thinkMs, String room, boolean warm) {
      this.name = name;
      this.messages = messages;
      this.thinkMs = thinkMs;
      this.room = room;
      this.warm = warm;
    }

    Future<Void> connect() {
      long t = System.nanoTime();
      String uri = "/api/v1/live/" + slug + (room == null ? "" : "?room=" + room);
      client.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI(uri)).onComplete(ar -> {
        if (ar.failed()) {
          error("connect_failed");
          hello.tryFail(ar.cause());
          return;
        }
        ws = ar.result();
        context = Vertx.currentContext();
        open = true;
        ws.textMessageHandler(this::onFrame);
        ws.exceptionHandler(err -> { });
        ws.closeHandler(v -> {
          open = false;
          if (!stopping && !ended) {
            error("closed_early:" + ws.closeStatusCode());
          }
          hello.tryFail("closed");
          end();
        });
        context.owner().setTimer(30_000, id -> {
          if (hello.tryFail("no hello")) {
            error("no_hello");
          }
        });
      });
      return hello.future().onSuccess(v -> {
        if (!warm) {
          connect.addNanos(System.nanoTime() - t);
        }
      }).recover(err -> Future.succeededFuture());
    }

    Future<Void> start(long delayMs) {
      if (!open) {
        return Future.succeededFuture();
      }
      context.runOnContext(v -> {
        if (messages == 0) {
          if (room == null) {
            end();
          }
          return; // a viewer only listens until closed
        }
        if (delayMs > 0) {
          context.owner().setTimer(delayMs, id -> send());
        } else {
          send();
        }
      });
      return room != null && messages == 0 ? Future.succeededFuture() : finished.future();
    }

    private void send() {
      if (stopping || !open) {
        end();
        return;
      }
      current = name + "-" + sent++;
      currentRoomId = null;
      sentIds.add(current);
      gotFirst = false;
      sentAt = System.nanoTime();
      if (!warm) {
        sentMessages.incrementAndGet();
      }
      currentText = question(QUESTION_SEQ.getAndIncrement());
      replyText.setLength(0);
      ws.writeTextMessage(new JsonObject().put("type", "message").put("id", current)
          .put("text", currentText).encode());
      replyTimer = context.owner().setTimer(o.replyTimeoutMs, id -> {
        replyTimer = -1;
        error("reply_timeout");
        next();
      });
    }

    private void onFrame(String raw) {
      long now = System.nanoTime();
      JsonObject f;
      try {
        f = new JsonObject(raw);
      } catch (RuntimeException e) {
        error("client_bad_json");
        return;
      }
      String type = String.valueOf(f.getValue("type"));
      String replyTo = f.getValue("replyTo") == null ? null : String.valueOf(f.getValue("replyTo"));
      if (replyTo != null && replyTo.equals(currentRoomId)) {
        replyTo = current; // a room reply to our question
      }
      switch (type) {
        case "hello" -> hello.tryComplete();
        case "message" -> {
          // room mode: our question, accepted by the room, comes back with the room's id
          String clientId = f.getString("clientId");
          String id = f.getValue("id") == null ? null : String.valueOf(f.getValue("id"));
          if (clientId != null && id != null) {
            roomIdByClientId.put(clientId, id);
            if (clientId.equals(current)) {
              currentRoomId = id;
            }
          }
        }
        case "delta" -> {
          deltasSeen.incrementAndGet();
          if (replyTo != null && !firstDeltaByReply.containsKey(replyTo)) {
            firstDeltaByReply.put(replyTo, now);
            replyOrder.add(replyTo);
          }
          if (replyTo != null && replyTo.equals(current)) {
            if (!gotFirst) {
              gotFirst = true;
              if (!warm) {
                firstToken.addNanos(now - sentAt);
                windowFirstToken.addNanos(now - sentAt);
              }
            }
            if (!warm) {
              String t = f.getString("text", "");
              if (replyText.length() < 2000) {
                replyText.append(t);
              }
              chars.addAndGet(t.length());
              deltas.incrementAndGet();
            }
          }
        }
        case "done" -> {
          if (replyTo != null && replyTo.equals(current)) {
            turnsDone.increment();
            if (!warm) {
              completion.addNanos(now - sentAt);
              replies.incrementAndGet();
              String decision = String.valueOf(f.getValue("decision"));
              decisions.computeIfAbsent(decision, x -> new LongAdder()).increment();
              if (!"allow".equals(decision) && shownDecisions.incrementAndGet() <= 5) {
                // the first few replies that were not simply allowed, so a surprising count can be looked into
                log("reply %s: %s (reply %s) to \"%s\": \"%s\"", decision, f.getValue("findings") == null ? ""
                    : f.getValue("findings"), f.getValue("route"), currentText, replyText);
              }
            }
            next();
          }
        }
        case "error" -> {
          error(String.valueOf(f.getValue("code")));
          if (replyTo != null && replyTo.equals(current)) {
            next();
          }
        }
        default -> { } // disclosure and any frame types added later
      }
    }

    private void next() {
      if (replyTimer >= 0) {
        context.owner().cancelTimer(replyTimer);
        replyTimer = -1;
      }
      current = null;
      if (sent < messages && !stopping && !soakOver && open) {
        context.owner().setTimer(Math.max(1, thinkMs), id -> send());
      } else {
        end();
      }
    }

    private void end() {
      ended = true;
      finished.tryComplete();
    }

    Future<Void> close() {
      ended = true;
      finished.tryComplete();
      if (ws == null || !open) {
        return Future.succeededFuture();
      }
      Promise<Void> p = Promise.promise();
      context.runOnContext(v -> ws.close().onComplete(x -> p.tryComplete()));
      return p.future();
    }

    private void error(String code) {
      if (!warm) {
        errors.computeIfAbsent(code, x -> new LongAdder()).increment();
      }
    }
  }

  private static final java.util.concurrent.atomic.AtomicLong QUESTION_SEQ = new java.util.concurrent.atomic.AtomicLong();
  /**
   * Question templates, each with a day ({@code %1$s}) and a number ({@code %2$d}); the Vietnamese ones are the
   * templates at {@link #VI_ASKS}.
   */
  private static final String[] ASKS = {"What time does the café open on %1$s, and is there a table for %2$d?",
      "Is the café open on %1$s morning for a group of %2$d?", "How late are you open on %1$s, could I come after %2$d pm?",
      "Can I come by on %1$s around %2$d?", "Are you open %1$s at %2$d am?",
      "Do you have %2$d bags of the house blend in stock for %1$s?",
      "How much is a %2$d oz bag of the house blend if I pick it up on %1$s?",
      "Cà phê mở cửa lúc mấy giờ vào %1$s vậy shop, nhóm %2$d người có chỗ không?",
      "Shop ơi %1$s có mở cửa lúc %2$d giờ không?",
      "Is the medium roast good for espresso, I brew %2$d cups a day, and can I buy it on %1$s?",
      "Can I order %2$d bags for pickup on %1$s?",
      "What does the house blend taste like compared to your dark roast, asking for %2$d friends coming on %1$s?"};
  /** Indexes of the Vietnamese templates in {@link #ASKS}. */
  private static final java.util.Set<Integer> VI_ASKS = java.util.Set.of(7, 8);
  private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
      "the holiday", "Christmas Eve", "New Year's Day"};
  private static final String[] VI_DAYS = {"thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật",
      "ngày lễ", "đêm Giáng sinh", "mùng 1 Tết"};
  private static final String[] OPENERS = {"", "Hi! ", "Hello, ", "Hey, ", "Quick question: ", "Good morning! ",
      "Hi there, ", "Excuse me, ", "Sorry to bother you, ", "Hello again! ", "One more thing: ", "Hey team, ",
      "Hi, first time here. ", "Good afternoon, ", "Hello from a regular! ", "Just wondering, "};
  private static final String[] VI_OPENERS = {"", "Chào shop, ", "Dạ cho mình hỏi, ", "Xin chào! ", "Ad ơi, ",
      "Cho em hỏi chút, ", "Shop cho mình hỏi, ", "Chào bạn, ", "Alo shop, ", "Mình hỏi xíu nha, ", "Chào buổi sáng! ",
      "Hi shop, ", "Dạ shop ơi, ", "Làm phiền shop chút, ", "Lần đầu mình ghé, ", "Cho mình hỏi thêm, "};
  /** How many questions {@link #question} gives before a text comes again: 12 x 10 x 97 x 16. */
  static final long DISTINCT_QUESTIONS = (long) ASKS.length * DAYS.length * 97 * OPENERS.length;

  /**
   * The n-th audience question: about the persona's knowledge (hours, the house blend) in English and Vietnamese
   * (2 of 12), each a different text for {@value #DISTINCT_QUESTIONS} questions in a row, so that no cache of the
   * server's (question embeddings, retrieval, language and intent memos) sees a text twice in any run of this tool:
   * the server's CPU per reply is that of audiences who do not repeat each other. (Until 2026-12-03 the tool
   * cycled through 4,221 texts, and about 64% of the turns after a warm-up repeated one the server's
   * 4,096-text embedding cache still held.)
   */
  static String question(long n) {
    int a = (int) (n % ASKS.length);
    long rest = n / ASKS.length;
    int day = (int) (rest % DAYS.length);
    rest /= DAYS.length;
    int number = (int) (2 + rest % 97);
    int opener = (int) ((rest / 97) % OPENERS.length);
    boolean vi = VI_ASKS.contains(a);
    String open = (vi ? VI_OPENERS : OPENERS)[opener];
    String ask = String.format(java.util.Locale.ROOT, ASKS[a], (vi ? VI_DAYS : DAYS)[day], number);
    // within a sentence ("Hello, what time ...") the question starts in lower case
    return open.endsWith(", ") || open.endsWith(": ") ? open + Character.toLowerCase(ask.charAt(0)) + ask.substring(1)
        : open + ask;
  }

  private String personaYaml(String baseUrl) {
    return """
        # generated by the load tool
        id: loadbot
        brand: loadtest
        name: Loadbot
        languages: [en]
        bio: "A load-test persona that streams from a local stub model."
        voice:
          personality: [friendly]
          style: ["short sentences"]
          greeting: "Hi, I'm Loadbot, an AI assistant for load tests."
        knowledge:
          - id: hours
            title: "Café hours"
            text: "Our café opens Monday to Friday 7 am to 6 pm, Saturday and Sunday 8 am to 5 pm."
            tags: [cafe, hours]
          - id: beans
            title: "House blend"
            text: "Medium roast blend with notes of milk chocolate and caramel, 12 oz bag, $16.50."
            tags: [product]
        boundaries:
          avoid_topics: [politics]
          banned_terms: ["knockoff"]
          forbidden_claims: ["cures"]
        disclosure:
          jurisdictions: [US, EU]
          ai_label: { en: "AI-generated" }
          sponsored_label: { en: "#ad" }
        model:
          endpoint: stub      # the server needs LLM_ENDPOINTS_STUB_{PROVIDER,BASEURL,MODEL}; stub at %s
        """.formatted(baseUrl);
  }

  private static boolean awaitAll(List<Future<Void>> futures, long seconds) throws Exception {
    CompletableFuture<?>[] cfs = futures.stream().map(f -> f.toCompletionStage().toCompletableFuture())
        .toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(cfs).get(Math.max(1, seconds), TimeUnit.SECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return false;
    }
  }

  private interface Step {
    Object run() throws Exception;
  }

  private static void quietly(Step step) {
    try {
      step.run();
    } catch (Exception e) {
      System.err.println("loadtest: shutdown step did not finish: " + e);
    }
  }

  private static boolean pastDeadline(long deadline) {
    return System.nanoTime() > deadline;
  }

  private static long remainingSeconds(long deadline) {
    return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()));
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    var mem = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return mem.getHeapMemoryUsage().getUsed();
  }

  private static String counts(Map<String, LongAdder> m) {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(m).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v.sum()));
    return sb.toString();
  }

  private static String jsonCounts(Map<String, LongAdder> m) {
    JsonObject j = new JsonObject();
    new TreeMap<>(m).forEach((k, v) -> j.put(k, v.sum()));
    return j.encode();
  }

  private void writeJson(String json) throws IOException {
    if (o.json != null) {
      Files.writeString(Path.of(o.json), json + "\n", StandardCharsets.UTF_8);
    }
  }

  private static void log(String fmt, Object... args) {
    System.out.printf(Locale.ROOT, "[loadtest] " + fmt + "%n", args);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder left behind is harmless
    }
  }
}
