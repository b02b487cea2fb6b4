package com.personaruntime.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run of the load tool as CI runs it: the stub and the server in processes of their own, a few
 * sessions from here. Checks that it completes with zero errors and reports the server's own figures;
 * asserts no timing.
 */
class LoadToolSmokeIT {

  @TempDir
  Path dir;

  @Test
  void spawnedServerAnswersEverySessionAndReportsItsCpuThreadsAndHeap() throws Exception {
    Path json = dir.resolve("result.json");
    int code = LoadTest.run(new String[] {"--spawn", "--sessions", "4", "--messages", "2", "--think-ms", "0",
        "--spread-ms", "0", "--tokens", "6", "--first-token-ms", "5", "--token-delay-ms", "5",
        "--max-duration-s", "240", "--server-heap", "512m", // the compiled lexicons build within 256 MB and keep ~48 MB (docs/benchmarks.md)
         "--json", json.toString()}, false);

    assertThat(code).as("exit code (0 = no errors, all sessions open)").isZero();
    JsonObject r = new JsonObject(Files.readString(json, StandardCharsets.UTF_8));
    assertThat(r.getInteger("open")).isEqualTo(4);
    assertThat(r.getLong("replies")).isEqualTo(8);
    JsonObject server = r.getJsonObject("server");
    assertThat(server.getLong("replies")).isEqualTo(8);
    JsonObject node = server.getJsonArray("nodes").getJsonObject(0);
    assertThat(node.getDouble("cpuSeconds")).isPositive();
    assertThat(node.getDouble("threadsPeak")).isPositive();
    assertThat(node.getDouble("heapPeakBytes")).isPositive();
  }
}
