package com.personaruntime.web.console.bench;

import com.personaruntime.runtime.catalog.PersonaCatalog;
import com.personaruntime.runtime.posts.PlatformProfiles;
import com.personaruntime.runtime.storage.Brand;
import com.personaruntime.runtime.storage.BrandRepository;
import com.personaruntime.runtime.storage.PersonaRecord;
import com.personaruntime.web.console.ConsolePage;
import com.personaruntime.web.console.PersonaLabels;
import com.personaruntime.web.console.ConsoleRoutes;
import com.personaruntime.web.console.NavItem;
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
  private final BrandRepository brands;
  private final PlatformProfiles platforms;

  /**
   * @param brands    brand display names for the persona labels
   * @param platforms the platform profiles offered in the platform choice (by name; the id is what is sent)
   */
  public BenchPages(PersonaCatalog catalog, BrandRepository brands, PlatformProfiles platforms) {
    this.catalog = catalog;
    this.brands = brands;
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
    routes.get("/bench", req -> req.render("bench/bench.ftlh", catalog.list(req.principal())
        .compose(records -> brands.list().map(all -> Map.entry(records, Brand.namesById(all)))), both -> {
      List<PersonaRecord> records = both.getKey();
      // the same label as on every other page (PersonaLabels): same-named personas told apart by slug
      Map<String, String> labels = PersonaLabels.of(records, both.getValue());
      List<Map<String, Object>> personas = new ArrayList<>();
      records.stream().filter(r -> r.publishedVersion() != null).forEach(r -> personas.add(Map.of(
          "slug", r.slug(), "name", labels.get(r.slug()), "selected", r.slug().equals(req.query("persona")))));
      List<Map<String, Object>> platformList = new ArrayList<>();
      platforms.all().forEach(pp -> platformList.add(Map.of("id", pp.id(), "name", pp.name())));
      return Map.of("personas", personas, "platforms", platformList);
    }));
  }
}
