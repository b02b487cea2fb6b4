package com.personaruntime.web.console.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Topics that read the same in the page's language are one row (a newcomer saw "Giao hàng" twice). */
class TopicNamesTest {
  @Test
  void aKnowledgeTitleAndAnIntentThatReadTheSameAreOneTopic() {
    JsonArray report = new JsonArray()
        .add(new JsonObject().put("name", "Trà sữa Mây").put("count", 5))
        .add(new JsonObject().put("name", "shipping").put("count", 3))
        .add(new JsonObject().put("name", "giao hàng").put("count", 4))
        .add(new JsonObject().put("name", "price").put("count", 1));
    Map<String, String> vi = Map.of("shipping", "Giao hàng", "price", "Giá");
    JsonArray topics = InsightPages.namedTopics(report, n -> vi.getOrDefault(n, n));
    assertThat(topics.encode()).isEqualTo("[{\"name\":\"Giao hàng\",\"count\":7},{\"name\":\"Trà sữa Mây\",\"count\":5},"
        + "{\"name\":\"Giá\",\"count\":1}]");
  }
}
