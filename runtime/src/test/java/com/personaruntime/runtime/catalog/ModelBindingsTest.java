package com.personaruntime.runtime.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.personaruntime.gateway.ModelSpec;
import com.personaruntime.personas.Persona;
import com.personaruntime.personas.PersonaDocuments;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may bind a persona to which model, and what a binding resolves to. */
class ModelBindingsTest {
  private final ModelBindings bindings = new ModelBindings(null,
      List.of(new ModelBindings.Endpoint("main", "openai", "https://llm.example/v1", "gpt-4o-mini", "MAIN_KEY")),
      Set.of("BRAND_KEY"), Map.of("MAIN_KEY", "sk-main", "BRAND_KEY", "sk-brand", "ADMIN_PASSWORD", "hunter2"));

  private static Persona persona(String model) {
    return PersonaDocuments.parse("t", """
        {"id":"p","brand":"b","name":"P","languages":["en"],"model":%s}""".formatted(model)).orElseThrow();
  }

  @Test
  void anEndpointResolvesToTheOperatorsUrlAndKeyWithThePersonasModelAndTemperature() {
    ModelSpec spec = bindings.resolve(persona("{\"endpoint\":\"main\",\"name\":\"gpt-4o\",\"temperature\":0.3}"));
    assertThat(spec.effectiveBaseUrl()).isEqualTo("https://llm.example/v1");
    assertThat(spec.apiKey()).isEqualTo("sk-main");
    assertThat(spec.modelName()).isEqualTo("gpt-4o");
    assertThat(spec.temperature()).isEqualTo(0.3);
    assertThatCode(() -> bindings.check(persona("{\"endpoint\":\"main\"}"), false, null)).doesNotThrowAnyException();
  }

  @Test
  void brandUsersMayNotSetAUrlOrAKeyVariable() {
    assertThatThrownBy(() -> bindings.check(persona(
        "{\"provider\":\"openai\",\"baseUrl\":\"http://127.0.0.1:9/v1\",\"name\":\"x\"}"), false, null))
        .isInstanceOf(CatalogException.class)
        .hasMessage("model.baseUrl: only platform admins may bind a persona to a model URL or key variable; use "
            + "model.endpoint with one of the server's model endpoints (the server's endpoints: main)");
    assertThatThrownBy(() -> bindings.check(persona(
        "{\"provider\":\"openai\",\"name\":\"x\",\"apiKeyEnv\":\"BRAND_KEY\"}"), false, null))
        .hasMessageStartingWith("model.apiKeyEnv: only platform admins");
    assertThatThrownBy(() -> bindings.check(persona("{\"endpoint\":\"other\"}"), false, null))
        .hasMessage("model.endpoint: unknown endpoint 'other'; the server's endpoints: main");
    // a composer or provider-default binding without URL or key is harmless
    assertThatCode(() -> bindings.check(persona("{\"provider\":\"composer\"}"), false, null))
        .doesNotThrowAnyException();
  }

  @Test
  void keyVariablesOffTheAllowListAreNeverReadEvenForAdmins() {
    Persona p = persona("{\"provider\":\"openai\",\"baseUrl\":\"https://x.example/v1\",\"name\":\"x\","
        + "\"apiKeyEnv\":\"ADMIN_PASSWORD\"}");
    assertThatThrownBy(() -> bindings.check(p, true, null))
        .hasMessage("model.apiKeyEnv: 'ADMIN_PASSWORD' is not on the server's allow-list of key variables "
            + "(llm.apiKeyEnvAllowed)");
    assertThatThrownBy(() -> bindings.resolve(p)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ADMIN_PASSWORD").hasMessageNotContaining("hunter2");
    assertThat(bindings.resolve(persona("{\"provider\":\"openai\",\"baseUrl\":\"https://x.example/v1\","
        + "\"name\":\"x\",\"apiKeyEnv\":\"BRAND_KEY\"}")).apiKey()).isEqualTo("sk-brand");
  }

  @Test
  void aBrandUserMayKeepAnAdminsRawBindingButNotChangeIt() {
    Persona admins = persona("{\"provider\":\"openai\",\"baseUrl\":\"https://x.example/v1\",\"name\":\"x\","
        + "\"apiKeyEnv\":\"BRAND_KEY\"}");
    Persona renamed = persona("{\"provider\":\"openai\",\"baseUrl\":\"https://x.example/v1\",\"name\":\"y\","
        + "\"apiKeyEnv\":\"BRAND_KEY\"}");
    Persona moved = persona("{\"provider\":\"openai\",\"baseUrl\":\"https://evil.example/v1\",\"name\":\"x\","
        + "\"apiKeyEnv\":\"BRAND_KEY\"}");
    assertThatCode(() -> bindings.check(renamed, false, admins.model())).doesNotThrowAnyException();
    assertThatThrownBy(() -> bindings.check(moved, false, admins.model())).isInstanceOf(CatalogException.class);
  }
}
