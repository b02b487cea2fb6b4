package com.personaruntime.personas;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lorebook entries become knowledge whose title the persona says aloud: a clean name (the entry's name or comment,
 * else its first key), never the list of its keys ("Tempo Glide, tempo" was said as "Tempo Glide, tempo is
 * 2.490.000đ"); every key stays a tag (an alias the composer matches).
 */
class CharacterCardsTest {

    private static JsonNode knowledge(String entries) {
        String card = "{\"spec\":\"chara_card_v2\",\"spec_version\":\"2.0\",\"data\":{\"name\":\"Kai\","
                + "\"description\":\"Running shoes assistant\",\"first_mes\":\"Hi!\",\"character_book\":{\"entries\":["
                + entries + "]}}}";
        return CharacterCards.toPersonaDocument(card.getBytes(StandardCharsets.UTF_8), "kai-run", null)
                .path("knowledge");
    }

    private static List<String> tags(JsonNode k) {
        List<String> tags = new ArrayList<>();
        k.path("tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    @Test
    void anEntryWithoutANameIsTitledByItsFirstKeyAndKeepsEveryKeyAsATag() {
        JsonNode k = knowledge("{\"keys\":[\"Tempo Glide\",\"tempo\"],\"content\":\"Tempo Glide: 2.490.000đ.\"},"
                + "{\"keys\":[\"return\",\"đổi trả\",\"refund\"],\"content\":\"Returns within 30 days.\"},"
                + "{\"keys\":[\"giao hàng\"],\"content\":\"Giao toàn quốc 2-4 ngày.\"}");
        assertThat(k.get(0).path("title").asText()).isEqualTo("Tempo Glide");
        assertThat(tags(k.get(0))).containsExactly("Tempo Glide", "tempo");
        assertThat(k.get(1).path("title").asText()).isEqualTo("return");
        assertThat(tags(k.get(1))).containsExactly("return", "đổi trả", "refund");
        assertThat(k.get(2).path("title").asText()).isEqualTo("giao hàng");
        for (JsonNode e : k) {
            assertThat(e.path("title").asText()).doesNotContain(",");
        }
    }

    @Test
    void aKeyHoldingCommasIsSeveralKeys() {
        JsonNode k = knowledge("{\"keys\":[\"Trail Fox, trail fox, fox\"],\"content\":\"Trail Fox 2.890.000đ.\"}");
        assertThat(k.get(0).path("title").asText()).isEqualTo("Trail Fox");
        assertThat(tags(k.get(0))).containsExactly("Trail Fox", "trail fox", "fox");
    }

    @Test
    void theEntrysNameOrCommentWinsOverItsKeys() {
        JsonNode k = knowledge("{\"keys\":[\"tempo\",\"glide\"],\"name\":\"Tempo Glide\",\"content\":\"2.490.000đ.\"},"
                + "{\"keys\":[\"ship\",\"giao\"],\"comment\":\"Giao hàng\",\"content\":\"Giao 2-4 ngày.\"},"
                + "{\"content\":\"Mở cửa 8h-22h.\"}");
        assertThat(k.get(0).path("title").asText()).isEqualTo("Tempo Glide");
        assertThat(tags(k.get(0))).containsExactly("tempo", "glide");
        assertThat(k.get(1).path("title").asText()).isEqualTo("Giao hàng");
        assertThat(k.get(2).path("title").asText()).isEqualTo("Entry 3");
    }

    @Test
    void theImportedDocumentIsAValidPersonaThatExportsItsKeysBack() {
        String card = "{\"spec\":\"chara_card_v2\",\"spec_version\":\"2.0\",\"data\":{\"name\":\"Kai\","
                + "\"description\":\"Running shoes assistant\",\"first_mes\":\"Hi!\",\"character_book\":{\"entries\":["
                + "{\"keys\":[\"Tempo Glide\",\"tempo\"],\"content\":\"Tempo Glide: 2.490.000đ.\"}]}}}";
        String doc = CharacterCards.toPersonaDocument(card.getBytes(StandardCharsets.UTF_8), "kai-run", null)
                .toString();
        ParseResult r = PersonaDocuments.parse("kai.json", doc);
        assertThat(r).isInstanceOf(ParseResult.Valid.class);
        Persona p = ((ParseResult.Valid) r).persona();
        assertThat(p.knowledge().get(0).title()).isEqualTo("Tempo Glide");
        JsonNode entry = CharacterCards.toCard(p, 2).path("data").path("character_book").path("entries").get(0);
        List<String> keys = new ArrayList<>();
        entry.path("keys").forEach(t -> keys.add(t.asText()));
        assertThat(keys).containsExactly("Tempo Glide", "tempo");
        assertThat(entry.path("name").asText()).isEqualTo("Tempo Glide");
    }
}
