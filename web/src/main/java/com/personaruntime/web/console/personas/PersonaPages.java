package com.personaruntime.web.console.personas;

import com.personaruntime.personas.CharacterCards;

import com.personaruntime.personas.PersonaDocuments;
import com.personaruntime.runtime.auth.Principal;
import com.personaruntime.runtime.catalog.CatalogException;
import com.personaruntime.runtime.catalog.PersonaCatalog;
import com.personaruntime.runtime.storage.Brand;
import com.personaruntime.runtime.storage.BrandRepository;
import com.personaruntime.runtime.storage.PersonaRecord;
import com.personaruntime.runtime.storage.PersonaVersion;
import com.personaruntime.runtime.storage.UserRepository;
import com.personaruntime.web.console.ConsoleDates;
import com.personaruntime.web.console.ConsolePage;
import com.personaruntime.web.console.ConsoleRequest;
import com.personaruntime.web.console.ConsoleRoutes;
import com.personaruntime.web.console.NavItem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /console/personas} (list with status and card import), {@code /console/personas/{slug}}
 * (editor: form + YAML, live validation, preview chat, export), {@code .../versions} (history,
 * side-by-side diff of any two versions, publish and roll back).
 */
public final class PersonaPages implements ConsolePage {
  private final PersonaCatalog catalog;
  private final BrandRepository brands;
  private final UserRepository users;

  public PersonaPages(PersonaCatalog catalog, BrandRepository brands, UserRepository users) {
    this.catalog = catalog;
    this.brands = brands;
    this.users = users;
  }

  @Override
  public String area() {
    return "personas";
  }

  @Override
  public List<NavItem> nav() {
    return List.of(new NavItem("nav.personas", "/console/personas", 10));
  }

  @Override
  public void mount(ConsoleRoutes routes) {
    routes.get("/personas", this::list);
    // before "/personas/:slug": "new" is a reserved persona id
    routes.get("/personas/new", this::newForm);
    routes.post("/personas", this::create);
    routes.get("/personas/:slug", this::edit);
    routes.get("/personas/:slug/versions", this::versions);
    routes.post("/personas/:slug/publish", this::publish);
  }

