package com.personaruntime.web.console;

import com.personaruntime.runtime.storage.PersonaRecord;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One label per persona for every console picker (insights, posts, bench, transcripts, the moderation
 * filter): {@code "Name (Brand)"}, and {@code "Name · slug (Brand)"} when another persona the user can
 * see has the same name (compared without case and surrounding spaces), so two "Kai" of one brand are
 * told apart the same way on every page. The name is the published version's, else the latest's (a
 * draft); the brand is its display name, else its slug. The moderation page's script applies the same
 * rule to the API's {@code name} ({@code moderation.js}).
 */
public final class PersonaLabels {
  private PersonaLabels() {
  }

  /** The persona's display name: the published document's {@code name}, else the latest's, else the slug. */
  public static String name(PersonaRecord r) {
    String doc = r.publishedDocument() != null ? r.publishedDocument() : r.latestDocument();
    try {
      return doc == null ? r.slug() : new JsonObject(doc).getString("name", r.slug());
    } catch (RuntimeException e) {
      return r.slug(); // a stored document is always JSON
    }
  }

  /**
   * Labels by slug for {@code records}: give every persona the user can see (not a page's subset), so
   * that the same persona has the same label on every page.
   *
   * @param brandNames brand display names by brand id; a brand not in it is shown by its slug
   */
  public static Map<String, String> of(List<PersonaRecord> records, Map<String, String> brandNames) {
    Map<String, Integer> counts = new HashMap<>();
    records.forEach(r -> counts.merge(key(name(r)), 1, Integer::sum));
    Map<String, String> out = new HashMap<>();
    for (PersonaRecord r : records) {
      String name = name(r);
      String brand = brandNames.getOrDefault(r.brandId(), r.brandSlug());
      boolean twin = counts.getOrDefault(key(name), 0) > 1;
      out.put(r.slug(), name.strip() + (twin ? " · " + r.slug() : "") + " (" + brand + ")");
    }
    return out;
  }

  private static String key(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }
}
