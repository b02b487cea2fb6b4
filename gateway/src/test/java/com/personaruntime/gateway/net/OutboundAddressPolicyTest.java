package com.personaruntime.gateway.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.personaruntime.gateway.net.OutboundAddressPolicy.AddressKind;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Address classification and the resolve-then-check rule, grouped by the kind of address. */
class OutboundAddressPolicyTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      // loopback, in every spelling the JDK accepts
      "127.0.0.1, LOOPBACK", "127.1.2.3, LOOPBACK", "::1, LOOPBACK", "::ffff:127.0.0.1, LOOPBACK",
      "::127.0.0.1, LOOPBACK",
      // private ranges
      "10.0.0.5, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE", "192.168.1.1, PRIVATE",
      "fd12:3456::1, PRIVATE", "fc00::1, PRIVATE", "::ffff:10.1.2.3, PRIVATE", "64:ff9b::10.0.0.1, PRIVATE",
      "2002:0a00:0001::1, PRIVATE",
      // carrier-grade NAT, link-local, metadata
      "100.64.0.1, SHARED", "100.127.255.254, SHARED", "169.254.1.1, LINK_LOCAL", "fe80::1, LINK_LOCAL",
      "169.254.169.254, METADATA", "::ffff:169.254.169.254, METADATA", "fd00:ec2::254, METADATA",
      "100.100.100.200, METADATA", "168.63.129.16, METADATA",
      // unspecified and reserved
      "0.0.0.0, UNSPECIFIED", "0.1.2.3, UNSPECIFIED", "::, UNSPECIFIED", "224.0.0.1, RESERVED",
      "255.255.255.255, RESERVED", "240.0.0.1, RESERVED", "192.0.2.10, RESERVED", "198.18.0.1, RESERVED",
      "ff02::1, RESERVED", "2001:db8::1, RESERVED",
      // public, including neighbours of the ranges above
      "8.8.8.8, PUBLIC", "172.32.0.1, PUBLIC", "172.15.255.255, PUBLIC", "100.63.255.255, PUBLIC",
      "100.128.0.1, PUBLIC", "169.253.1.1, PUBLIC", "192.169.0.1, PUBLIC", "2606:4700:4700::1111, PUBLIC",
      "::ffff:8.8.8.8, PUBLIC"})
  void classifiesAddresses(String literal, AddressKind kind) throws Exception {
    assertThat(OutboundAddressPolicy.classify(InetAddress.getByName(literal))).isEqualTo(kind);
  }

  @Test
  void theStrictPolicyRefusesEveryNonPublicSpellingAfterResolving() {
    OutboundAddressPolicy policy = OutboundAddressPolicy.publicOnly();
    for (String url : new String[] {"http://127.0.0.1:8080/v1", "http://localhost/", "http://[::1]:9000/",
        "http://2130706433/", "http://127.1/", "http://0/", "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:7f00:1]/", "https://10.0.0.5/"}) {
      assertThatThrownBy(() -> policy.check(URI.create(url)))
          .as(url)
          .isInstanceOf(OutboundAddressRefusedException.class)
          .hasMessageStartingWith("outbound call refused: ");
    }
  }

  @Test
  void aNameIsRefusedWhenAnyOfItsAddressesIsPrivate() throws Exception {
    Map<String, InetAddress[]> dns = Map.of(
        "mixed.example", new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.7")},
        "public.example", new InetAddress[] {InetAddress.getByName("93.184.216.34")});
    OutboundAddressPolicy policy = OutboundAddressPolicy.builder().resolver(host -> {
      InetAddress[] a = dns.get(host);
      if (a == null) {
        throw new UnknownHostException(host);
      }
      return a;
    }).build();

    assertThat(policy.check(URI.create("https://public.example/v1"))).hasSize(1);
    assertThatThrownBy(() -> policy.check(URI.create("https://mixed.example/v1")))
        .isInstanceOf(OutboundAddressRefusedException.class)
        .hasMessage("outbound call refused: host 'mixed.example' resolves to 10.0.0.7, a private-network address "
            + "(allowed only when the operator allows private networks or configures this endpoint)")
        .satisfies(e -> assertThat(((OutboundAddressRefusedException) e).kind()).isEqualTo(AddressKind.PRIVATE));
    assertThatThrownBy(() -> policy.check(URI.create("https://nowhere.example/")))
        .isInstanceOf(UnknownHostException.class);
  }

  @Test
  void allowingPrivateNetworksNeverAllowsMetadataOrUnspecified() throws Exception {
    OutboundAddressPolicy dev = OutboundAddressPolicy.builder().allowPrivateNetworks(true).build();
    assertThat(dev.check(URI.create("http://127.0.0.1:11434/v1"))).hasSize(1);
    assertThat(dev.check(URI.create("http://192.168.0.10/"))).hasSize(1);
    assertThatThrownBy(() -> dev.check(URI.create("http://169.254.169.254/latest/")))
        .hasMessageContaining("a cloud metadata address (allowed only for an endpoint the operator configures)");
    assertThatThrownBy(() -> dev.check(URI.create("http://0.0.0.0:8080/")))
        .isInstanceOf(OutboundAddressRefusedException.class);
  }

  @Test
  void anOperatorEndpointIsAllowedOnlyOnItsOwnSchemeHostAndPort() throws Exception {
    OutboundAddressPolicy policy = OutboundAddressPolicy.builder()
        .allowEndpoint("http://127.0.0.1:11434/v1").allowEndpoint("https://LLM.internal/").build();
    assertThat(policy.check(URI.create("http://127.0.0.1:11434/v1/chat/completions"))).isEmpty();
    assertThat(policy.check(URI.create("https://llm.internal:443/x"))).isEmpty();
    assertThatThrownBy(() -> policy.check(URI.create("http://127.0.0.1:11435/v1")))
        .isInstanceOf(OutboundAddressRefusedException.class);
    assertThatThrownBy(() -> policy.check(URI.create("https://127.0.0.1:11434/v1")))
        .isInstanceOf(OutboundAddressRefusedException.class);
  }

  @Test
  void onlyHttpUrlsWithAHostAreAccepted() {
    OutboundAddressPolicy policy = OutboundAddressPolicy.publicOnly();
    assertThatThrownBy(() -> policy.check(URI.create("file:///etc/passwd")))
        .hasMessage("outbound call refused: only http and https URLs may be called, got scheme 'file'");
    assertThatThrownBy(() -> policy.check(URI.create("http:///nohost")))
        .hasMessage("outbound call refused: the URL has no host");
    assertThatThrownBy(() -> OutboundAddressPolicy.builder().allowEndpoint("ftp://x/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("allowed endpoint must be an absolute http(s) URL, got 'ftp://x/'");
  }
}
