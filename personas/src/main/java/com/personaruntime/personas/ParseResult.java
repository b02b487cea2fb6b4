package com.personaruntime.personas;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Outcome of parsing a persona document: either a {@link Valid} persona or the complete list of
 * {@link Invalid#problems() problems}. Rejections are data, not exceptions.
 */
public sealed interface ParseResult permits ParseResult.Valid, ParseResult.Invalid {

  /** Where the document came from, as given to the parser. */
  String source();

  /** The problems found; empty for a valid document. */
  default List<ValidationProblem> problems() {
    return List.of();
  }

  /** Whether the document is a valid persona. */
  default boolean isValid() {
    return this instanceof Valid;
  }

  /**
   * The persona of a valid document.
   *
   * @throws IllegalStateException with every problem, one per line, if the document is invalid
   */
  default Persona orElseThrow() {
    if (this instanceof Valid valid) {
      return valid.persona();
    }
    throw new IllegalStateException(
        problems().stream().map(ValidationProblem::toString).collect(Collectors.joining("\n")));
  }

  /** A document that is a valid persona. */
  record Valid(String source, Persona persona) implements ParseResult {
    public Valid {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(persona, "persona");
    }
  }

  /** A document with at least one problem; {@code problems} lists all of them. */
  record Invalid(String source, List<ValidationProblem> problems) implements ParseResult {
    public Invalid {
      Objects.requireNonNull(source, "source");
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("an invalid document has at least one problem");
      }
    }
  }
}
