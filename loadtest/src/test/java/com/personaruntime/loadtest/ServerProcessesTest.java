package com.personaruntime.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Spawned children do not outlive a load tool that ends without an orderly close. */
class ServerProcessesTest {

  @Test
  void killAllEndsEveryTrackedChildAndItsDescendants() throws Exception {
    // a shell that starts a grandchild and waits for it: both must end
    Process shell = ServerProcesses.track(new ProcessBuilder("sh", "-c", "sleep 120 & wait").start());
    Process other = ServerProcesses.track(new ProcessBuilder("sleep", "120").start());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (shell.descendants().findAny().isEmpty() && System.nanoTime() < deadline) {
      shell.waitFor(20, TimeUnit.MILLISECONDS); // until the shell has started its sleep
    }
    ProcessHandle grandchild = shell.descendants().findFirst().orElseThrow();

    ServerProcesses.killAll();

    assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(other.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(grandchild.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
  }
}
