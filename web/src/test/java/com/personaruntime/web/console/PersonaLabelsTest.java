package com.personaruntime.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.runtime.storage.PersonaRecord;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one persona label of the console's pickers: same-named personas told apart, the same everywhere. */
class PersonaLabelsTest {
  private static final Map<String, String> BRANDS = Map.of("b1", "Stride Lab", "b2", "Lumière");

  private static PersonaRecord record(String slug, String brandId, String published, String latest) {
    String pub = published == null ? null : new JsonObject().put("name", published).encode();
    return new PersonaRecord("id-" + slug, brandId, brandId + "-slug", slug, published == null ? null : 1,
        published == null ? 1 : 2, pub, new JsonObject().put("name", latest).encode(), null, "c",
        Instant.EPOCH, Instant.EPOCH);
  }

  @Test
  void sameNamedPersonasAreToldApartBySlugOthersByNameAndBrand() {
    List<PersonaRecord> all = List.of(record("kai", "b1", "Kai", "Kai"), record("kai2", "b1", null, "Kai"),
        record("linh", "b2", "Linh", "Linh"), record("kai-vn", "b2", " kai ", " kai "));
    Map<String, String> labels = PersonaLabels.of(all, BRANDS);
    assertThat(labels).containsEntry("kai", "Kai · kai (Stride Lab)").containsEntry("kai2", "Kai · kai2 (Stride Lab)")
        .containsEntry("linh", "Linh (Lumière)").containsEntry("kai-vn", "kai · kai-vn (Lumière)");
    assertThat(labels.values()).doesNotHaveDuplicates();
  }

  @Test
  void thePublishedNameComesFirstAndAnUnknownBrandIsShownBySlug() {
    PersonaRecord renamedDraft = record("may", "b9", "Mây", "Mây 2");
    assertThat(PersonaLabels.name(renamedDraft)).isEqualTo("Mây");
    assertThat(PersonaLabels.of(List.of(renamedDraft), BRANDS)).containsEntry("may", "Mây (b9-slug)");
    // a persona named like another only in its draft is not a twin: labels follow the names shown
    assertThat(PersonaLabels.of(List.of(renamedDraft, record("may2", "b1", "Mây 2", "Mây 2")), BRANDS))
        .containsEntry("may", "Mây (b9-slug)").containsEntry("may2", "Mây 2 (Stride Lab)");
  }

  @Test
  void labelsDoNotDependOnWhichPageSubsetIsShown() {
    List<PersonaRecord> all = List.of(record("kai", "b1", "Kai", "Kai"), record("kai2", "b1", null, "Kai"));
    // a page that offers only published personas still labels them over everything the user sees
    assertThat(PersonaLabels.of(all, BRANDS).get("kai")).isEqualTo("Kai · kai (Stride Lab)");
  }
}
