package com.personaruntime.web.console.personas;

import com.personaruntime.personas.CharacterCards;

import com.personaruntime.personas.PersonaDocuments;
import com.personaruntime.runtime.auth.Principal;
import com.personaruntime.runtime.catalog.PersonaCatalog;
import com.personaruntime.runtime.storage.Brand;
import com.personaruntime.runtime.storage.BrandRepository;
import com.personaruntime.runtime.storage.PersonaRecord;
import com.personaruntime.runtime.storage.PersonaVersion;
import com.personaruntime.runtime.storage.UserRepository;
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
        rows.add(row(r, brandNames.getOrDefault(r.brandId(), r.brandSlug())));
      }
      Map<String, Object> model = new HashMap<>();
      model.put("personas", rows);
      model.put("importBrands", editable);
      return model;
    })), m -> m);
  }

  private void edit(ConsoleRequest req) {
    Principal p = req.principal();
    req.render("personas/edit.ftlh", catalog.get(p, req.param("slug")).compose(rec -> brands.findById(rec.brandId())
        .map(brand -> {
          Map<String, Object> m = row(rec, brand.map(Brand::name).orElse(rec.brandSlug()));
          m.put("brandName", m.get("brand"));
          m.put("docJson", rec.latestDocument());
          m.put("canEdit", p.canEdit(rec.brandId()));
          List<String> missing = List.of();
          var parsed = PersonaDocuments.parse("latest", rec.latestDocument());
          if (parsed.isValid() && !parsed.orElseThrow().card().isEmpty()) {
            missing = CharacterCards.missingForPublishing(parsed.orElseThrow());
          }
          m.put("missing", missing);
          return m;
        })), m -> m);
  }

  private void versions(ConsoleRequest req) {
    Principal p = req.principal();
    String slug = req.param("slug");
    Integer left = intOrNull(req.query("a"));
    Integer right = intOrNull(req.query("b"));
    req.render("personas/versions.ftlh", catalog.get(p, slug).compose(rec -> catalog.versions(p, slug)
        .compose(list -> names(list).map(who -> {
          Map<String, Object> m = row(rec, rec.brandSlug());
          m.put("canEdit", p.canEdit(rec.brandId()));
          List<Map<String, Object>> items = new ArrayList<>();
          Map<Integer, String> docs = new HashMap<>();
          for (PersonaVersion v : list) {
            docs.put(v.version(), v.document());
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("version", v.version());
            item.put("when", v.createdAt().toString().substring(0, 16).replace('T', ' ') + " UTC");
            item.put("who", who.getOrDefault(v.createdBy(), v.createdBy()));
            item.put("source", v.source());
            item.put("published", v.published());
            items.add(item);
          }
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
          m.put("notice", req.query("published") == null ? "" : req.t("versions.didPublish", req.query("published")));
          return m;
        }))), m -> m);
  }

  private void publish(ConsoleRequest req) {
    String slug = req.param("slug");
    Integer version = intOrNull(req.form("version"));
    catalog.publish(req.principal(), slug, version).onComplete(ar -> {
      if (ar.failed()) {
        req.fail(ar.cause());
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

  static Map<String, Object> row(PersonaRecord r, String brandName) {
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
    m.put("updatedAt", r.updatedAt().toString().substring(0, 16).replace('T', ' ') + " UTC");
    return m;
  }

}
