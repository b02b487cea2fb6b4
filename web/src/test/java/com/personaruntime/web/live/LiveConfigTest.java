package com.personaruntime.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.personaruntime.web.config.AppConfig;
import com.personaruntime.web.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live chat and model gateway keys ({@code live.*}, {@code llm.*Timeout*}). */
class LiveConfigTest {

  @Test
  void defaults() throws Exception {
    AppConfig c = ConfigLoader.load(null, Map.of());
    assertThat(c.llm().firstTokenTimeoutMs()).isEqualTo(10_000);
    assertThat(c.llm().interTokenTimeoutMs()).isEqualTo(20_000);
    assertThat(c.llm().maxRetries()).isEqualTo(2);
    assertThat(c.live()).isEqualTo(new AppConfig.Live(2000, 5, 30, 600, 30, 300, 20, 8, 200, 20000, 300, 120, 1440));
  }

  @Test
  void environmentOverrides() throws Exception {
    AppConfig c = ConfigLoader.load(null, Map.of("LLM_FIRSTTOKENTIMEOUTMS", "700", "LIVE_ROOMDISCLOSURESECONDS", "5",
        "LIVE_ROOMQUEUESIZE", "3"));
    assertThat(c.llm().firstTokenTimeoutMs()).isEqualTo(700);
    assertThat(c.live().roomDisclosureSeconds()).isEqualTo(5);
    assertThat(c.live().roomQueueSize()).isEqualTo(3);
  }

  @Test
  void aTimeoutLongerThanTheTotalIsRefusedWithBothValues() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("LLM_FIRSTTOKENTIMEOUTMS", "5000",
        "LLM_TOTALTIMEOUTMS", "4000")))
        .hasMessageContaining("environment LLM_FIRSTTOKENTIMEOUTMS: llm.firstTokenTimeoutMs: must not exceed "
            + "llm.totalTimeoutMs (4000), got 5000");
  }

  @Test
  void outOfRangeValuesAreNamed() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("LIVE_ROOMQUEUESIZE", "0")))
        .hasMessageContaining("environment LIVE_ROOMQUEUESIZE: live.roomQueueSize: must be an integer between 1 and "
            + "10000, got 0");
  }
}
