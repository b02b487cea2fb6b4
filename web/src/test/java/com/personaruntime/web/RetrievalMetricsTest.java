package com.personaruntime.web;

import com.personaruntime.composer.Knowledge;
import com.personaruntime.composer.KnowledgeIndex;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** /metrics says how knowledge questions got their embeddings (persona_knowledge_queries_total, persona_embeddings_total). */
class RetrievalMetricsTest {

  private static Map<String, Double> samples(PrometheusMeterRegistry registry) {
    Map<String, Double> out = new TreeMap<>();
    for (String line : registry.scrape().split("\n")) {
      if (line.startsWith("persona_knowledge_queries_total{") || line.startsWith("persona_embeddings_total{")) {
        int space = line.lastIndexOf(' ');
        out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    return out;
  }

  private static double delta(Map<String, Double> before, Map<String, Double> after, String sample) {
    assertThat(after).containsKey(sample);
    return after.get(sample) - before.getOrDefault(sample, 0.0);
  }

  @Test
  void eachWayOfObtainingTheQuestionsEmbeddingIsCounted() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PersonaServer.bindRetrievalCounts(registry);
    KnowledgeIndex index = KnowledgeIndex.build(List.of(
        new Knowledge("decaf", "Decaf", "Swiss water decaf, 12 oz bag, $15.", List.of("product")),
        new Knowledge("hours", "Café hours", "We open 7 am to 6 pm every day.", List.of("hours"))));
    Map<String, Double> before = samples(registry);
    index.search("Thanks so much!", 3);                                          // no term shared: skipped
    String question = "Which of your coffees is least bitter for a cold brew? (metrics test)";
    index.search(question, 3);                                                   // embedded (computed)
    index.search(question, 1);                                                   // the index's memo
    Map<String, Double> after = samples(registry);
    assertThat(delta(before, after, "persona_knowledge_queries_total{embedding=\"skipped\"}")).isEqualTo(1.0);
    assertThat(delta(before, after, "persona_knowledge_queries_total{embedding=\"embedded\"}")).isEqualTo(1.0);
    assertThat(delta(before, after, "persona_knowledge_queries_total{embedding=\"remembered\"}")).isEqualTo(1.0);
    assertThat(delta(before, after, "persona_embeddings_total{source=\"computed\"}")).isEqualTo(1.0);
    assertThat(delta(before, after, "persona_embeddings_total{source=\"cached\"}")).isEqualTo(0.0);
  }
}
