package com.personaruntime.runtime.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.guardrails.Policies;
import com.personaruntime.personas.DemoPersonas;
import com.personaruntime.personas.Persona;
import com.personaruntime.personas.PersonaPolicies;
import com.personaruntime.runtime.catalog.LivePersona;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Start-up warm-up of the composer bundles (the first chat must not wait for the embedding model). */
class ComposerModelsTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void warmBuildsTheBundlesOfAtMostTheGivenNumberOfPersonas() throws Exception {
    List<LivePersona> personas = DemoPersonas.load().stream().map(ComposerModelsTest::live).toList();
    assertThat(personas).hasSizeGreaterThanOrEqualTo(2);
    ComposerModels composers = new ComposerModels(vertx);
    assertThat(composers.ready(personas.get(0))).isFalse();

    composers.warm(personas, 1).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);

    assertThat(composers.ready(personas.get(0))).as("the first persona's bundle is built").isTrue();
    assertThat(composers.ready(personas.get(1))).as("beyond the limit: built on first use").isFalse();
    assertThat(composers.get(personas.get(0)).isComplete()).as("a chat gets the built bundle at once").isTrue();
  }

  private static LivePersona live(Persona p) {
    return new LivePersona(p.id(), "brand-" + p.brand(), 1, p, Policies.compile(PersonaPolicies.toPolicyConfig(p)));
  }
}
