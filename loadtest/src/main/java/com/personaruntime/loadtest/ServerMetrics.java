package com.personaruntime.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a server node's Prometheus endpoint ({@code /metrics}): process CPU time, live threads, heap in
 * use and the live data after the last collection, and samples threads and heap once a second while a
 * phase runs so that peaks are seen.
 */
final class ServerMetrics {

  /** One scrape of one node. */
  record Sample(double cpuSeconds, double threads, double heapUsedBytes, double liveDataBytes) {
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String host;
  private final List<Integer> ports;
  private final double[] peakThreads;
  private final double[] peakHeap;
  private final AtomicBoolean sampling = new AtomicBoolean();
  private Thread sampler;

  ServerMetrics(String host, List<Integer> ports) {
    this.host = host.contains(":") ? "[" + host + "]" : host;
    this.ports = List.copyOf(ports);
    this.peakThreads = new double[ports.size()];
    this.peakHeap = new double[ports.size()];
  }

  private final java.util.Map<Integer, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

  /** /metrics is for platform admins: log in once per node as the admin ServerProcesses created. */
  private String token(int port) throws Exception {
    String t = tokens.get(port);
    if (t == null) {
      String body = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/api/v1/auth/login"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"load@loadtest.example\","
              + "\"password\":\"loadtest-password-123\"}"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
      t = new io.vertx.core.json.JsonObject(body).getString("token");
      tokens.put(port, t);
    }
    return t;
  }

  /** One scrape of every node. */
  List<Sample> scrape() throws Exception {
    List<Sample> out = new ArrayList<>();
    for (int port : ports) {
      String body = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/metrics"))
          .header("Authorization", "Bearer " + token(port))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
      out.add(parse(body));
    }
    return out;
  }

  static Sample parse(String text) {
    double cpuNanos = 0;
    double cpuSeconds = 0;
    double threads = 0;
    double heap = 0;
    double live = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      double value;
      try {
        value = Double.parseDouble(line.substring(space + 1));
      } catch (NumberFormatException e) {
        continue;
      }
      String name = line.substring(0, space);
      if (name.startsWith("process_cpu_time_ns_total")) {
        cpuNanos += value;
      } else if (name.startsWith("process_cpu_time_seconds_total")) {
        cpuSeconds += value;
      } else if (name.startsWith("jvm_threads_live_threads")) {
        threads += value;
      } else if (name.startsWith("jvm_memory_used_bytes") && name.contains("area=\"heap\"")) {
        heap += value;
      } else if (name.startsWith("jvm_gc_live_data_size_bytes")) {
        live += value;
      }
    }
    return new Sample(cpuSeconds > 0 ? cpuSeconds : cpuNanos / 1e9, threads, heap, live);
  }

  /** Starts sampling once a second (peaks of threads and heap per node). */
  void startSampling() {
    sampling.set(true);
    sampler = new Thread(() -> {
      while (sampling.get()) {
        try {
          List<Sample> s = scrape();
          for (int i = 0; i < s.size(); i++) {
            peakThreads[i] = Math.max(peakThreads[i], s.get(i).threads());
            peakHeap[i] = Math.max(peakHeap[i], s.get(i).heapUsedBytes());
          }
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          // a missed sample: the next one counts
        }
      }
    }, "server-metrics");
    sampler.setDaemon(true);
    sampler.start();
  }

  void stopSampling() throws InterruptedException {
    sampling.set(false);
    if (sampler != null) {
      sampler.interrupt();
      sampler.join(5000);
    }
  }

  double peakThreads(int node) {
    return peakThreads[node];
  }

  double peakHeap(int node) {
    return peakHeap[node];
  }
}
