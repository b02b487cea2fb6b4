package com.personaruntime.web.api;

import com.personaruntime.runtime.catalog.PersonaCatalog;
import com.personaruntime.runtime.storage.PersonaRecord;
import com.personaruntime.web.http.ApiException;
import com.personaruntime.web.http.Auth;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /api/v1/personas}: bodies are the persona document (JSON, or YAML with a YAML
 * content type); answers carry the document plus version metadata.
 */
public final class PersonaRoutes {
  private final PersonaCatalog catalog;

  public PersonaRoutes(PersonaCatalog catalog) {
    this.catalog = catalog;
  }

  public void mount(Router router) {
    router.get("/api/v1/personas").handler(this::list);
    router.post("/api/v1/personas").handler(this::create);
    router.get("/api/v1/personas/:id").handler(this::get);
    router.put("/api/v1/personas/:id").handler(this::update);
    router.delete("/api/v1/personas/:id").handler(this::delete);
    router.get("/api/v1/personas/:id/versions").handler(this::versions);
    router.post("/api/v1/personas/:id/publish").handler(this::publish);
  }

  private void list(RoutingContext ctx) {
    respond(ctx, 200, catalog.list(Auth.principal(ctx)).map(records -> {
      JsonArray items = new JsonArray();
      records.forEach(r -> items.add(summary(r)));
      return new JsonObject().put("items", items);
    }));
  }

  private void get(RoutingContext ctx) {
    String which = ctx.queryParams().get("version");
    respond(ctx, 200, catalog.get(Auth.principal(ctx), ctx.pathParam("id")).map(r -> full(r,
        "latest".equals(which))));
  }

  private void create(RoutingContext ctx) {
    respond(ctx, 201, catalog.create(Auth.principal(ctx), body(ctx)).map(r -> full(r, false)));
  }

  private void update(RoutingContext ctx) {
    boolean publish = "true".equals(ctx.queryParams().get("publish"));
    respond(ctx, 200, catalog.update(Auth.principal(ctx), ctx.pathParam("id"), body(ctx), publish)
        .map(r -> full(r, true)));
  }

  private void delete(RoutingContext ctx) {
    catalog.delete(Auth.principal(ctx), ctx.pathParam("id")).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(CatalogErrors.map(ar.cause()));
      } else {
        ctx.response().setStatusCode(204).end();
      }
    });
  }

  private void versions(RoutingContext ctx) {
    respond(ctx, 200, catalog.versions(Auth.principal(ctx), ctx.pathParam("id")).map(list -> {
      JsonArray items = new JsonArray();
      list.forEach(v -> items.add(new JsonObject()
          .put("version", v.version())
          .put("checksum", v.checksum())
          .put("source", v.source())
          .put("createdBy", v.createdBy())
          .put("createdAt", String.valueOf(v.createdAt()))
          .put("published", v.published())));
      return new JsonObject().put("items", items);
    }));
  }

  private void publish(RoutingContext ctx) {
    Integer version = null;
    String raw = ctx.body() == null ? null : ctx.body().asString();
    if (raw != null && !raw.isBlank()) {
      JsonObject body = com.personaruntime.web.http.Bodies.object(ctx);
      Object v = body.getValue("version");
      if (v != null) {
        if (!(v instanceof Integer i)) {
          throw ApiException.invalid("version: must be a whole number, got " + com.personaruntime.web.http.Bodies
              .typeName(v));
        }
        version = i;
      }
    }
    respond(ctx, 200, catalog.publish(Auth.principal(ctx), ctx.pathParam("id"), version).map(r -> full(r, false)));
  }

  private static String body(RoutingContext ctx) {
    String body = ctx.body() == null ? null : ctx.body().asString();
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest("request body is empty: expected a persona document (JSON or YAML)");
    }
    return body;
  }

  static JsonObject summary(PersonaRecord r) {
    return new JsonObject()
        .put("id", r.slug())
        .put("brand", r.brandSlug())
        .put("publishedVersion", r.publishedVersion())
        .put("latestVersion", r.latestVersion())
        .put("createdAt", String.valueOf(r.createdAt()))
        .put("updatedAt", String.valueOf(r.updatedAt()));
  }

  private static JsonObject full(PersonaRecord r, boolean latest) {
    String doc = latest || r.publishedDocument() == null ? r.latestDocument() : r.publishedDocument();
    return summary(r)
        .put("version", latest ? r.latestVersion() : r.publishedVersion())
        .put("document", new JsonObject(doc));
  }

  private static <T> void respond(RoutingContext ctx, int status, Future<T> result) {
    result.onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(CatalogErrors.map(ar.cause()));
      } else {
        Json.send(ctx, status, ar.result());
      }
    });
  }

}
