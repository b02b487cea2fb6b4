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
 *
 * <p>Besides create/read/update/delete, versions and publish:
 * <ul>
 *   <li>{@code POST /api/v1/personas/validate[?lang=vi]}: checks a document without storing it:
 *       {@code {"valid","problems":[{"path","message","text","code","args"}],"document"?,"yaml"?}} — the
 *       same field-path messages as a failed create or update (the console's live validation), in
 *       Vietnamese with {@code lang=vi} (English otherwise); {@code code} and {@code args} name the kind of
 *       problem and its values for clients with texts of their own.</li>
 *   <li>{@code GET /api/v1/personas/{id}/versions/{n}}: one version's document (and its YAML).</li>
 *   <li>{@code POST /api/v1/personas/{id}/preview} {@code {"message","history"?:[{"audience","persona"}],
 *       "document"?}}: one chat turn of the unsaved {@code document} (or the latest version) through the
 *       same engine and guard as production, nothing stored; answers {@code {"reply","decision",
 *       "findings","checked","stage","route"}}.</li>
 *   <li>{@code POST /api/v1/personas/import?brand=SLUG[&id=SLUG]}: a Character Card V2/V3 (JSON, or PNG
 *       with a {@code ccv3}/{@code chara} chunk) becomes a new persona whose version 1 is a draft.</li>
 *   <li>{@code GET /api/v1/personas/{id}/export?format=ccv3|ccv2|png[&version=N]}: the latest (or given)
 *       version as a card; brand rules under {@code data.extensions["persona-runtime"]}.</li>
 * </ul>
 */
public final class PersonaRoutes {
  /** Longest preview message, in characters (as live chat's default {@code live.maxMessageChars}). */
  public static final int MAX_PREVIEW_CHARS = 2000;
  private static final com.fasterxml.jackson.dataformat.yaml.YAMLMapper YAML =
      new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
  private final PersonaCatalog catalog;
  private final com.personaruntime.runtime.live.PreviewChat preview;

  public PersonaRoutes(PersonaCatalog catalog, com.personaruntime.runtime.live.PreviewChat preview) {
    this.catalog = catalog;
    this.preview = preview;
  }

  public void mount(Router router) {
    router.get("/api/v1/personas").handler(this::list);
    router.post("/api/v1/personas").handler(this::create);
    router.post("/api/v1/personas/validate").handler(this::validate);
    router.post("/api/v1/personas/import").handler(this::importCard);
    router.get("/api/v1/personas/:id/export").handler(this::export);
    router.get("/api/v1/personas/:id/versions/:version").handler(this::version);
    router.post("/api/v1/personas/:id/preview").handler(this::preview);
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

  /**
   * {@code POST /api/v1/personas[?publish=false]}: version 1 is published unless {@code publish=false}
   * (a draft, which may lack what publishing needs: {@link com.personaruntime.personas.Publishing}).
   */
  private void create(RoutingContext ctx) {
    String publish = ctx.queryParams().get("publish");
    if (publish != null && !publish.equals("true") && !publish.equals("false")) {
      throw ApiException.invalid("publish: must be true or false, got '" + publish + "'");
    }
    respond(ctx, 201, catalog.create(Auth.principal(ctx), body(ctx), !"false".equals(publish), source(ctx))
        .map(r -> full(r, false)));
  }

  /**
   * Where a version written by this request comes from: {@code "api"} with a bearer token,
   * {@code "console"} with the console's session cookie (the editor saves through this API).
   */
  private static String source(RoutingContext ctx) {
    return Auth.bearer(ctx).isPresent() ? "api" : "console";
  }

  private void update(RoutingContext ctx) {
    boolean publish = "true".equals(ctx.queryParams().get("publish"));
    respond(ctx, 200, catalog.update(Auth.principal(ctx), ctx.pathParam("id"), documentOf(body(ctx)), publish,
        source(ctx))
        .map(r -> full(r, true)));
  }

  /**
   * The persona document of a PUT body. A client that reads a persona ({@code GET /api/v1/personas/{id}}:
   * {@code {"id","brand","publishedVersion","latestVersion",...,"document":{...}}}), edits it and sends it
   * back gets its {@code document} used; any other body (a document in JSON or YAML) is taken as it is. A
   * persona document has no {@code document} field, so the two cannot be confused.
   */
  static String documentOf(String body) {
    String trimmed = body.stripLeading();
    if (!trimmed.startsWith("{") || !trimmed.contains("\"latestVersion\"")) {
      return body; // a document (YAML, or JSON without the answer's fields): read once, by the catalog
    }
    try {
      JsonObject o = new JsonObject(trimmed);
      if (o.getValue("document") instanceof JsonObject doc && o.containsKey("latestVersion")) {
        return doc.encode();
      }
    } catch (io.vertx.core.json.DecodeException e) {
      // not JSON: the document parser reports it with its position
    }
    return body;
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

  private void validate(RoutingContext ctx) {
    String body = ctx.body() == null ? "" : ctx.body().asString();
    Json.send(ctx, 200, validation(body == null ? "" : body, ctx.queryParams().get("lang")));
  }

  /**
   * The validation answer for a document: problems with their field paths, the tree and its YAML;
   * for a valid document also {@code publishing}: what the publishing rule still asks before it can go
   * live ({@code [{"path","text"}]}, English lines of {@link com.personaruntime.personas.Publishing}; empty
   * when it may be published), and {@code warnings}: knowledge fields with links outside the allowed link
   * domains ({@link KnowledgeLinks#json}), which the guard will flag in every reply quoting them.
   *
   * @param lang the language of the problems' {@code message} and {@code text} ({@code "vi"}; {@code null}
   *             or any other value: English); each problem also carries {@code code} and {@code args}
   *             ({@link com.personaruntime.personas.ValidationProblem}) for clients with their own texts,
   *             and a syntax error (code {@code syntax}) its 1-based {@code line} and {@code column}
   */
  public static JsonObject validation(String body, String lang) {
    var result = com.personaruntime.personas.PersonaDocuments.parse("document", body);
    JsonArray problems = new JsonArray();
    result.problems().forEach(p -> {
      String message = com.personaruntime.personas.ProblemTexts.message(p, lang);
      JsonObject problem = new JsonObject().put("path", p.path()).put("message", message)
          .put("text", p.path().isEmpty() ? message : p.path() + ": " + message)
          .put("code", p.code()).put("args", new JsonArray(p.args()));
      if ("syntax".equals(p.code())) {
        // where the document is broken, for an editor to put the cursor there (1-based)
        problem.put("line", Integer.parseInt(p.args().get(1))).put("column", Integer.parseInt(p.args().get(2)));
      }
      problems.add(problem);
    });
    JsonObject out = new JsonObject().put("valid", result.isValid()).put("problems", problems);
    try {
      if (result.isValid()) {
        var persona = result.orElseThrow();
        out.put("document", new JsonObject(com.personaruntime.personas.PersonaDocuments.toJson(persona)));
        out.put("yaml", com.personaruntime.personas.PersonaDocuments.toYaml(persona));
        // what publishing would still refuse (a draft may be incomplete): the editor's box follows this
        JsonArray publishing = new JsonArray();
        com.personaruntime.personas.Publishing.missing(persona).forEach(line -> {
          int colon = line.indexOf(": ");
          publishing.add(new JsonObject().put("path", colon < 0 ? "" : line.substring(0, colon)).put("text", line));
        });
        out.put("publishing", publishing);
        // links the persona's own guard will flag in replies that quote its knowledge (not a refusal)
        out.put("warnings", KnowledgeLinks.json(persona, lang));
      } else {
        com.fasterxml.jackson.databind.JsonNode tree = YAML.readTree(body); // YAML is a superset of JSON
        if (tree != null && tree.isObject()) {
          out.put("document", new JsonObject(tree.toString()));
          // the same dump as a valid document's: long lines are never folded mid-word
          out.put("yaml", com.personaruntime.personas.PersonaDocuments.treeToYaml(tree));
        }
      }
    } catch (Exception e) {
      // not even a mapping: the problems say why; no document to show
    }
    return out;
  }

  private void version(RoutingContext ctx) {
    int v;
    try {
      v = Integer.parseInt(ctx.pathParam("version"));
    } catch (NumberFormatException e) {
      throw ApiException.invalid("version: must be a whole number, got '" + ctx.pathParam("version") + "'");
    }
    respond(ctx, 200, catalog.document(Auth.principal(ctx), ctx.pathParam("id"), v).map(p -> new JsonObject()
        .put("id", p.id()).put("version", v)
        .put("document", new JsonObject(com.personaruntime.personas.PersonaDocuments.toJson(p)))
        .put("yaml", com.personaruntime.personas.PersonaDocuments.toYaml(p))));
  }

  private void preview(RoutingContext ctx) {
    JsonObject body = com.personaruntime.web.http.Bodies.object(ctx);
    String message = com.personaruntime.web.http.Bodies.requiredString(body, "message");
    if (message.length() > MAX_PREVIEW_CHARS) {
      throw ApiException.invalid("message: must be at most " + MAX_PREVIEW_CHARS + " characters, got " + message.length());
    }
    java.util.List<com.personaruntime.runtime.live.PreviewChat.Exchange> history = new java.util.ArrayList<>();
    Object h = body.getValue("history");
    if (h != null) {
      if (!(h instanceof JsonArray list)) {
        throw ApiException.invalid("history: must be a list of {audience, persona}, got "
            + com.personaruntime.web.http.Bodies.typeName(h));
      }
      for (int i = 0; i < list.size(); i++) {
        if (!(list.getValue(i) instanceof JsonObject e) || !(e.getValue("audience") instanceof String a)
            || !(e.getValue("persona") instanceof String p)) {
          throw ApiException.invalid("history[" + i + "]: must be {\"audience\": text, \"persona\": text}");
        }
        history.add(new com.personaruntime.runtime.live.PreviewChat.Exchange(a, p));
      }
      if (history.size() > 20) {
        history = history.subList(history.size() - 20, history.size());
      }
    }
    Object doc = body.getValue("document");
    String document = doc == null ? null : doc instanceof JsonObject o ? o.encode() : doc instanceof String str ? str
        : null;
    if (doc != null && document == null) {
      throw ApiException.invalid("document: must be a persona document (an object, or YAML text), got "
          + com.personaruntime.web.http.Bodies.typeName(doc));
    }
    var turns = history;
    respond(ctx, 200, catalog.draft(Auth.principal(ctx), ctx.pathParam("id"), document)
        .compose(lp -> preview.turn(lp, turns, message))
        .map(r -> new JsonObject().put("reply", r.reply()).put("decision", r.decision()).put("findings", r.findings())
            .put("checked", r.checked()).put("stage", r.stage()).put("route", r.route())));
  }

  private void importCard(RoutingContext ctx) {
    byte[] bytes = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    if (bytes.length == 0) {
      throw ApiException.badRequest("request body is empty: expected a Character Card (JSON, or a PNG card)");
    }
    respond(ctx, 201, catalog.importCard(Auth.principal(ctx), ctx.queryParams().get("brand"),
        ctx.queryParams().get("id"), bytes, source(ctx)).map(r -> {
          JsonObject out = full(r, true).put("draft", true);
          var parsed = com.personaruntime.personas.PersonaDocuments.parse("imported", r.latestDocument());
          JsonArray missing = new JsonArray();
          if (parsed.isValid()) {
            com.personaruntime.personas.CharacterCards.missingForPublishing(parsed.orElseThrow()).forEach(missing::add);
          }
          return out.put("missingForPublishing", missing);
        }));
  }

  private void export(RoutingContext ctx) {
    String format = ctx.queryParams().get("format") == null ? "ccv3" : ctx.queryParams().get("format");
    if (!java.util.List.of("ccv3", "ccv2", "png").contains(format)) {
      throw ApiException.invalid("format: must be one of ccv3, ccv2, png, got '" + format + "'");
    }
    Integer version = null;
    String v = ctx.queryParams().get("version");
    if (v != null) {
      try {
        version = Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw ApiException.invalid("version: must be a whole number, got '" + v + "'");
      }
    }
    String slug = ctx.pathParam("id");
    catalog.document(Auth.principal(ctx), slug, version).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(CatalogErrors.map(ar.cause()));
        return;
      }
      var p = ar.result();
      if (format.equals("png")) {
        ctx.vertx().executeBlocking(() -> com.personaruntime.personas.CharacterCards.toPng(p), false)
            .onComplete(png -> {
              if (png.failed()) {
                ctx.fail(png.cause());
                return;
              }
              ctx.response().putHeader("content-type", "image/png")
                  .putHeader("content-disposition", "attachment; filename=\"" + p.id() + ".png\"")
                  .end(io.vertx.core.buffer.Buffer.buffer(png.result()));
            });
      } else {
        ctx.response().putHeader("content-type", "application/json; charset=utf-8")
            .putHeader("content-disposition", "attachment; filename=\"" + p.id() + "." + format + ".json\"")
            .end(com.personaruntime.personas.CharacterCards.toCardJson(p, format.equals("ccv3") ? 3 : 2));
      }
    });
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
        // the display name (published version's, else the draft's): pickers tell personas apart by it
        .put("name", com.personaruntime.web.console.PersonaLabels.name(r))
        .put("brand", r.brandSlug())
        .put("publishedVersion", r.publishedVersion())
        .put("latestVersion", r.latestVersion())
        .put("createdAt", String.valueOf(r.createdAt()))
        .put("updatedAt", String.valueOf(r.updatedAt()));
  }

  private static JsonObject full(PersonaRecord r, boolean latest) {
    String doc = latest || r.publishedDocument() == null ? r.latestDocument() : r.publishedDocument();
    return summary(r)
        // a persona never published (a draft) shows its latest version
        .put("version", latest || r.publishedVersion() == null ? Integer.valueOf(r.latestVersion()) : r.publishedVersion())
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
