package com.personaruntime.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The collector choice of spawned JVMs (--gc) and its checks. */
class OptionsTest {

  @Test
  void spawnedJvmsRunZgcUnlessAnotherCollectorIsChosen() {
    assertThat(Options.parse(new String[] {"--spawn"}).gc).isEqualTo("zgc");
    assertThat(Options.GCS.get(Options.parse(new String[] {"--spawn", "--gc", "G1"}).gc)).isEqualTo("-XX:+UseG1GC");
    assertThat(Options.GCS.get(Options.parse(new String[] {"--spawn", "--gc", "shenandoah"}).gc))
        .isEqualTo("-XX:+UseShenandoahGC");
  }

  @Test
  void anUnknownCollectorIsRefusedWithTheNamesThatExist() {
    assertThatThrownBy(() -> Options.parse(new String[] {"--spawn", "--gc", "cms"}))
        .isInstanceOf(Options.Usage.class)
        .hasMessage("--gc: expected one of zgc, g1, shenandoah, parallel, got 'cms'");
  }

  @Test
  void aCollectorFlagInTheJvmOptionsIsRefusedBecauseTwoCollectorsWouldNotStart() {
    assertThatThrownBy(() -> Options.parse(new String[] {"--spawn", "--server-jvm-options", "-Xss512k -XX:+UseG1GC"}))
        .isInstanceOf(Options.Usage.class)
        .hasMessageContaining("choose the collector with --gc")
        .hasMessageContaining("'-XX:+UseG1GC'");
    assertThat(Options.parse(new String[] {"--spawn", "--server-jvm-options", "-XX:MaxGCPauseMillis=10"}).serverJvmOptions)
        .containsExactly("-XX:MaxGCPauseMillis=10");
  }

  @Test
  void theCollectorNeedsSpawnedJvms() {
    assertThatThrownBy(() -> Options.parse(new String[] {"--gc", "g1"}))
        .isInstanceOf(Options.Usage.class)
        .hasMessageContaining("--gc")
        .hasMessageContaining("need --spawn");
  }
}
