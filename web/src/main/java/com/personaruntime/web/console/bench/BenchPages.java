package com.personaruntime.web.console.bench;

import com.personaruntime.runtime.catalog.PersonaCatalog;
import com.personaruntime.runtime.posts.PlatformProfiles;
import com.personaruntime.web.console.ConsolePage;
import com.personaruntime.web.console.ConsoleRoutes;
import com.personaruntime.web.console.NavItem;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/bench}: the guard bench. Paste a text, pick a published persona, direction,
 * channel and platform; the page calls {@code POST /api/v1/guardrails/check} and highlights every
 * finding in place. Finding offsets are UTF-16 code units, the same as JavaScript string indices,
 * so the page slices the text with them directly.
 */
public final class BenchPages implements ConsolePage {
  private final PersonaCatalog catalog;
  private final PlatformProfiles platforms;

  /** @param platforms the platform profiles offered in the platform choice (by name; the id is what is sent) */
  public BenchPages(PersonaCatalog catalog, PlatformProfiles platforms) {
    this.catalog = catalog;
    this.platforms = platforms;
  }

  @Override
  public String area() {
    return "bench";
  }

  @Override
  public List<NavItem> nav() {
    return List.of(new NavItem("nav.bench", "/console/bench", 50));
  }

  @Override
  public void mount(ConsoleRoutes routes) {
    routes.get("/bench", req -> req.render("bench/bench.ftlh", catalog.list(req.principal()), records -> {
      List<Map<String, Object>> personas = new ArrayList<>();
      records.stream().filter(r -> r.publishedVersion() != null).forEach(r -> personas.add(Map.of(
          "slug", r.slug(), "name", new JsonObject(r.publishedDocument()).getString("name", r.slug()),
          "selected", r.slug().equals(req.query("persona")))));
      List<Map<String, Object>> platformList = new ArrayList<>();
      platforms.all().forEach(pp -> platformList.add(Map.of("id", pp.id(), "name", pp.name())));
      return Map.of("personas", personas, "platforms", platformList);
    }));
  }
}
