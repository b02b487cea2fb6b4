package com.personaruntime.personas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PersonaPoliciesContactTest {
  @Test
  void theContactPagesDomainIsAlwaysAnAllowedLinkDomain() {
    assertThat(PersonaPolicies.withContactDomain(List.of(), new Persona.Contact("https://Sen.example/lien-he", null)))
        .containsExactly("sen.example");
    assertThat(PersonaPolicies.withContactDomain(List.of("lumiere.example"),
        new Persona.Contact("https://shop.lumiere.example/x", null))).containsExactly("lumiere.example");
    assertThat(PersonaPolicies.withContactDomain(List.of("a.example"), null)).containsExactly("a.example");
    assertThat(PersonaPolicies.withContactDomain(List.of(), new Persona.Contact(null, "x@y.example"))).isEmpty();
  }
}
