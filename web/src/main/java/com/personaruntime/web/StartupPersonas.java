package com.personaruntime.web;

import com.personaruntime.personas.DemoPersonas;
import com.personaruntime.personas.PersonaFiles;
import com.personaruntime.runtime.catalog.PersonaCatalog.FileEntry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Reads the persona files to import at start (file I/O, so on a worker thread). */
final class StartupPersonas {
  private StartupPersonas() {
  }

  /** The file's name relative to {@code personas.dir}: what its imports are recorded under. */
  private static String key(Path folder, Path file) {
    return folder.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
        .replace('\\', '/');
  }

  /** Hex SHA-256 of the file's bytes: the file "changed" when this differs from its last import's. */
  private static String contentHash(Path file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read persona file " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * The files of {@code dir} (or, without one, the demo personas), each with the key and content hash its
   * imports are recorded under.
   */
  static Future<List<FileEntry>> load(Vertx vertx, Optional<Path> dir) {
    return vertx.executeBlocking(() -> {
      if (dir.isEmpty()) {
        return DemoPersonas.load().stream()
            .map(p -> new FileEntry("demo-personas/" + p.id() + ".yaml", p, List.of()))
            .toList();
      }
      Path folder = dir.get();
      return PersonaFiles.loadFolder(folder).stream()
          .map(f -> f.result().isValid()
              ? new FileEntry(f.file().toString(), key(folder, f.file()), contentHash(f.file()), f.result().orElseThrow(),
                  List.of())
              : new FileEntry(f.file().toString(), null,
                  f.result().problems().stream().map(Object::toString).toList()))
          .toList();
    });
  }
}
