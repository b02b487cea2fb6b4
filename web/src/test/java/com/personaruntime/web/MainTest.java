package com.personaruntime.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line through {@link Main#run}: {@code validate} exit codes and messages, and
 * configuration errors that stop {@code serve} before anything starts.
 */
class MainTest {
  private static final String GOOD = """
      id: milo
      brand: brewhaus
      name: Milo
      languages: [en]
      disclosure: { jurisdictions: [US], ai_label: { en: "AI-generated" } }
      """;
  private static final String BROKEN = """
      id: Linh Nguyen
      brand: lumiere
      languages: [vi, xx]
      voice:
        greting: "Chào bạn"
      model:
        provider: composer
        temperature: 7
      """;

  @TempDir
  Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    out.reset();
    err.reset();
    return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void validateNamesTheFileAndEveryBadField() throws Exception {
    Files.writeString(dir.resolve("milo.yaml"), GOOD);
    Path broken = Files.writeString(dir.resolve("linh.yaml"), BROKEN);

    assertThat(run(Map.of(), "validate", dir.toString())).isEqualTo(1);
    assertThat(out().lines()).anySatisfy(l -> assertThat(l).startsWith(broken + ": id: "));
    assertThat(out().lines()).contains(broken + ": name: is required");
    assertThat(out().lines()).anySatisfy(l -> assertThat(l).startsWith(broken + ": languages[1]: ").contains("xx"));
    assertThat(out().lines()).contains(broken + ": voice.greting: unknown field, did you mean 'greeting'?");
    assertThat(out().lines()).contains(broken + ": model.temperature: must be between 0 and 2, got 7");
    assertThat(out()).doesNotContain("milo.yaml:");
    assertThat(out().lines().reduce((a, b) -> b)).hasValueSatisfying(last ->
        assertThat(last).startsWith("2 files checked, 1 invalid, 5 problems"));
  }

  @Test
  void validateOneBrokenFile() throws Exception {
    Path broken = Files.writeString(dir.resolve("linh.yaml"), BROKEN);
    assertThat(run(Map.of(), "validate", broken.toString())).isEqualTo(1);
    assertThat(out()).contains(broken + ": model.temperature: must be between 0 and 2, got 7");
  }

  @Test
  void validateAValidFolderIsZero() throws Exception {
    Files.writeString(dir.resolve("milo.yaml"), GOOD);
    Files.writeString(dir.resolve("max.json"), "{\"id\":\"max\",\"brand\":\"brewhaus\",\"name\":\"Max\","
        + "\"languages\":[\"en\"],\"disclosure\":{\"jurisdictions\":[\"US\"],\"ai_label\":{\"en\":\"AI\"}}}");
    assertThat(run(Map.of(), "validate", dir.toString())).isZero();
    assertThat(out()).contains("2 files checked, 0 invalid, 0 problems");
  }

  @Test
  void validateAMissingPathOrNoPathIsTwo() {
    Path missing = dir.resolve("nope");
    assertThat(run(Map.of(), "validate", missing.toString())).isEqualTo(2);
    assertThat(err()).contains(missing.toString()).contains("no such file or folder");
    assertThat(run(Map.of(), "validate")).isEqualTo(2);
    assertThat(err()).contains("validate:").contains("usage:");
    assertThat(run(Map.of(), "validate", dir.toString())).as("an empty folder").isEqualTo(2);
  }

  @Test
  void aBadConfigFileStopsServeNamingTheKeyAndValue() throws Exception {
    Path config = Files.writeString(dir.resolve("bad.yaml"), """
        http:
          port: 70000
          prot: 1
        llm:
          provider: gpt
        """);
    int code = run(Map.of(), "serve", "--config", config.toString());
    assertThat(code).isNotZero();
    assertThat(err()).contains("not starting")
        .contains("http.port").contains("70000")
        .contains("http.prot").contains("did you mean 'http.port'")
        .contains("llm.provider").contains("gpt")
        .contains(config.toString());
    assertThat(out()).doesNotContain("UP");

    // the same through --config=FILE and without the serve command
    assertThat(run(Map.of(), "--config=" + config)).isEqualTo(code);
  }

  @Test
  void aBadEnvironmentVariableStopsServeNamingTheVariable() {
    assertThat(run(Map.of("HTTP_PORT", "eighty", "STORAGE_URL", "mysql://db"), "serve")).isNotZero();
    assertThat(err()).contains("HTTP_PORT").contains("http.port").contains("eighty")
        .contains("STORAGE_URL").contains("storage.url");
  }

  @Test
  void aMissingConfigFileStopsServe() {
    Path missing = dir.resolve("missing.yaml");
    assertThat(run(Map.of(), "serve", "--config", missing.toString())).isNotZero();
    assertThat(err()).contains(missing.toString()).contains("not found");
  }

  @Test
  void secretsAreNotEchoedInConfigErrors() throws Exception {
    Path config = Files.writeString(dir.resolve("secret.yaml"), "storage:\n  maxPoolSize: 0\n");
    assertThat(run(Map.of("LLM_APIKEY", "sk-very-secret", "STORAGE_PASSWORD", "hunter2-secret"),
        "--config", config.toString())).isNotZero();
    assertThat(err()).contains("storage.maxPoolSize").doesNotContain("sk-very-secret").doesNotContain("hunter2-secret");
  }

  @Test
  void unknownCommandsAndArgumentsAreUsageErrors() {
    assertThat(run(Map.of(), "frobnicate")).isEqualTo(2);
    assertThat(err()).contains("unknown command 'frobnicate'").contains("usage:");
    assertThat(run(Map.of(), "serve", "--port", "1")).isEqualTo(2);
    assertThat(err()).contains("unknown argument '--port'");
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out()).contains("validate PATH");
  }
}
