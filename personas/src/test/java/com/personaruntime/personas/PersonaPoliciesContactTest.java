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

  @Test
  void theContactPhoneAndTheContactsInTheKnowledgeArePublic() {
    Persona p = PersonaDocuments.parse("may.yaml", """
        id: may
        brand: may-bakery
        name: Mây
        languages: [vi, en]
        knowledge:
          - id: cua-hang
            title: Cửa hàng
            text: "Cửa hàng ở 12 Trần Phú, Đà Lạt. Điện thoại đặt bánh: 0263 3 123 456, email datbanh@may.example."
          - id: banh
            title: Bánh kem
            text: "Size 16 cm giá 320.000 đ, size 20 cm giá 450.000 đ."
        contact:
          phone: "+84 1900 6868"
          email: hotro@may.example
        """).orElseThrow();
    assertThat(p.contact().phone()).isEqualTo("+84 1900 6868");
    assertThat(PersonaDocuments.parse("again.yaml", PersonaDocuments.toYaml(p)).orElseThrow().contact())
        .isEqualTo(p.contact());
    com.personaruntime.guardrails.PolicyConfig config = PersonaPolicies.toPolicyConfig(p);
    assertThat(config.publicPhones()).containsExactly("+84 1900 6868", "0263 3 123 456");
    assertThat(config.publicEmails()).containsExactly("hotro@may.example", "datbanh@may.example");

    com.personaruntime.guardrails.Policy policy = com.personaruntime.guardrails.Policies.compile(config);
    com.personaruntime.guardrails.CheckContext out =
        com.personaruntime.guardrails.CheckContext.chatOutput().withLanguage("vi");
    String own = "Bạn gọi 0263 3 123 456 hoặc 1900 6868, hay mail datbanh@may.example nha";
    assertThat(policy.check(own, out).text()).isEqualTo(own);
    assertThat(policy.check("Gọi chị Lan 0912 345 678 nha", out).text()).isEqualTo("Gọi chị Lan [đã ẩn] nha");
  }

  @Test
  void aContactWithOnlyAPhoneIsValid() {
    assertThat(PersonaDocuments.parse("x.yaml", """
        id: x
        brand: b
        name: X
        languages: [vi]
        contact: {phone: "1900 6868"}
        """).problems()).isEmpty();
  }
}
