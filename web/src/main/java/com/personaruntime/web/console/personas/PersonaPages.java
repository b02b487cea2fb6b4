package com.personaruntime.web.console.personas;

import com.personaruntime.runtime.catalog.PersonaCatalog;
import com.personaruntime.runtime.storage.BrandRepository;
import com.personaruntime.runtime.storage.PersonaRecord;
import com.personaruntime.web.console.ConsolePage;
import com.personaruntime.web.console.ConsoleRequest;
import com.personaruntime.web.console.ConsoleRoutes;
import com.personaruntime.web.console.NavItem;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /console/personas}: the personas the user may see, with their status. */
public final class PersonaPages implements ConsolePage {
  private final PersonaCatalog catalog;
  private final BrandRepository brands;

  public PersonaPages(PersonaCatalog catalog, BrandRepository brands) {
    this.catalog = catalog;
    this.brands = brands;
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
  }

  private void list(ConsoleRequest req) {
    req.render("personas/list.ftlh", catalog.list(req.principal()).compose(records -> brands.list().map(all -> {
      Map<String, String> brandNames = new HashMap<>();
      all.forEach(b -> brandNames.put(b.id(), b.name()));
      List<Map<String, Object>> rows = new ArrayList<>();
      for (PersonaRecord r : records) {
        rows.add(row(r, brandNames.getOrDefault(r.brandId(), r.brandSlug())));
      }
      return rows;
    })), rows -> Map.of("personas", rows));
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
