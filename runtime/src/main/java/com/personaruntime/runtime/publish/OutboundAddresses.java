package com.personaruntime.runtime.publish;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Refuses outbound URLs whose host resolves to an address a brand must not make the server call
 * (SSRF): loopback, private (RFC 1918, IPv6 unique-local), link-local (incl. the cloud metadata
 * address 169.254.169.254), unspecified and multicast, unless private networks are allowed
 * ({@code publish.allowPrivateNetworks}, development and tests only). Resolves the name (blocking
 * DNS): call off the event loop. Every resolved address must pass.
 */
public final class OutboundAddresses {
  private OutboundAddresses() {
  }

  /**
   * Checks an absolute http(s) URL.
   *
   * @throws IllegalArgumentException naming the URL and why it is refused
   */
  public static void check(String url, boolean allowPrivateNetworks) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("url: not a valid URL: '" + url + "'");
    }
    if (!uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException("url: must be an absolute http(s) URL with a host, got '" + url + "'");
    }
    if (uri.getUserInfo() != null) {
      throw new IllegalArgumentException("url: must not carry credentials (user:password@), got '" + uri.getHost() + "'");
    }
    if (allowPrivateNetworks) {
      return;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(uri.getHost());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("url: host '" + uri.getHost() + "' does not resolve");
    }
    for (InetAddress a : addresses) {
      if (isPrivate(a)) {
        throw new IllegalArgumentException("url: host '" + uri.getHost() + "' resolves to " + a.getHostAddress()
            + ", a loopback, private or link-local address; refused unless publish.allowPrivateNetworks is true");
      }
    }
  }

  static boolean isPrivate(InetAddress a) {
    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet6Address) {
      return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
    }
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    return first == 0 || (first == 100 && second >= 64 && second <= 127) // 0/8, CGNAT 100.64/10
        || (first == 169 && second == 254);
  }
}
