package com.personaruntime.gateway.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether the server may call a URL: resolves the URL's host, then refuses the call when any
 * address it resolves to is not a public unicast address, unless the operator allowed it. This is the
 * server-side request forgery (SSRF) guard of every outbound call whose address a user can influence:
 * model endpoints and webhook channels.
 *
 * <p>Why resolve first: a check of the host <em>name</em> is easy to get around ({@code 127.1},
 * {@code 2130706433}, {@code [::ffff:127.0.0.1]}, a DNS name that points at {@code 10.0.0.5}). The policy
 * therefore classifies the resolved addresses ({@link #classify(InetAddress)}), and every one of them must
 * pass: a name that resolves to a public and a private address is refused.
 *
 * <p>Address kinds (IANA special-purpose registries, RFC 6890, RFC 4193, RFC 6598, RFC 3927):
 * <ul>
 *   <li>{@link AddressKind#LOOPBACK}: 127.0.0.0/8, ::1;</li>
 *   <li>{@link AddressKind#PRIVATE}: 10/8, 172.16/12, 192.168/16, fc00::/7 (unique local), fec0::/10;</li>
 *   <li>{@link AddressKind#SHARED}: 100.64/10 (carrier-grade NAT);</li>
 *   <li>{@link AddressKind#LINK_LOCAL}: 169.254/16, fe80::/10;</li>
 *   <li>{@link AddressKind#METADATA}: cloud instance metadata services (169.254.169.254 on AWS, GCP, Azure,
 *       OpenStack; fd00:ec2::254 on AWS; 100.100.100.200 on Alibaba Cloud; 168.63.129.16, Azure's host
 *       endpoint) — these hand out credentials, so they are refused even when private networks are
 *       allowed;</li>
 *   <li>{@link AddressKind#UNSPECIFIED}: 0.0.0.0/8, :: (on Linux a connection to 0.0.0.0 reaches the local
 *       host);</li>
 *   <li>{@link AddressKind#RESERVED}: multicast, broadcast, 240/4, documentation and benchmarking
 *       ranges, 192.0.0/24;</li>
 *   <li>{@link AddressKind#PUBLIC}: everything else.</li>
 * </ul>
 * IPv4 addresses embedded in IPv6 (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible, NAT64
 * {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are classified by the IPv4 address they carry.
 *
 * <p>What passes: {@link AddressKind#PUBLIC} always; {@link AddressKind#LOOPBACK}, {@link AddressKind#PRIVATE},
 * {@link AddressKind#SHARED} and {@link AddressKind#LINK_LOCAL} only with
 * {@link Builder#allowPrivateNetworks(boolean)} (development and tests); anything, including metadata, for
 * an endpoint the operator named exactly ({@link Builder#allowEndpoint(String)}: scheme, host and port as
 * written in the server's configuration). Only {@code http} and {@code https} URLs are accepted.
 *
 * <p>Residual risk, by design of the JDK: the HTTP client resolves the host again when it connects. The
 * JVM caches successful lookups (30 s by default, {@code networkaddress.cache.ttl}), so the second lookup
 * normally returns what was checked; a DNS server that answers differently within milliseconds (rebinding)
 * is not fully excluded. Callers must not follow redirects (the JDK client does not by default), since a
 * redirect target is not checked.
 *
 * <p>Immutable and thread-safe. {@link #check(URI)} blocks on DNS: call it off event loops.
 */
public final class OutboundAddressPolicy {

  /** What an address is, for the purpose of deciding whether the server may call it. */
  public enum AddressKind {
    /** A public unicast address: always allowed. */
    PUBLIC,
    /** 127.0.0.0/8 and ::1: this machine. */
    LOOPBACK,
    /** RFC 1918 ranges and IPv6 unique-local / site-local addresses. */
    PRIVATE,
    /** 100.64.0.0/10, carrier-grade NAT (RFC 6598). */
    SHARED,
    /** 169.254.0.0/16 and fe80::/10 (RFC 3927, RFC 4291). */
    LINK_LOCAL,
    /** Cloud instance metadata endpoints (credentials live there). */
    METADATA,
    /** 0.0.0.0/8 and ::. */
    UNSPECIFIED,
    /** Multicast, broadcast, reserved, documentation and benchmarking ranges. */
    RESERVED
  }

  /** Looks up every address of a host name; injectable for tests. */
  @FunctionalInterface
  public interface Resolver {
    /** All addresses of {@code host}; throws when it has none. */
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private static final Set<AddressKind> PRIVATE_NETWORK_KINDS =
      EnumSet.of(AddressKind.LOOPBACK, AddressKind.PRIVATE, AddressKind.SHARED, AddressKind.LINK_LOCAL);

  private final boolean allowPrivateNetworks;
  private final Set<String> allowedEndpoints;
  private final Resolver resolver;

  private OutboundAddressPolicy(Builder b) {
    this.allowPrivateNetworks = b.allowPrivateNetworks;
    this.allowedEndpoints = Set.copyOf(b.allowedEndpoints);
    this.resolver = b.resolver;
  }

  /** A builder: public addresses only, no endpoint exceptions, the JVM's resolver. */
  public static Builder builder() {
    return new Builder();
  }

  /** The strict policy: public addresses only. */
  public static OutboundAddressPolicy publicOnly() {
    return builder().build();
  }

  /** Whether loopback, private, shared and link-local addresses are allowed for every URL. */
  public boolean allowPrivateNetworks() {
    return allowPrivateNetworks;
  }

  /** The endpoints allowed whatever they resolve to, as {@code scheme://host:port} in lower case. */
  public Set<String> allowedEndpoints() {
    return allowedEndpoints;
  }

  /**
   * Resolves {@code url}'s host and checks every address it resolves to.
   *
   * @param url an absolute {@code http} or {@code https} URL
   * @return the resolved addresses, all of them allowed (empty for an endpoint the operator allowed by
   *     name: it is not resolved here)
   * @throws OutboundAddressRefusedException when the scheme is not http(s), the URL has no host, or any
   *     resolved address is of a kind this policy refuses; the message names the host, the address and
   *     its kind
   * @throws UnknownHostException when the host does not resolve
   */
  public List<InetAddress> check(URI url) throws OutboundAddressRefusedException, UnknownHostException {
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new OutboundAddressRefusedException(url, null, null,
          "outbound call refused: only http and https URLs may be called, got scheme '" + scheme + "'");
    }
    String host = url.getHost();
    if (host == null || host.isEmpty()) {
      throw new OutboundAddressRefusedException(url, null, null, "outbound call refused: the URL has no host");
    }
    if (allowedEndpoints.contains(endpointKey(url))) {
      return List.of();
    }
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    InetAddress[] addresses = resolver.resolve(bare);
    if (addresses == null || addresses.length == 0) {
      throw new UnknownHostException(bare);
    }
    List<InetAddress> out = new ArrayList<>(addresses.length);
    for (InetAddress a : addresses) {
      AddressKind kind = classify(a);
      if (!allowed(kind)) {
        throw new OutboundAddressRefusedException(url, a, kind, "outbound call refused: host '" + host
            + "' resolves to " + a.getHostAddress() + ", a " + describe(kind) + " address"
            + (PRIVATE_NETWORK_KINDS.contains(kind)
                ? " (allowed only when the operator allows private networks or configures this endpoint)"
                : " (allowed only for an endpoint the operator configures)"));
      }
      out.add(a);
    }
    return List.copyOf(out);
  }

  /**
   * Whether {@link #check} of {@code url} may block on a name lookup: false for an IP-literal host and for
   * an endpoint the operator allowed by name (neither is resolved), true for a host name.
   */
  public boolean needsLookup(URI url) {
    String host = url.getHost();
    if (host == null || host.isEmpty() || allowedEndpoints.contains(endpointKey(url))) {
      return false;
    }
    if (host.startsWith("[")) {
      return false; // an IPv6 literal
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c != '.' && (c < '0' || c > '9')) {
        return true;
      }
    }
    return false; // dotted digits: an IPv4 literal (InetAddress parses it without a lookup)
  }

  /** Whether an address of this kind passes this policy (endpoint exceptions aside). */
  public boolean allowed(AddressKind kind) {
    return kind == AddressKind.PUBLIC || (allowPrivateNetworks && PRIVATE_NETWORK_KINDS.contains(kind));
  }

  /** Classifies one address; see the class comment for the ranges. */
  public static AddressKind classify(InetAddress address) {
    Objects.requireNonNull(address, "address");
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return classify4(b, 0);
    }
    if (address instanceof Inet6Address) {
      return classify6(b);
    }
    return AddressKind.RESERVED;
  }

  private static AddressKind classify4(byte[] b, int off) {
    int a0 = b[off] & 0xff;
    int a1 = b[off + 1] & 0xff;
    int a2 = b[off + 2] & 0xff;
    int a3 = b[off + 3] & 0xff;
    if ((a0 == 169 && a1 == 254 && a2 == 169 && a3 == 254)
        || (a0 == 100 && a1 == 100 && a2 == 100 && a3 == 200)
        || (a0 == 168 && a1 == 63 && a2 == 129 && a3 == 16)) {
      return AddressKind.METADATA;
    }
    if (a0 == 0) {
      return AddressKind.UNSPECIFIED;
    }
    if (a0 == 127) {
      return AddressKind.LOOPBACK;
    }
    if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
      return AddressKind.PRIVATE;
    }
    if (a0 == 100 && a1 >= 64 && a1 <= 127) {
      return AddressKind.SHARED;
    }
    if (a0 == 169 && a1 == 254) {
      return AddressKind.LINK_LOCAL;
    }
    if (a0 >= 224 // multicast 224/4, reserved 240/4, broadcast
        || (a0 == 192 && a1 == 0 && a2 == 0) // IETF protocol assignments
        || (a0 == 192 && a1 == 0 && a2 == 2) || (a0 == 198 && a1 == 51 && a2 == 100)
        || (a0 == 203 && a1 == 0 && a2 == 113) // documentation
        || (a0 == 198 && (a1 == 18 || a1 == 19))) { // benchmarking
      return AddressKind.RESERVED;
    }
    return AddressKind.PUBLIC;
  }

  private static AddressKind classify6(byte[] b) {
    boolean first10Zero = true;
    for (int i = 0; i < 10; i++) {
      first10Zero &= b[i] == 0;
    }
    boolean last4Zero = b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] == 0;
    if (first10Zero && b[10] == 0 && b[11] == 0) {
      if (last4Zero) {
        return AddressKind.UNSPECIFIED; // ::
      }
      if (b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] == 1) {
        return AddressKind.LOOPBACK; // ::1
      }
      return classify4(b, 12); // IPv4-compatible ::a.b.c.d (deprecated)
    }
    if (first10Zero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return classify4(b, 12); // IPv4-mapped ::ffff:a.b.c.d
    }
    int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    int w1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    if (w0 == 0x0064 && w1 == 0xff9b) {
      boolean zeros = true;
      for (int i = 4; i < 12; i++) {
        zeros &= b[i] == 0;
      }
      if (zeros) {
        return classify4(b, 12); // NAT64 64:ff9b::/96
      }
    }
    if (w0 == 0x2002) {
      return classify4(b, 2); // 6to4 2002:a.b.c.d::/48 reaches the embedded IPv4 address
    }
    if (w0 == 0xfd00 && w1 == 0x0ec2) {
      boolean aws = b[14] == 0x02 && (b[15] & 0xff) == 0x54;
      for (int i = 4; i < 14; i++) {
        aws &= b[i] == 0;
      }
      if (aws) {
        return AddressKind.METADATA; // fd00:ec2::254, AWS instance metadata over IPv6
      }
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return AddressKind.PRIVATE; // fc00::/7 unique local
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
      return AddressKind.LINK_LOCAL; // fe80::/10
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
      return AddressKind.PRIVATE; // fec0::/10 site local (deprecated)
    }
    if ((b[0] & 0xff) == 0xff) {
      return AddressKind.RESERVED; // multicast
    }
    if (w0 == 0x2001 && w1 == 0x0db8) {
      return AddressKind.RESERVED; // documentation
    }
    if (w0 == 0x0100 && ((b[2] | b[3] | b[4] | b[5] | b[6] | b[7]) == 0)) {
      return AddressKind.RESERVED; // discard-only 100::/64
    }
    return AddressKind.PUBLIC;
  }

  private static String describe(AddressKind kind) {
    return switch (kind) {
      case LOOPBACK -> "loopback";
      case PRIVATE -> "private-network";
      case SHARED -> "carrier-grade NAT";
      case LINK_LOCAL -> "link-local";
      case METADATA -> "cloud metadata";
      case UNSPECIFIED -> "unspecified";
      case RESERVED -> "reserved (multicast, broadcast or documentation)";
      case PUBLIC -> "public";
    };
  }

  /** {@code scheme://host:port} in lower case, the port made explicit from the scheme. */
  static String endpointKey(URI url) {
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : 80;
    return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
  }

  @Override
  public String toString() {
    return "OutboundAddressPolicy[allowPrivateNetworks=" + allowPrivateNetworks + ", allowedEndpoints="
        + allowedEndpoints + "]";
  }

  /** Builder for {@link OutboundAddressPolicy}. */
  public static final class Builder {
    private boolean allowPrivateNetworks;
    private final Set<String> allowedEndpoints = new LinkedHashSet<>();
    private Resolver resolver = InetAddress::getAllByName;

    private Builder() {
    }

    /**
     * Allow loopback, private, carrier-grade NAT and link-local addresses for every URL (cloud metadata,
     * unspecified and reserved addresses stay refused). For development and tests; default {@code false}.
     */
    public Builder allowPrivateNetworks(boolean allow) {
      this.allowPrivateNetworks = allow;
      return this;
    }

    /**
     * Allow one endpoint the operator configured, whatever it resolves to: calls to the same scheme, host
     * (as written) and port pass. Other ports on the same host do not.
     *
     * @param url an absolute http(s) URL, e.g. {@code http://127.0.0.1:11434/v1} (path ignored)
     * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL with a host
     */
    public Builder allowEndpoint(String url) {
      URI uri;
      try {
        uri = URI.create(Objects.requireNonNull(url, "url").trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("allowed endpoint must be an absolute http(s) URL, got '" + url + "'");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException("allowed endpoint must be an absolute http(s) URL, got '" + url + "'");
      }
      allowedEndpoints.add(endpointKey(uri));
      return this;
    }

    /** The resolver (default: {@link InetAddress#getAllByName(String)}). */
    public Builder resolver(Resolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    public OutboundAddressPolicy build() {
      return new OutboundAddressPolicy(this);
    }
  }
}
