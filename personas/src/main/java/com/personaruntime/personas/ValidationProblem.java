package com.personaruntime.personas;

import java.util.List;
import java.util.Objects;

/**
 * One problem found in a persona document.
 *
 * <p>{@link #toString()} is the line shown to users:
 * {@code linh.yaml: model.temperature: must be between 0 and 2, got 7}. Problems about the
 * whole document (syntax errors, an empty file) have an empty path and print as
 * {@code linh.yaml: message}.
 *
 * <p>{@link #code()} and {@link #args()} let a user interface say the same thing in its own
 * language: the code names the kind of problem ({@code "tooLong"}) and the arguments are the
 * values the English {@link #message()} shows, in order ({@code ["1000", "1001"]}). Kinds a
 * translation does not know keep the English message. An empty code means the problem has no
 * translatable form (YAML syntax errors quote the parser).
 *
 * @param source  where the document came from (file name, request), as given to the parser
 * @param path    field path with dots and indexes, e.g. {@code knowledge[2].text}; may be empty
 * @param message what was expected and what was found, in English
 * @param code    the kind of problem for translations, e.g. {@code "blank"}, {@code "tooLong"},
 *                {@code "range"}; empty when there is none
 * @param args    the values the message shows, in order; empty when there are none
 */
public record ValidationProblem(String source, String path, String message, String code, List<String> args) {

  public ValidationProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(code, "code");
    args = List.copyOf(args);
  }

  /** A problem without a translatable kind (code {@code ""}, no arguments). */
  public ValidationProblem(String source, String path, String message) {
    this(source, path, message, "", List.of());
  }

  @Override
  public String toString() {
    return path.isEmpty() ? source + ": " + message : source + ": " + path + ": " + message;
  }
}
