package com.personaruntime.web.api;

import com.personaruntime.runtime.catalog.CatalogException;
import com.personaruntime.web.http.ApiException;
import com.personaruntime.web.http.ValidationFailure;

/** Maps catalog rejections to HTTP failures. */
final class CatalogErrors {
  private CatalogErrors() {
  }

  static Throwable map(Throwable t) {
    if (t instanceof CatalogException e) {
      return switch (e.kind()) {
        case NOT_FOUND -> ApiException.notFound(e.getMessage());
        case CONFLICT -> ApiException.conflict(e.getMessage());
        case FORBIDDEN -> ApiException.forbidden(e.getMessage());
        case INVALID -> e.problems().isEmpty() ? ApiException.invalid(e.getMessage())
            : new ValidationFailure(e.getMessage() + ": " + String.join("; ", e.problems()), e.problems());
      };
    }
    return t;
  }
}
