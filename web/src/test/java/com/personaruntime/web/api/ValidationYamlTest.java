package com.personaruntime.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The editor's YAML tab shows {@code yaml} of the validation answer and saves what it shows: a long
 * string must stay on one line (a folded double-quoted string broke mid-word with a backslash) and
 * read back as the same text, whether or not the document is valid yet.
 */
class ValidationYamlTest {
  private static final String LONG = "Mình là Mây, trợ lý AI của quán: hỏi mình về trà sữa, giờ mở cửa, "
      + "khuyến mãi hay cách đặt hàng nhé; hãy nhắn \"menu\" để xem thực đơn đầy đủ của hôm nay và giá từng món.";

  private static JsonObject doc(boolean valid) {
    JsonObject d = new JsonObject().put("id", "may").put("brand", "lumiere").put("name", "Mây")
        .put("languages", new JsonArray(List.of("vi"))).put("bio", LONG);
    if (!valid) {
      d.put("name", ""); // a problem: the document is shown from its raw tree
    }
    return d;
  }

  @Test
  void longTextIsNeverFoldedAndReadsBackTheSameValidOrNot() throws Exception {
    for (boolean valid : List.of(true, false)) {
      JsonObject answer = PersonaRoutes.validation(doc(valid).encode(), "vi");
      assertThat(answer.getBoolean("valid")).as(answer.getJsonArray("problems").encode()).isEqualTo(valid);
      String yaml = answer.getString("yaml");
      assertThat(yaml).as("valid=%s", valid).doesNotStartWith("---").doesNotContain("\\\n");
      String bioLine = yaml.lines().filter(l -> l.startsWith("bio:")).findFirst().orElseThrow();
      assertThat(bioLine).as("one line, valid=%s", valid).contains("hôm nay và giá từng món");
      JsonNode back = new YAMLMapper().readTree(yaml);
      assertThat(back.get("bio").asText()).isEqualTo(LONG);
    }
  }
}
