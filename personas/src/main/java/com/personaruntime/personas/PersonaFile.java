package com.personaruntime.personas;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A persona file and what parsing it gave.
 *
 * @param file   the file, as found in its folder
 * @param result the persona, or every problem of the file
 */
public record PersonaFile(Path file, ParseResult result) {
  public PersonaFile {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(result, "result");
  }
}
