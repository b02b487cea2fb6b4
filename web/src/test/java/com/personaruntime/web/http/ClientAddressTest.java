package com.personaruntime.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address the per-address limits see, behind trusted proxies or not. */
class ClientAddressTest {
  private final ClientAddress proxies = ClientAddress.trusting(List.of("10.0.0.0/8", "192.0.2.7", "fd00::/8"));

  private String xff(ClientAddress c, String peer, String... headers) {
    return c.resolve(peer, List.of(), List.of(headers));
  }

  private String fwd(ClientAddress c, String peer, String... headers) {
    return c.resolve(peer, List.of(headers), List.of());
  }

  @Test
  void withoutTrustedProxiesTheHeadersAreIgnored() {
    assertThat(xff(ClientAddress.none(), "203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
    assertThat(fwd(ClientAddress.none(), "10.1.2.3", "for=198.51.100.1")).isEqualTo("10.1.2.3");
  }

  @Test
  void anUntrustedPeerCannotChooseItsAddress() {
    assertThat(xff(proxies, "203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
    assertThat(fwd(proxies, "11.0.0.1", "for=198.51.100.1")).isEqualTo("11.0.0.1");
  }

  @Test
  void theFirstUntrustedHopFromTheRightIsTheClient() {
    // the client forged a left entry; the proxies appended the real one
    assertThat(xff(proxies, "10.0.0.2", "6.6.6.6, 198.51.100.1, 10.9.9.9")).isEqualTo("198.51.100.1");
    assertThat(xff(proxies, "10.0.0.2", "6.6.6.6", "198.51.100.1")).isEqualTo("198.51.100.1");
    assertThat(xff(proxies, "192.0.2.7", "198.51.100.1:5555")).isEqualTo("198.51.100.1");
    // every hop trusted: the leftmost one
    assertThat(xff(proxies, "10.0.0.2", "10.1.1.1, 10.2.2.2")).isEqualTo("10.1.1.1");
    // no header: the proxy itself
    assertThat(xff(proxies, "10.0.0.2")).isEqualTo("10.0.0.2");
  }

  @Test
  void forwardedWinsOverXForwardedForAndIsParsedPerRfc7239() {
    assertThat(proxies.resolve("10.0.0.2", List.of("for=198.51.100.1;proto=https, for=10.3.3.3"),
        List.of("6.6.6.6"))).isEqualTo("198.51.100.1");
    assertThat(fwd(proxies, "10.0.0.2", "For=\"[2001:db8:cafe::17]:4711\"")).isEqualTo("2001:db8:cafe:0:0:0:0:17");
    assertThat(fwd(proxies, "fd00::1", "for=192.0.2.43")).isEqualTo("192.0.2.43");
  }

  @Test
  void garbageOrUnknownStopsAtTheLastTrustedHop() {
    assertThat(xff(proxies, "10.0.0.2", "198.51.100.1, unknown")).isEqualTo("10.0.0.2");
    assertThat(fwd(proxies, "10.0.0.2", "for=_hidden, for=10.4.4.4")).isEqualTo("10.4.4.4");
    assertThat(xff(proxies, "10.0.0.2", "evil.example")).isEqualTo("10.0.0.2");
    assertThat(xff(proxies, "10.0.0.2", "x".repeat(10_000))).isEqualTo("10.0.0.2");
  }

  @Test
  void entriesAreAddressesOrRangesNeverHostNames() {
    assertThatThrownBy(() -> ClientAddress.trusting(List.of("proxy.internal")))
        .hasMessageContaining("'proxy.internal' is not an IP address or CIDR range");
    assertThatThrownBy(() -> ClientAddress.trusting(List.of("10.0.0.0/33"))).hasMessageContaining("0-32");
    assertThatThrownBy(() -> ClientAddress.trusting(List.of("10.0.0.0/x"))).hasMessageContaining("0-32");
    assertThat(ClientAddress.trusting(List.of(" ", "::1")).trustsAnyProxy()).isTrue();
  }
}
