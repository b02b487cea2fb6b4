package com.personaruntime.guardrails.rails.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hand-written link scanner (Public Suffix List), as tables: what it finds (exact span, host) and what it leaves alone. */
class LinksScannerTest {

  static List<String> links(String text) {
    List<String> out = new ArrayList<>();
    Links.scan(text, List.of("lumiere.example"), (s, e, host) -> out.add(text.substring(s, e) + " -> " + host));
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      see glowco.com                         | glowco.com -> glowco.com
      shop.beauty has it                     | shop.beauty -> shop.beauty
      đặt ở glow.asia nhé                    | glow.asia -> glow.asia
      bestellen bei glow.de                  | glow.de -> glow.de
      www.glowco.vn/sale                     | www.glowco.vn/sale -> glowco.vn
      https://lumiere.example.evil.io/x      | https://lumiere.example.evil.io/x -> lumiere.example.evil.io
      glowco[.]com                           | glowco[.]com -> glowco.com
      glowco (dot) co (dot) uk               | glowco (dot) co (dot) uk -> glowco.co.uk
      glowco dot com                         | glowco dot com -> glowco.com
      GLOWCO.COM                             | GLOWCO.COM -> glowco.com
      hxxps://evil.io                        | hxxps://evil.io -> evil.io
      main.py                                | 
      """)
  void linksOutsideTheAllowList(String text, String expected) {
    if (expected == null) {
      assertThat(links(text)).isEmpty();
    } else {
      assertThat(links(text)).containsExactly(expected);
    }
  }

  @ParameterizedTest(name = "not a link: {0}")
  @CsvSource(delimiter = '|', textBlock = """
      see https://shop.lumiere.example/spf
      lumiere.example
      e.g. this one
      version v1.2.3
      rated 4.5 stars
      open file.txt
      Xong rồi.Bạn thử nhé
      Thanks.Love it
      a.m. to p.m.
      """)
  void notLinks(String text) {
    assertThat(links(text)).isEmpty();
  }
}
