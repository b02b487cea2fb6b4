package com.personaruntime.personas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  private static final String GOOD = """
      id: milo
      brand: brewhaus
      name: Milo
      languages: [en]
      disclosure:
        jurisdictions: [US]
        ai_label: { en: "AI-generated" }
      """;
  private static final String BROKEN = """
      id: linh
      brand: lumiere
      name: Linh
      languages: [vi]
      voice:
        greting: "Chào bạn"
      model:
        provider: composer
        temperature: 7
      """;

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void resetStreams() {
    out.reset();
    err.reset();
  }

  private int run(Path path) {
    return ValidateCommand.run(path, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private List<String> outLines() {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void folderWithAGoodAndABrokenFile() throws IOException {
    Files.writeString(dir.resolve("milo.yaml"), GOOD);
    Files.writeString(dir.resolve("linh.yaml"), BROKEN);
    Files.writeString(dir.resolve("notes.txt"), "not a persona");

    assertThat(run(dir)).isEqualTo(ValidateCommand.INVALID).isEqualTo(1);
    assertThat(outLines()).containsExactly(
        dir.resolve("linh.yaml") + ": voice.greting: unknown field, did you mean 'greeting'?",
        dir.resolve("linh.yaml") + ": model.temperature: must be between 0 and 2, got 7",
        "2 files checked, 1 invalid, 2 problems");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void folderOfValidFiles() throws IOException {
    Files.writeString(dir.resolve("milo.yml"), GOOD);
    Files.writeString(dir.resolve("max.json"), "{\"id\": \"max\", \"brand\": \"brewhaus\","
        + " \"name\": \"Max\", \"languages\": [\"en\"], \"disclosure\": {\"jurisdictions\": [\"EU\"],"
        + " \"ai_label\": {\"en\": \"AI-generated\"}}}");

    assertThat(run(dir)).isEqualTo(ValidateCommand.VALID).isZero();
    assertThat(outLines()).containsExactly("2 files checked, 0 invalid, 0 problems");
  }

  @Test
  void aValidFileThatCannotBePublishedIsInvalid() throws IOException {
    // files in personas.dir are published at import: the publishing rule applies (one rule for every way in)
    Path file = Files.writeString(dir.resolve("min.yaml"), "id: min\nbrand: brewhaus\nname: Min\nlanguages: [vi, en]\n");

    assertThat(run(file)).isEqualTo(ValidateCommand.INVALID);
    assertThat(outLines()).containsExactly(
        file + ": disclosure.jurisdictions: choose at least one jurisdiction (VN, EU, US, UK or CN) before publishing;"
            + " a draft may leave it empty",
        file + ": disclosure.ai_label: give the AI label in every persona language before publishing (missing: vi, en)",
        "1 file checked, 1 invalid, 2 problems");
  }

  @Test
  void singleFile() throws IOException {
    Path file = Files.writeString(dir.resolve("linh.yaml"), BROKEN);

    assertThat(run(file)).isEqualTo(1);
    assertThat(outLines()).last().isEqualTo("1 file checked, 1 invalid, 2 problems");
  }

  @Test
  void singleValidFileWithAnyExtension() throws IOException {
    Path file = Files.writeString(dir.resolve("milo.persona"), GOOD);

    assertThat(run(file)).isZero();
    assertThat(outLines()).containsExactly("1 file checked, 0 invalid, 0 problems");
  }

  @Test
  void duplicateIdsAcrossFilesNameBothFiles() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), GOOD);
    Files.writeString(dir.resolve("b.yaml"), GOOD.replace("Milo", "Milo Two"));

    assertThat(run(dir)).isEqualTo(1);
    assertThat(outLines()).containsExactly(
        dir.resolve("b.yaml") + ": id: duplicate persona id 'milo', already used by "
            + dir.resolve("a.yaml"),
        "2 files checked, 1 invalid, 1 problem");
  }

  @Test
  void missingPath() {
    Path missing = dir.resolve("nope");

    assertThat(run(missing)).isEqualTo(ValidateCommand.NO_INPUT).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo(missing + ": no such file or folder");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void folderWithoutPersonaFiles() throws IOException {
    Files.writeString(dir.resolve("README.md"), "# personas");

    assertThat(run(dir)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo(dir + ": no persona files (*.yaml, *.yml, *.json) in this folder");
  }

  @Test
  void loadFolderIsSortedSkipsHiddenAndSubfoldersAndKeepsTheFirstOfADuplicateId()
      throws IOException {
    Files.writeString(dir.resolve("b.yaml"), GOOD);
    Files.writeString(dir.resolve("a.yaml"), GOOD);
    Files.writeString(dir.resolve("c.json"), "{");
    Files.writeString(dir.resolve(".hidden.yaml"), GOOD);
    Files.createDirectories(dir.resolve("sub.yaml"));

    List<PersonaFile> files = PersonaFiles.loadFolder(dir);

    assertThat(files).extracting(f -> f.file().getFileName().toString())
        .containsExactly("a.yaml", "b.yaml", "c.json");
    assertThat(files.get(0).result().orElseThrow().id()).isEqualTo("milo");
    assertThat(files.get(1).result().problems()).extracting(ValidationProblem::toString)
        .containsExactly(dir.resolve("b.yaml") + ": id: duplicate persona id 'milo', already"
            + " used by " + dir.resolve("a.yaml"));
    assertThat(files.get(2).result().problems()).singleElement().asString()
        .startsWith(dir.resolve("c.json") + ": JSON syntax error at line 1, column 2: ");
  }
}
