package com.personaruntime.web.api;

import com.personaruntime.runtime.catalog.CatalogException;
import com.personaruntime.web.http.ApiException;
import com.personaruntime.web.http.ValidationFailure;

/** Maps catalog rejections to HTTP failures. */
final class CatalogErrors {
  private CatalogErrors() {
  }

  /** The message of an invalid document: its first problems, counted beyond three (the list is in "problems"). */
  private static String summary(CatalogException e) {
    java.util.List<String> p = e.problems();
    String head = String.join("; ", p.subList(0, Math.min(3, p.size())));
    return e.getMessage() + ": " + head + (p.size() > 3 ? "; and " + (p.size() - 3) + " more" : "");
  }

  static Throwable map(Throwable t) {
    if (t instanceof CatalogException e) {
      return switch (e.kind()) {
        case NOT_FOUND -> ApiException.notFound(e.getMessage());
        case CONFLICT -> ApiException.conflict(e.getMessage());
        case FORBIDDEN -> ApiException.forbidden(e.getMessage());
        case INVALID -> e.problems().isEmpty() ? ApiException.invalid(e.getMessage())
            : new ValidationFailure(summary(e), e.problems());
      };
    }
    return t;
  }
}
