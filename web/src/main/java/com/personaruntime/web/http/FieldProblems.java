package com.personaruntime.web.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects every field problem of one request body so that the answer names them all at once, not
 * the first one only. Each field is read through {@link #read}: a read that fails with a 400
 * {@link ApiException} (the {@link Bodies} readers, a route's own checks) adds its message
 * ({@code "field: what is wrong"}) and gives the fallback, so the remaining fields are still read.
 * {@link #throwIfAny()} then answers 400 {@code invalid} with {@code problems} listing each line, the
 * message joining them with {@code "; "} (one problem: that problem alone).
 */
public final class FieldProblems {
  private final List<String> lines = new ArrayList<>();

  /** The field's value, or {@code fallback} after recording why it could not be read. */
  public <T> T read(Supplier<T> reader, T fallback) {
    try {
      return reader.get();
    } catch (ApiException e) {
      if (e.status() != 400) {
        throw e;
      }
      lines.add(e.getMessage());
      return fallback;
    }
  }

  /** Records a problem line ({@code "field: what is wrong"}). */
  public void add(String line) {
    lines.add(line);
  }

  /** Whether any problem was recorded so far. */
  public boolean any() {
    return !lines.isEmpty();
  }

  /** Whether a problem of this field (a line starting {@code "field: "}) was recorded. */
  public boolean has(String field) {
    return lines.stream().anyMatch(l -> l.startsWith(field + ": "));
  }

  /** Answers 400 {@code invalid} listing every recorded problem; returns when there is none. */
  public void throwIfAny() {
    if (!lines.isEmpty()) {
      throw new ValidationFailure(String.join("; ", lines), lines);
    }
  }
}
