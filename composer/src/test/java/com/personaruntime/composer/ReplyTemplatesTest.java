package com.personaruntime.composer;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyTemplatesTest {

    private static final List<String> NAMES = List.of("greeting", "thanks", "complaint", "off_topic", "no_answer",
            "price", "price_unknown", "price_list", "shipping", "product_question", "catalog", "purchase_intent");

    @Test
    void everyTemplateExistsOnTheClasspathForEveryLanguage() {
        for (String language : ReplyTemplates.LANGUAGES) {
            for (String name : NAMES) {
                assertThat(ReplyTemplates.class.getResource(
                        ReplyTemplates.BASE_PATH + "/" + language + "/" + name + ".ftl"))
                        .as("%s/%s.ftl", language, name).isNotNull();
            }
        }
        for (Intent intent : Intent.values()) {
            assertThat(NAMES).contains(intent.id());
        }
    }

    @Test
    void everyTemplateRendersWithAndWithoutOptionalValues() {
        for (String language : ReplyTemplates.LANGUAGES) {
            for (String name : NAMES) {
                for (int variant = 0; variant < 3; variant++) {
                    Map<String, Object> full = new HashMap<>(Map.of("name", "Linh", "brand", "Lumière",
                            "variant", variant, "greeted", variant == 1, "title", "TITLE", "fact", "FACT",
                            "items", List.of(Map.of("title", "T1", "fact", "F1")), "titles", List.of("T1", "T2"),
                            "contactUrl", "https://x.example", "contactEmail", "help@x.example"));
                    full.put("catchphrase", "CATCH");
                    String text = ReplyTemplates.render(language, name, full);
                    assertThat(text).isNotBlank().doesNotContain("  ").doesNotContain("\n");

                    Map<String, Object> minimal = new HashMap<>(full);
                    minimal.keySet().removeAll(List.of("contactUrl", "contactEmail", "catchphrase", "fact"));
                    if (!name.equals("price") && !name.equals("shipping") && !name.equals("product_question")) {
                        assertThat(ReplyTemplates.render(language, name, minimal)).isNotBlank();
                    }
                }
            }
        }
    }
}
