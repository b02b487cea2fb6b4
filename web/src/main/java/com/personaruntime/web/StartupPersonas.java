package com.personaruntime.web;

import com.personaruntime.personas.DemoPersonas;
import com.personaruntime.personas.PersonaFiles;
import com.personaruntime.runtime.catalog.PersonaCatalog.FileEntry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads the persona files to import at start (file I/O, so on a worker thread). */
final class StartupPersonas {
  private StartupPersonas() {
  }

  static Future<List<FileEntry>> load(Vertx vertx, Optional<Path> dir) {
    return vertx.executeBlocking(() -> {
      if (dir.isEmpty()) {
        return DemoPersonas.load().stream()
            .map(p -> new FileEntry("demo-personas/" + p.id() + ".yaml", p, List.of()))
            .toList();
      }
      return PersonaFiles.loadFolder(dir.get()).stream()
          .map(f -> f.result().isValid()
              ? new FileEntry(f.file().toString(), f.result().orElseThrow(), List.of())
              : new FileEntry(f.file().toString(), null,
                  f.result().problems().stream().map(Object::toString).toList()))
          .toList();
    });
  }
}
