package com.personaruntime.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An empty or damaged H2 file is refused with the file's name and what to do; a healthy one passes. */
class H2StoreCheckTest {
  @TempDir
  Path dir;

  private Path store(String name, int rows) throws Exception {
    String base = dir.resolve(name).toString();
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base + ";WRITE_DELAY=0");
         Statement s = c.createStatement()) {
      s.execute("CREATE TABLE x (id INT PRIMARY KEY, v VARCHAR(100))");
      for (int i = 0; i < rows; i++) {
        s.execute("INSERT INTO x VALUES (" + i + ", 'value " + i + "')");
      }
    }
    return Path.of(base + ".mv.db");
  }

  @Test
  void aHealthyFilePassesAndAMissingOneIsANewInstall() throws Exception {
    Path file = store("ok", 50);
    assertThatCode(() -> H2StoreCheck.beforeOpen(file)).doesNotThrowAnyException();
    assertThatCode(() -> H2StoreCheck.beforeOpen(dir.resolve("absent.mv.db"))).doesNotThrowAnyException();
  }

  @Test
  void anEmptyFileIsRefusedNamingTheFile() throws Exception {
    Path file = Files.createFile(dir.resolve("empty.mv.db"));
    assertThatThrownBy(() -> H2StoreCheck.beforeOpen(file))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("the H2 database file " + file + " is empty (0 bytes)")
        .hasMessageContaining("Restore the file from a backup");
  }

  @Test
  void aFileWhoseNewestChunkIsDamagedIsRefusedInsteadOfOpeningAnOlderVersion() throws Exception {
    Path file = store("damaged", 80);
    long newest = -1;
    long newestAt = -1;
    byte[] all = Files.readAllBytes(file);
    for (int pos = 8192; pos + 6 < all.length; pos += 4096) {
      if (new String(all, pos, 6, java.nio.charset.StandardCharsets.ISO_8859_1).equals("chunk:")) {
        newestAt = pos; // chunks are appended: the last header in the file is the newest here
        newest++;
      }
    }
    assertThat(newest).as("chunks found").isPositive();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(newestAt + 10);
      raf.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
    }
    assertThatThrownBy(() -> H2StoreCheck.beforeOpen(file))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("the H2 database file " + file + " is damaged")
        .hasMessageContaining("Restore the file from a backup");
  }
}
