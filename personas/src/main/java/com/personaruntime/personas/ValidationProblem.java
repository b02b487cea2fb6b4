package com.personaruntime.personas;

import java.util.Objects;

/**
 * One problem found in a persona document.
 *
 * <p>{@link #toString()} is the line shown to users:
 * {@code linh.yaml: model.temperature: must be between 0 and 2, got 7}. Problems about the
 * whole document (syntax errors, an empty file) have an empty path and print as
 * {@code linh.yaml: message}.
 *
 * @param source  where the document came from (file name, request), as given to the parser
 * @param path    field path with dots and indexes, e.g. {@code knowledge[2].text}; may be empty
 * @param message what was expected and what was found
 */
public record ValidationProblem(String source, String path, String message) {

  public ValidationProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path.isEmpty() ? source + ": " + message : source + ": " + path + ": " + message;
  }
}
