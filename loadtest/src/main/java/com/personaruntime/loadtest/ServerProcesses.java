package com.personaruntime.loadtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The stub model and the persona server node(s) as separate processes (JVMs) on loopback, so that the
 * server's CPU, threads and heap are its own and not shared with the clients or the stub. Child processes
 * use this tool's class path ({@code loadtest.jar}, whose manifest names every jar) and are stopped on
 * {@link #close()} (SIGTERM, then killed after 30 s).
 */
final class ServerProcesses implements AutoCloseable {

  /**
   * Every child process not yet stopped by {@link #close()}, of every instance: a JVM that ends without
   * close() (Ctrl-C, the watchdog's halt) kills them with {@link #killAll()} instead of leaving servers
   * running on the machine.
   */
  private static final java.util.Set<Process> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ServerProcesses::killAll, "loadtest-children"));
  }

  private final List<Process> processes = new ArrayList<>();
  private final List<Integer> httpPorts = new ArrayList<>();
  private String stubBaseUrl;

  /** Base URL of the stub process's OpenAI-compatible API. */
  String stubBaseUrl() {
    return stubBaseUrl;
  }

  /** HTTP ports of the server nodes, in start order. */
  /**
   * Runs a full garbage collection in every server node ({@code jcmd PID GC.run}, the JDK's own tool), so
   * that the heap in use read right after is the live set; waits at most 60 s per node.
   */
  void collectGarbage() throws Exception {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    for (int i = 1; i < processes.size(); i++) { // processes.get(0) is the stub
      Process gc = new ProcessBuilder(jcmd, String.valueOf(processes.get(i).pid()), "GC.run")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!gc.waitFor(60, TimeUnit.SECONDS)) {
        gc.destroyForcibly();
      }
    }
  }

  List<Integer> httpPorts() {
    return List.copyOf(httpPorts);
  }

  static ServerProcesses start(Options o, Path tmp, Path personas, java.util.function.Function<String, String> personaYaml)
      throws Exception {
    ServerProcesses p = new ServerProcesses();
    try {
      p.startStub(o, tmp);
      Files.writeString(personas.resolve("loadbot.yaml"), personaYaml.apply(p.stubBaseUrl), StandardCharsets.UTF_8);
      int[] clusterPorts = new int[o.nodes];
      StringBuilder members = new StringBuilder();
      for (int i = 0; i < o.nodes; i++) {
        clusterPorts[i] = freePort();
        members.append(i == 0 ? "" : ",").append("127.0.0.1:").append(clusterPorts[i]);
      }
      String storage = o.storageUrl != null ? o.storageUrl
          : "jdbc:h2:file:" + tmp.resolve("db/persona-runtime").toAbsolutePath();
      for (int i = 0; i < o.nodes; i++) {
        int http = freePort();
        Map<String, String> env = new java.util.HashMap<>();
        env.put("HTTP_HOST", o.host);
        env.put("HTTP_PORT", String.valueOf(http));
        env.put("STORAGE_URL", storage);
        if (o.storageUser != null) {
          env.put("STORAGE_USER", o.storageUser);
        }
        if (o.storagePassword != null) {
          env.put("STORAGE_PASSWORD", o.storagePassword);
        }
        env.put("PERSONAS_DIR", personas.toString());
        env.put("ADMIN_EMAIL", "load@loadtest.example");
        env.put("ADMIN_PASSWORD", "loadtest-password-123");
        env.put("LLM_ENDPOINTS_STUB_PROVIDER", "openai");
        env.put("LLM_ENDPOINTS_STUB_BASEURL", p.stubBaseUrl);
        env.put("LLM_ENDPOINTS_STUB_MODEL", "stub-model");
        env.put("LOG_LEVEL", o.logLevel);
        // every session comes from 127.0.0.1: lift the per-address audience limits for the load tool
        env.put("LIVE_CONNECTIONSPERADDRESS", "1000000");
        env.put("LIVE_MAXCONNECTIONS", "1000000");
        env.put("LIVE_MESSAGESPERMINUTEPERADDRESS", "100000000");
        env.put("LIVE_MODERATIONITEMSPERHOURPERADDRESS", "100000000");
        if (o.nodes > 1) {
          env.put("CLUSTER_ENABLED", "true");
          env.put("CLUSTER_HOST", "127.0.0.1");
          env.put("CLUSTER_PORT", String.valueOf(clusterPorts[i]));
          env.put("CLUSTER_MEMBERS", members.toString());
        }
        // one node after the other: the first migrates the database and imports the persona
        p.startServer(o, tmp, i, env);
        p.awaitUp(o.host, http, Duration.ofSeconds(180), i);
        p.httpPorts.add(http);
      }
      return p;
    } catch (Exception e) {
      p.close();
      throw e;
    }
  }

  private void startStub(Options o, Path tmp) throws Exception {
    List<String> cmd = java("-Xmx256m");
    cmd.add(1, Options.GCS.get(o.gc));
    cmd.addAll(List.of(LoadTest.class.getName(), "--stub-only", "--max-duration-s", String.valueOf(o.maxDurationS),
        "--tokens", String.valueOf(o.tokens), "--first-token-ms", String.valueOf(o.firstTokenMs),
        "--token-delay-ms", String.valueOf(o.tokenDelayMs)));
    Process stub = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    processes.add(track(stub));
    BufferedReader out = new BufferedReader(new InputStreamReader(stub.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      if (line.startsWith("stub base URL: ")) {
        stubBaseUrl = line.substring("stub base URL: ".length()).split(" ")[0];
        break;
      }
    }
    if (stubBaseUrl == null) {
      throw new IllegalStateException("the stub process did not report its URL");
    }
    Path log = tmp.resolve("stub.log");
    Thread drain = new Thread(() -> {
      try (var w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
        for (String l = out.readLine(); l != null; l = out.readLine()) {
          w.write(l);
          w.newLine();
        }
      } catch (IOException ignored) {
        // the stub's output is only kept for debugging
      }
    }, "stub-output");
    drain.setDaemon(true);
    drain.start();
  }

  private void startServer(Options o, Path tmp, int index, Map<String, String> env) throws IOException {
    List<String> cmd = java(o.serverHeap == null ? null : "-Xmx" + o.serverHeap);
    cmd.addAll(1, o.serverJvmOptions);
    cmd.add(1, Options.GCS.get(o.gc));
    if (o.serverJfr != null && index == 0) {
      cmd.add(1, "-XX:StartFlightRecording=settings=profile,filename=" + Path.of(o.serverJfr).toAbsolutePath());
    }
    cmd.add("com.personaruntime.web.Main");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("node-" + index + ".log").toFile());
    pb.environment().putAll(env);
    processes.add(track(pb.start()));
  }

  private void awaitUp(String host, int port, Duration timeout, int index) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String h = host.contains(":") ? "[" + host + "]" : host;
    while (System.nanoTime() < deadline) {
      Process proc = processes.get(processes.size() - 1);
      if (!proc.isAlive()) {
        throw new IllegalStateException("server node " + index + " exited with code " + proc.exitValue()
            + " (see its log in the temp folder)");
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + h + ":" + port + "/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("UP")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      proc.waitFor(200, TimeUnit.MILLISECONDS); // poll interval; returns early if the node dies
    }
    throw new IllegalStateException("server node " + index + " not UP within " + timeout);
  }

  private static List<String> java(String heap) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (heap != null) {
      cmd.add(heap);
    }
    cmd.add("-Dai.djl.offline=true");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    return cmd;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
      LIVE.remove(p);
    }
  }

  /** Registers a started child so that {@link #killAll()} ends it; returns it. */
  static Process track(Process p) {
    LIVE.add(p);
    return p;
  }

  /**
   * Kills (SIGKILL) every tracked child process and its descendants at once, without waiting: for the
   * watchdog's halt and the JVM's shutdown hook, where no orderly {@link #close()} will run.
   */
  static void killAll() {
    for (Process p : LIVE) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      LIVE.remove(p);
    }
  }
}