  private void list(ConsoleRequest req) {
    Principal p = req.principal();
    req.render("personas/list.ftlh", catalog.list(p).compose(records -> brands.list().map(all -> {
      Map<String, String> brandNames = new HashMap<>();
      List<Map<String, Object>> editable = new ArrayList<>();
      for (Brand b : all) {
        brandNames.put(b.id(), b.name());
        if (p.canEdit(b.id())) {
          editable.add(Map.of("slug", b.slug(), "name", b.name()));
        }
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      for (PersonaRecord r : records) {
        rows.add(row(r, brandNames.getOrDefault(r.brandId(), r.brandSlug()), req.lang()));
      }
      Map<String, Object> model = new HashMap<>();
      model.put("personas", rows);
      model.put("importBrands", editable);
      model.put("canCreate", !editable.isEmpty() || p.platformAdmin());
      return model;
    })), m -> m);
  }

  /**
   * One line of the publishing rule ({@code field.path: what to do}, English, from
   * {@link com.personaruntime.personas.Publishing}) in the console's language, naming the editor's
   * section and field instead of the path; a line the bundles do not know stays as it is.
   */
  static String missingInWords(ConsoleRequest req, String line) {
    int colon = line.indexOf(": ");
    if (colon < 0) {
      return line;
    }
    String key = "editor.missing." + line.substring(0, colon);
    String languages = "";
    int at = line.lastIndexOf("(missing: ");
    if (at >= 0 && line.endsWith(")")) {
      languages = line.substring(at + "(missing: ".length(), line.length() - 1);
    }
    String text = req.t(key, languages);
    return text.equals(key) ? line : text;
  }

  // ------------------------------------------------------------------ new persona

  /** The form fields of a new persona (all strings, as typed). */
  private static final List<String> NEW_FIELDS = List.of("id", "brand", "name", "languages", "bio");
  private static final java.util.regex.Pattern SLUG = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /** Brands the principal may create personas in, by slug with their display names, in name order. */
  private Future<List<Map<String, Object>>> creatable(Principal p) {
    return brands.list().map(all -> {
      List<Map<String, Object>> out = new ArrayList<>();
      all.stream().filter(b -> p.canEdit(b.id())).sorted((a, b) -> a.name().compareToIgnoreCase(b.name()))
          .forEach(b -> out.add(Map.of("slug", b.slug(), "name", b.name())));
      return out;
    });
  }

  private void newForm(ConsoleRequest req) {
    Map<String, Object> form = new HashMap<>();
    NEW_FIELDS.forEach(f -> form.put(f, ""));
    form.put("languages", req.lang().equals("vi") ? "vi, en" : "en");
    // ?brand=slug (a link from a brand) preselects it; with several brands and none given the form
    // asks for one rather than choosing the first alphabetically for the user
    String wanted = req.query("brand");
    if (wanted != null) {
      form.put("brand", wanted.strip());
    }
    req.render("personas/new.ftlh", creatable(req.principal()), list -> newModel(req, list, form, Map.of()));
  }

  private Map<String, Object> newModel(ConsoleRequest req, List<Map<String, Object>> brandList, Map<String, Object> form,
      Map<String, String> errors) {
    Map<String, Object> m = new HashMap<>();
    m.put("brands", brandList);
    m.put("admin", req.principal().platformAdmin());
    m.put("form", form);
    m.put("errors", errors);
    m.put("bioMax", PersonaDocuments.maxChars("bio"));
    return m;
  }

  /**
   * Creates a persona from the console's form as a draft (version 1, unpublished) and opens its
   * editor. Every field is checked on the server: the form's own checks give messages in the console's
   * language naming the field; the persona document's validation and the catalog (role, id taken)
   * are checked after them, so nothing reaches the store unchecked. Errors re-render the form with
   * what was typed (400).
   */
  private void create(ConsoleRequest req) {
    Principal p = req.principal();
    Map<String, Object> form = new HashMap<>();
    NEW_FIELDS.forEach(f -> form.put(f, req.form(f) == null ? "" : req.form(f).strip()));
    creatable(p).onComplete(ar -> {
      if (ar.failed()) {
        req.fail(ar.cause());
        return;
      }
      List<Map<String, Object>> brandList = ar.result();
      Map<String, String> errors = new LinkedHashMap<>();
      String id = (String) form.get("id");
      String brand = (String) form.get("brand");
      String name = (String) form.get("name");
      String bio = (String) form.get("bio");
      // codes, or the names people type instead ("Tiếng Việt, English" reads as vi, en)
      LanguageNames.Parsed typed = LanguageNames.parse((String) form.get("languages"));
      List<String> languages = new ArrayList<>(typed.codes());
      if (id.isEmpty()) {
        errors.put("id", req.t("new.err.idRequired"));
      } else if (!SLUG.matcher(id).matches()) {
        errors.put("id", req.t("new.err.idFormat", id));
      } else if (id.equals("new")) {
        errors.put("id", req.t("new.err.idReserved", id));
      }
      if (brand.isEmpty()) {
        errors.put("brand", req.t("new.err.brandRequired"));
      } else if (brandList.stream().noneMatch(b -> b.get("slug").equals(brand))) {
        errors.put("brand", req.t("new.err.brand"));
      }
      int nameMax = PersonaDocuments.maxChars("name");
      if (name.isEmpty()) {
        errors.put("name", req.t("new.err.nameRequired"));
      } else if (name.length() > nameMax) {
        errors.put("name", req.t("new.err.nameLong", nameMax, name.length()));
      }
      if (typed.unknown() != null) {
        errors.put("languages", req.t("new.err.languageBad", typed.unknown()));
      } else if (languages.isEmpty()) {
        errors.put("languages", req.t("new.err.languagesRequired"));
      }
      int bioMax = PersonaDocuments.maxChars("bio");
      if (bio.length() > bioMax) {
        errors.put("bio", req.t("new.err.bioLong", bioMax, bio.length()));
      }
      JsonObject doc = new JsonObject().put("id", id).put("brand", brand).put("name", name)
          .put("languages", new io.vertx.core.json.JsonArray(languages));
      if (!bio.isEmpty()) {
        doc.put("bio", bio);
      }
      if (errors.isEmpty()) {
        // the document's own rules (language codes it knows, lengths ...), named by field
        var parsed = PersonaDocuments.parse("form", doc.encode());
        for (var problem : parsed.problems()) {
          String field = problem.path().replaceAll("[.\\[].*", "");
          String key = NEW_FIELDS.contains(field) ? field : "id";
          errors.putIfAbsent(key, req.t("editor." + key) + ": "
              + com.personaruntime.personas.ProblemTexts.message(problem, req.lang()));
        }
      }
      if (!errors.isEmpty()) {
        req.render(400, "personas/new.ftlh", newModel(req, brandList, form, errors));
        return;
      }
      catalog.create(p, doc.encode(), false, "console").onComplete(created -> {
        if (created.succeeded()) {
          req.redirect("/console/personas/" + java.net.URLEncoder.encode(created.result().slug(),
              java.nio.charset.StandardCharsets.UTF_8) + "?created=1");
          return;
        }
        if (created.cause() instanceof CatalogException e) {
          switch (e.kind()) {
            case CONFLICT -> errors.put("id", req.t("new.err.idTaken", id));
            case NOT_FOUND, FORBIDDEN -> errors.put("brand", req.t("new.err.brand"));
            default -> {
              errors.put("id", e.getMessage());
              e.problems().forEach(x -> errors.putIfAbsent("problem" + errors.size(), x));
            }
          }
          req.render(400, "personas/new.ftlh", newModel(req, brandList, form, errors));
          return;
        }
        req.fail(created.cause());
      });
    });
  }

  // ------------------------------------------------------------------ editor

  private void edit(ConsoleRequest req) {
    Principal p = req.principal();
    req.render("personas/edit.ftlh", catalog.get(p, req.param("slug")).compose(rec -> brands.findById(rec.brandId())
        .map(brand -> {
          Map<String, Object> m = row(rec, brand.map(Brand::name).orElse(rec.brandSlug()), req.lang());
          m.put("brandName", m.get("brand"));
          m.put("docJson", rec.latestDocument());
          m.put("canEdit", p.canEdit(rec.brandId()));
          List<String> missing = List.of();
          var parsed = PersonaDocuments.parse("latest", rec.latestDocument());
          io.vertx.core.json.JsonArray linkWarnings = new io.vertx.core.json.JsonArray();
          if (parsed.isValid()) {
            missing = CharacterCards.missingForPublishing(parsed.orElseThrow());
            // the saved version's links the guard will flag: said at their field when the editor opens (after
            // a save or a publish too), then followed live by validation
            linkWarnings = com.personaruntime.web.api.KnowledgeLinks.json(parsed.orElseThrow(), req.lang());
          }
          m.put("warningsJson", linkWarnings.encode());
          List<String> missingWords = missing.stream().map(line -> missingInWords(req, line)).toList();
          m.put("missing", missingWords);
          m.put("missingJson", new io.vertx.core.json.JsonArray(missingWords).encode());
          // the same texts for the editor's script (refusals of "Save and publish"), by field path
          JsonObject missingMsgs = new JsonObject();
          for (String path : List.of("disclosure.jurisdictions", "disclosure.ai_label", "boundaries")) {
            missingMsgs.put(path, req.t("editor.missing." + path, "{0}"));
          }
          m.put("missingMsgs", missingMsgs.encode());
          // the counters show the limits the server enforces (one source: the persona schema)
          Map<String, Object> limits = new HashMap<>();
          for (String field : List.of("name", "bio", "greeting", "title", "text")) {
            limits.put(field, PersonaDocuments.maxChars(field));
          }
          m.put("limits", limits);
          m.put("endpoints", catalog.modelEndpoints()); // the names a brand user may choose in model.endpoint
          return m;
        })), m -> m);
  }

  private void versions(ConsoleRequest req) {
    versions(req, 200, null);
  }

  /**
   * The versions page. Publishing an older version (roll back) or a newer one is offered only for a
   * version the publishing rule accepts; any other says why in the console's language instead of a
   * button. The button asks first ({@code ?confirm=N} shows what will go live, with its own submit);
   * a refusal comes back to this page ({@code error}, said in place) rather than the error page.
   */
  private void versions(ConsoleRequest req, int status, List<String> error) {
    Principal p = req.principal();
    String slug = req.param("slug");
    Integer left = intOrNull(req.query("a"));
    Integer right = intOrNull(req.query("b"));
    Integer confirm = error == null ? intOrNull(req.query("confirm")) : null;
    catalog.get(p, slug).compose(rec -> catalog.versions(p, slug)
        .compose(list -> names(list).map(who -> {
          Map<String, Object> m = row(rec, rec.brandSlug(), req.lang());
          m.put("canEdit", p.canEdit(rec.brandId()));
          List<Map<String, Object>> items = new ArrayList<>();
          Map<Integer, String> docs = new HashMap<>();
          Map<String, Object> confirming = null;
          for (PersonaVersion v : list) {
            docs.put(v.version(), v.document());
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("version", v.version());
            item.put("when", ConsoleDates.formatUtc(v.createdAt(), req.lang(), false));
            item.put("who", who.getOrDefault(v.createdBy(), v.createdBy()));
            String sourceKey = "versions.source." + v.source();
            String sourceText = req.t(sourceKey);
            item.put("source", sourceText.equals(sourceKey) ? v.source() : sourceText);
            item.put("published", v.published());
            List<String> blockers = publishBlockers(req, v.document());
            item.put("blockers", blockers);
            boolean older = rec.publishedVersion() != null && v.version() < rec.publishedVersion();
            item.put("older", older);
            items.add(item);
            if (confirm != null && confirm == v.version() && !v.published() && blockers.isEmpty()) {
              confirming = new LinkedHashMap<>();
              confirming.put("version", v.version());
              confirming.put("text", req.t(older ? "versions.confirmRollback" : "versions.confirmPublish",
                  v.version(), rec.publishedVersion() == null ? "" : rec.publishedVersion()));
            }
          }
          m.put("confirming", confirming);
          m.put("errors", error == null ? List.of() : error);
          items.sort((x, y) -> Integer.compare((Integer) y.get("version"), (Integer) x.get("version")));
          m.put("items", items);
          int b = right != null && docs.containsKey(right) ? right : rec.latestVersion();
          int a = left != null && docs.containsKey(left) ? left
              : rec.publishedVersion() != null && rec.publishedVersion() != b ? rec.publishedVersion() : Math.max(1, b - 1);
          m.put("a", a);
          m.put("b", b);
          List<String> la = yamlLines(docs.get(a));
          List<String> lb = yamlLines(docs.get(b));
          List<Map<String, Object>> diff = new ArrayList<>();
          boolean same = true;
          for (LineDiff.Row r : LineDiff.sideBySide(la, lb)) {
            same &= r.kind().equals("same");
            Map<String, Object> d = new HashMap<>();
            d.put("kind", r.kind());
            d.put("leftNo", r.leftNo() == null ? "" : String.valueOf(r.leftNo()));
            d.put("left", r.left() == null ? "" : r.left());
            d.put("rightNo", r.rightNo() == null ? "" : String.valueOf(r.rightNo()));
            d.put("right", r.right() == null ? "" : r.right());
            diff.add(d);
          }
          m.put("diff", diff);
          m.put("same", same);
          m.put("notice", error != null || req.query("published") == null ? ""
              : req.t("versions.didPublish", req.query("published")));
          return m;
        }))).onComplete(ar -> {
          if (ar.failed()) {
            req.fail(ar.cause());
          } else {
            req.render(status, "personas/versions.ftlh", ar.result());
          }
        });
  }

  /**
   * Why a stored version cannot be published, in the console's language (the publishing rule's lines,
   * or the document's own problems); empty when it can be.
   */
  private static List<String> publishBlockers(ConsoleRequest req, String document) {
    var parsed = PersonaDocuments.parse("version", document);
    if (!parsed.isValid()) {
      return parsed.problems().stream().map(Object::toString).toList();
    }
    return com.personaruntime.personas.Publishing.missing(parsed.orElseThrow()).stream()
        .map(line -> missingInWords(req, line)).toList();
  }

  private void publish(ConsoleRequest req) {
    String slug = req.param("slug");
    Integer version = intOrNull(req.form("version"));
    catalog.publish(req.principal(), slug, version).onComplete(ar -> {
      if (ar.failed()) {
        // a refusal the user can act on stays on the versions page, said in place
        if (ar.cause() instanceof CatalogException e && e.kind() != CatalogException.Kind.NOT_FOUND
            && e.kind() != CatalogException.Kind.FORBIDDEN) {
          List<String> lines = new ArrayList<>();
          lines.add(req.t("versions.refused", version == null ? "" : version));
          if (e.problems().isEmpty()) {
            lines.add(e.getMessage());
          } else {
            e.problems().forEach(line -> lines.add(missingInWords(req, line)));
          }
          versions(req, e.kind() == CatalogException.Kind.CONFLICT ? 409 : 422, lines);
        } else {
          req.fail(ar.cause());
        }
      } else {
        req.redirect("/console/personas/" + slug + "/versions?published=" + ar.result().publishedVersion());
      }
    });
  }

  /** Display names of the users who wrote the versions (ids otherwise: system, file imports). */
  private Future<Map<String, String>> names(List<PersonaVersion> list) {
    Set<String> ids = new TreeSet<>();
    list.forEach(v -> ids.add(v.createdBy()));
    Map<String, String> out = new HashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (String id : ids) {
      chain = chain.compose(x -> users.findById(id).map(u -> {
        u.ifPresent(user -> out.put(id, user.email()));
        return (Void) null;
      }).recover(e -> Future.succeededFuture()));
    }
    return chain.map(out);
  }

  private static List<String> yamlLines(String json) {
    if (json == null) {
      return List.of();
    }
    var parsed = PersonaDocuments.parse("version", json);
    String text = parsed.isValid() ? PersonaDocuments.toYaml(parsed.orElseThrow()) : new JsonObject(json).encodePrettily();
    return text.lines().toList();
  }

  private static Integer intOrNull(String s) {
    try {
      return s == null || s.isBlank() ? null : Integer.valueOf(s.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("version: must be a whole number, got '" + s + "'");
    }
  }

  static Map<String, Object> row(PersonaRecord r, String brandName, String lang) {
    Map<String, Object> m = new LinkedHashMap<>();
    String name = r.slug();
    try {
      name = new JsonObject(r.latestDocument()).getString("name", r.slug());
    } catch (RuntimeException e) {
      // a stored document is always valid JSON; keep the slug if not
    }
    m.put("slug", r.slug());
    m.put("name", name);
    m.put("brand", brandName);
    m.put("brandSlug", r.brandSlug());
    m.put("published", r.publishedVersion() == null ? "" : String.valueOf(r.publishedVersion()));
    m.put("latest", String.valueOf(r.latestVersion()));
    m.put("draftAhead", r.publishedVersion() == null || r.publishedVersion() < r.latestVersion());
    m.put("updatedAt", ConsoleDates.formatUtc(r.updatedAt(), lang, false));
    return m;
  }

}
