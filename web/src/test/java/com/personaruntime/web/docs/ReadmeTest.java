package com.personaruntime.web.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.web.config.ConfigKey;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table must list every key the server reads, with its default. */
class ReadmeTest {

  @Test
  void configTableListsEveryKeyWithItsEnvironmentVariableAndDefault() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (ConfigKey key : ConfigKey.ALL) {
      String dflt = key.defaultValue().isEmpty() ? "(empty)" : "`" + key.defaultValue() + "`";
      assertThat(readme)
          .as("README row for %s", key.name())
          .contains("| `" + key.name() + "` | `" + key.envName() + "` | " + dflt + " |");
    }
  }

  /**
   * Newcomer's report: a loopback webhook (127.0.0.1) for a local test was refused and nothing said how to
   * allow it. The newcomers' section and the console's channels paragraph name the setting and the restart.
   */
  @Test
  void whereWebhooksAreIntroducedTheLoopbackSettingIsNamed() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    String newcomers = readme.substring(readme.indexOf("## Start here (newcomers)"), readme.indexOf("## Two commands"));
    assertThat(newcomers).contains("127.0.0.1").contains("PUBLISH_ALLOWPRIVATENETWORKS=true").contains("restart");
    String channels = readme.substring(readme.indexOf("**In the console**, `/console/posts`"),
        readme.indexOf("**For webhook receivers.**"));
    assertThat(channels).contains("127.0.0.1").contains("PUBLISH_ALLOWPRIVATENETWORKS=true").contains("restarted");
  }

  @Test
  void theTwoCommandsAreThere() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    assertThat(readme).contains("java -jar web/target/persona-runtime.jar").contains("mvn -B verify");
    assertThat(Files.readString(Path.of("..", ".ci", "run"))).contains("mvn -B verify");
  }
}
