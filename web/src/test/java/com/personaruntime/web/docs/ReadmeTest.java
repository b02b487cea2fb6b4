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

  @Test
  void theTwoCommandsAreThere() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    assertThat(readme).contains("java -jar web/target/persona-runtime.jar").contains("mvn -B verify");
    assertThat(Files.readString(Path.of("..", ".ci", "run"))).contains("mvn -B verify");
  }
}
