package com.personaruntime.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.runtime.catalog.PersonaCatalog;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: a persona file in {@code personas.dir} is imported at start only when the file itself
 * changed since its last import. A version made through the API after that import survives restarts,
 * and the start-up report says which file was not imported and why; a changed file is imported as a
 * new published version.
 */
class PersonaFileImportIT {

  private static String yaml(String bio) {
    return "id: fia\nbrand: files\nname: Fia\nlanguages: [en]\nbio: \"" + bio + "\"\n"
        + "voice:\n  greeting: \"Hi, I am Fia, an AI assistant of Files.\"\n"
        + "disclosure: {jurisdictions: [EU], ai_label: {en: AI-generated}}\n";
  }

  @Test
  void anUnchangedFileNeverOverwritesApiVersionsAndAChangedFileIsImported(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("fia.yaml");
    Files.writeString(file, yaml("from the file"), StandardCharsets.UTF_8);
    Map<String, String> env = new HashMap<>();
    env.put("PERSONAS_DIR", dir.toString());
    env.put("STORAGE_URL", "jdbc:h2:mem:file-import-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

    TestServer s = TestServer.start("file-import", env);
    try {
      assertThat(s.server().importReport().imported()).containsExactly(file.toString());
      // the file's brand did not exist: created by the import, with its audit entry
      assertThat(s.query("SELECT actor FROM audit_log WHERE action = 'brand.created' AND details LIKE '%\"files\"%'"))
          .singleElement().satisfies(row -> assertThat(row.get("ACTOR")).isEqualTo("system"));
      String admin = s.loginAdmin();
      JsonObject doc = s.get("/api/v1/personas/fia", admin).expect(200).json().getJsonObject("document");
      s.call("PUT", "/api/v1/personas/fia?publish=true").bearer(admin).json(doc.copy().put("bio", "from the API"))
          .send().expect(200);
    } finally {
      s.stopKeepingDatabase();
    }

    // restart with the file unchanged: the API version stays, and the report says why the file was not imported
    s = TestServer.start("file-import", env);
    try {
      PersonaCatalog.ImportReport report = s.server().importReport();
      assertThat(report.imported()).isEmpty();
      assertThat(report.kept()).singleElement().asString().contains(file.toString())
          .contains("unchanged since its import as version 1").contains("version 2");
      JsonObject fia = s.get("/api/v1/personas/fia", s.loginAdmin()).expect(200).json();
      assertThat(fia.getInteger("latestVersion")).isEqualTo(2);
      assertThat(fia.getInteger("publishedVersion")).isEqualTo(2);
      assertThat(fia.getJsonObject("document").getString("bio")).isEqualTo("from the API");
    } finally {
      s.stopKeepingDatabase();
    }

    // the file changes: imported at the next start as a new published version
    Files.writeString(file, yaml("the file, edited"), StandardCharsets.UTF_8);
    s = TestServer.start("file-import", env);
    try {
      assertThat(s.server().importReport().imported()).containsExactly(file.toString());
      String admin = s.loginAdmin();
      JsonObject fia = s.get("/api/v1/personas/fia", admin).expect(200).json();
      assertThat(fia.getInteger("latestVersion")).isEqualTo(3);
      assertThat(fia.getInteger("publishedVersion")).isEqualTo(3);
      assertThat(fia.getJsonObject("document").getString("bio")).isEqualTo("the file, edited");
      // a store from before import records were kept: the file's content is recognised as imported
      s.update("DELETE FROM persona_file_imports");
      JsonObject doc = fia.getJsonObject("document");
      s.call("PUT", "/api/v1/personas/fia?publish=true").bearer(admin).json(doc.copy().put("bio", "API again"))
          .send().expect(200);
      s.update("DELETE FROM persona_file_imports");
    } finally {
      s.stopKeepingDatabase();
    }

    s = TestServer.start("file-import", env);
    try {
      assertThat(s.server().importReport().imported()).isEmpty();
      assertThat(s.server().importReport().kept()).singleElement().asString().contains("version 3")
          .contains("version 4");
      JsonObject fia = s.get("/api/v1/personas/fia", s.loginAdmin()).expect(200).json();
      assertThat(fia.getInteger("latestVersion")).isEqualTo(4);
      assertThat(fia.getJsonObject("document").getString("bio")).isEqualTo("API again");
      assertThat(s.query("SELECT version FROM persona_file_imports")).singleElement()
          .satisfies(row -> assertThat(((Number) row.get("VERSION")).intValue()).isEqualTo(3));
    } finally {
      s.close();
    }
  }
}
