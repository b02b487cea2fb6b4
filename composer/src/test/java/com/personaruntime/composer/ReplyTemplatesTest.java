package com.personaruntime.composer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyTemplatesTest {

    /** Every part kind the composer produces. */
    private static final List<String> KINDS = List.of("human", "insult", "complaint", "sensitive", "off_topic", "health",
            "competitor", "greeting", "thanks", "fact", "fact_missing", "topic", "price", "price_missing", "catalog",
            "price_list", "unknown", "no_answer", "which", "purchase", "total", "size", "size_row", "size_table");

    private static Map<String, Object> fullPart(String kind) {
        Map<String, Object> p = new HashMap<>(Map.of("kind", kind, "title", "TITLE", "fact", "FACT", "aspect", "usage",
                "amount", "390.000đ", "thing", "THING", "unknown", "Canada", "greeting", "Hello!", "howTo", "HOWTO"));
        p.putAll(Map.of("titles", List.of("T1", "T2"), "items", List.of(Map.of("title", "T1", "amount", "1đ")),
                "returnsFact", "RETURNS", "foreign", true, "label", "M", "row", "M: cao 157–163 cm", "exact", true,
                "asked", "cao 160 cm", "rows", List.of("S: 1", "M: 2")));
        p.putAll(Map.of("lines", List.of(Map.of("qty", 2, "title", "T1", "unit", "1đ", "sum", "2đ")), "total", "2đ",
                "threshold", "5đ", "reached", false, "missing", "3đ", "fee", "1đ", "discounted", "1đ",
                "discountRule", "RULE", "multi", true));
        return p;
    }

    private static Map<String, Object> model(List<Map<String, Object>> parts, int variant, String sentiment,
                                             String register, boolean contacts) {
        Map<String, Object> m = new HashMap<>(Map.of("name", "Linh", "brand", "Lumière", "variant", variant,
                "greeted", variant == 1, "thanked", variant == 2, "parts", parts, "sentiment", sentiment,
                "register", register, "explains", variant == 0));
        if (contacts) {
            m.put("contactUrl", "https://x.example");
            m.put("contactEmail", "help@x.example");
            m.put("catchphrase", "CATCH");
        }
        return m;
    }

    @Test
    void everyPartRendersWithAndWithoutOptionalValuesInEveryLanguageAndTone() {
        for (String language : ReplyTemplates.LANGUAGES) {
            for (String kind : KINDS) {
                for (int variant = 0; variant < 3; variant++) {
                    for (String sentiment : List.of("neutral", "frustrated", "excited")) {
                        for (String register : List.of("plain", "casual", "formal")) {
                            String text = ReplyTemplates.render(language, "reply",
                                    model(List.of(fullPart(kind)), variant, sentiment, register, true));
                            assertThat(text).as("%s/%s", language, kind).isNotBlank().doesNotContain("  ")
                                    .doesNotContain("\n");
                            Map<String, Object> minimal = new HashMap<>();
                            minimal.put("kind", kind);
                            if (List.of("fact", "topic", "competitor").contains(kind)) {
                                minimal.put("fact", "FACT");
                                minimal.put("title", "TITLE");
                            }
                            if (List.of("fact_missing", "price_missing", "price").contains(kind)) {
                                minimal.put("title", "TITLE");
                                minimal.put("aspect", "usage");
                                minimal.put("fact", "FACT");
                            }
                            if (kind.equals("unknown")) {
                                minimal.put("thing", "THING");
                            }
                            if (kind.equals("catalog")) {
                                minimal.put("titles", List.of("T"));
                            }
                            if (kind.equals("price_list")) {
                                minimal.put("items", List.of(Map.of("title", "T", "amount", "1đ")));
                            }
                            if (kind.equals("total")) {
                                minimal.put("lines", List.of());
                                minimal.put("total", "1đ");
                            }
                            if (kind.startsWith("size")) {
                                minimal.putAll(Map.of("title", "T", "label", "M", "row", "R", "exact", false, "asked",
                                        "A", "rows", List.of("R")));
                            }
                            assertThat(ReplyTemplates.render(language, "reply",
                                    model(new ArrayList<>(List.of(minimal)), variant, sentiment, register, false)))
                                    .as("%s/%s minimal", language, kind).isNotBlank();
                        }
                    }
                }
            }
        }
    }

    @Test
    void theFrustratedToneApologisesAndDropsTheCatchphraseOnlyWhereTheComposerSaysSo() {
        Map<String, Object> fact = fullPart("fact");
        fact.put("foreign", false);
        String calm = ReplyTemplates.render("en", "reply", model(List.of(fact), 2, "frustrated", "plain", false));
        assertThat(calm).startsWith("I'm sorry for the trouble.");
        String warm = ReplyTemplates.render("vi", "reply", model(List.of(fact), 2, "excited", "plain", false));
        assertThat(warm).startsWith("Vui quá");
        String formal = ReplyTemplates.render("vi", "reply", model(List.of(fact), 2, "neutral", "formal", false));
        assertThat(formal).contains("Dạ, TITLE: FACT ạ.").doesNotContain(" nha.");
    }
}
