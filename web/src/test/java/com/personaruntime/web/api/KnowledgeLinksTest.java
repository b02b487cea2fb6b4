package com.personaruntime.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.personas.Persona;
import com.personaruntime.personas.PersonaDocuments;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Newcomer's report: a knowledge entry with https://maps.app.goo.gl/xedapgio while the allowed link domains were only
 * xedapgio.example made every answer quoting it held (link_domain), and the editor said nothing. The editor now warns
 * at the field for every link the guard itself would flag (the same scanner), and only for those.
 */
class KnowledgeLinksTest {

  static Persona gio(String allowed, String title, String text) {
    return PersonaDocuments.parse("gio.yaml", """
        id: gio
        brand: xe-dap-gio
        name: Gió
        languages: [vi, en]
        knowledge:
          - id: shop
            title: "Cửa hàng"
            text: "Cửa hàng ở 12 Lê Lợi."
          - id: reviews
            title: "%s"
            text: "%s"
        boundaries:
          allowed_link_domains: [%s]
        """.formatted(title, text, allowed)).orElseThrow();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      // allowed | text | hosts warned about (space separated)
      "xedapgio.example | Đánh giá trên https://maps.app.goo.gl/xedapgio nhé.              | maps.app.goo.gl",
      "xedapgio.example | Reviews: http://g.co/kgs/abc and https://xedapgio.example/reviews | g.co",
      "xedapgio.example | Xem thêm tại facebook.com/xedapgio                               | facebook.com",
      "xedapgio.example | Link: hxxps://evil.example.net/x                                   | evil.example.net",
      "xedapgio.example | Chỉ đường: MAPS.APP.GOO.GL/abc và maps.app.goo.gl/def            | maps.app.goo.gl",
      "''               | Xem https://xedapgio.example/reviews                              | xedapgio.example",
  })
  void linksTheGuardWouldFlagAreWarnedAboutAtTheirField(String allowed, String text, String hosts) {
    List<KnowledgeLinks.Warning> warnings = KnowledgeLinks.outside(gio(allowed, "Đánh giá", text));
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).path()).isEqualTo("knowledge[1].text");
    assertThat(warnings.get(0).index()).isEqualTo(1);
    assertThat(warnings.get(0).hosts()).containsExactly(hosts.split(" "));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "xedapgio.example            | Đánh giá tại https://xedapgio.example/reviews.",
      "xedapgio.example            | Đặt lịch: https://shop.xedapgio.example/dat-lich",
      "xedapgio.example            | Email: hotro@gmail.com hoặc gọi 028 3812 3456",
      "'xedapgio.example, goo.gl'  | Bản đồ: https://maps.app.goo.gl/xedapgio",
      "xedapgio.example            | Giá 3.500.000đ, bảo hành 12 tháng. Hỏi gì cứ nhắn nha.",
  })
  void allowedLinksEmailAddressesAndProseAreNot(String allowed, String text) {
    assertThat(KnowledgeLinks.outside(gio(allowed, "Đánh giá", text))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "vi | liên kết tới maps.app.goo.gl nằm ngoài các tên miền liên kết được phép (xedapgio.example)",
      "en | links to maps.app.goo.gl are outside the allowed link domains (xedapgio.example)",
  })
  void aTitleIsCheckedTooAndTheMessageNamesTheWayOut(String lang, String start) {
    var json = KnowledgeLinks.json(gio("xedapgio.example", "Bản đồ maps.app.goo.gl/xedapgio", "Cửa hàng thứ hai."), lang);
    assertThat(json).hasSize(1);
    assertThat(json.getJsonObject(0).getString("path")).isEqualTo("knowledge[1].title");
    assertThat(json.getJsonObject(0).getString("code")).isEqualTo("link_domain");
    assertThat(json.getJsonObject(0).getString("message")).startsWith(start)
        .contains(lang.equals("vi") ? "Tên miền được phép dẫn link" : "Allowed link domains");
  }
}
