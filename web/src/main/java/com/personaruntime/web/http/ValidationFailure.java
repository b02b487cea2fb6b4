package com.personaruntime.web.http;

import io.vertx.core.json.JsonArray;
import java.util.List;

/** A 400 carrying a list of field problems (each "source: path: message"). */
public final class ValidationFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> problems;

  public ValidationFailure(String message, List<String> problems) {
    super(message, null, false, false);
    this.problems = List.copyOf(problems);
  }

  public JsonArray problems() {
    return new JsonArray(List.copyOf(problems));
  }
}
