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
      Visit GLOWSHOP.NET now                 | GLOWSHOP.NET -> glowshop.net
      short link BIT.LY/x9                   | BIT.LY/x9 -> bit.ly
      shout BIT.LY today                     | BIT.LY -> bit.ly
      glowshop.NET                           | glowshop.NET -> glowshop.net
      Go to Booking.com                      | Booking.com -> booking.com
      https://Socket.IO/docs                 | https://Socket.IO/docs -> socket.io
      www.ASP.NET                            | www.ASP.NET -> asp.net
      see asp.net                            | asp.net -> asp.net
      glowco.com (our rival)                 | glowco.com -> glowco.com
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
      We use ASP.NET for the shop
      built on VB.NET, ADO.NET and ML.NET
      realtime with Socket.IO
      the Math.NET library
      Character.AI is a chatbot app
      call app.run(debug=True)
      then obj.info() returns it
      """)
  void notLinks(String text) {
    assertThat(links(text)).isEmpty();
  }
}
