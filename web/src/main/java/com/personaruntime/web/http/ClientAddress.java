package com.personaruntime.web.http;

import com.google.common.net.InetAddresses;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The client's address as the per-address limits see it (audience limits, login and invitation
 * throttling, the request log): the TCP peer, unless that peer is one of the operator's trusted proxies
 * ({@code http.trustedProxies}, addresses or CIDR ranges; none by default), in which case the forwarding
 * headers say who the client is.
 *
 * <p>The chain comes from {@code Forwarded} ({@code for=} of each element, RFC 7239 §4/§5.2), or, without
 * it, {@code X-Forwarded-For}. It is read from the right (the hop nearest this server) to the left,
 * skipping trusted proxies; the first address that is not a trusted proxy is the client. An entry that
 * is not an IP address ({@code unknown}, an obfuscated {@code _node} identifier, garbage) stops the walk:
 * the last trusted hop is taken as the client, so a forged or unparsable header can never choose an
 * address a client wants. From an untrusted peer the headers are ignored entirely (anyone can send them).
 *
 * <p>Mount {@link #handler()} first on the router; read the result with {@link #of(RoutingContext)}.
 */
public final class ClientAddress {
  private static final String KEY = "clientAddress";

  private final List<Range> trusted;

  private ClientAddress(List<Range> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  /** No trusted proxies: the TCP peer is always the client. */
  public static ClientAddress none() {
    return new ClientAddress(List.of());
  }

  /**
   * Trusted proxies from {@code http.trustedProxies} entries: IP addresses ({@code 10.0.0.5},
   * {@code ::1}) or CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}); never host names (no DNS).
   *
   * @throws IllegalArgumentException naming the first entry that is neither
   */
  public static ClientAddress trusting(List<String> entries) {
    List<Range> ranges = new ArrayList<>();
    for (String raw : entries) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int slash = entry.indexOf('/');
      String ip = slash < 0 ? entry : entry.substring(0, slash);
      if (!InetAddresses.isInetAddress(ip)) {
        throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR range (e.g. 10.0.0.5, "
            + "10.0.0.0/8, fd00::/8; host names are not allowed)");
      }
      byte[] bytes = InetAddresses.forString(ip).getAddress();
      int bits = bytes.length * 8;
      int prefix = bits;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > bits) {
          throw new IllegalArgumentException("'" + entry + "': the prefix length must be 0-" + bits);
        }
      }
      ranges.add(new Range(bytes, prefix));
    }
    return new ClientAddress(ranges);
  }

  /** Whether any proxy is trusted. */
  public boolean trustsAnyProxy() {
    return !trusted.isEmpty();
  }

  /** A router handler that works out the client address once per request (see {@link #of}). */
  public Handler<RoutingContext> handler() {
    return ctx -> {
      ctx.put(KEY, resolve(ctx.request()));
      ctx.next();
    };
  }

  /** The client address of a request ({@code "unknown"} when the peer address is not known). */
  public static String of(RoutingContext ctx) {
    String address = ctx.get(KEY);
    if (address != null) {
      return address;
    }
    HttpServerRequest req = ctx.request();
    return req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress();
  }

  /** The client address of this request under this server's trusted proxies. */
  public String resolve(HttpServerRequest req) {
    String peer = req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
    return resolve(peer, req.headers().getAll("Forwarded"), req.headers().getAll("X-Forwarded-For"));
  }

  /**
   * The client address given the TCP peer and the values of the {@code Forwarded} and
   * {@code X-Forwarded-For} headers (each header line as received); see the class comment.
   */
  public String resolve(String peer, List<String> forwarded, List<String> xForwardedFor) {
    if (peer == null) {
      return "unknown";
    }
    InetAddress peerAddress = parse(peer);
    if (peerAddress == null || !isTrusted(peerAddress)) {
      return peer;
    }
    List<String> chain = chain(forwarded, xForwardedFor);
    InetAddress client = peerAddress;
    for (int i = chain.size() - 1; i >= 0; i--) {
      InetAddress hop = parse(chain.get(i));
      if (hop == null) {
        break; // unknown or garbage: the last trusted hop is as far as we can see
      }
      client = hop;
      if (!isTrusted(hop)) {
        break;
      }
    }
    return client.getHostAddress();
  }

  private boolean isTrusted(InetAddress address) {
    byte[] bytes = address.getAddress();
    for (Range r : trusted) {
      if (r.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  /** The forwarded-for entries, leftmost (original client) first. */
  private static List<String> chain(List<String> forwarded, List<String> xForwardedFor) {
    List<String> out = new ArrayList<>();
    if (!forwarded.isEmpty()) {
      for (String header : forwarded) {
        for (String element : header.split(",")) {
          String value = null;
          for (String pair : element.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("for")) {
              value = pair.substring(eq + 1).strip();
            }
          }
          out.add(value == null ? "" : value);
        }
      }
      return out;
    }
    for (String header : xForwardedFor) {
      for (String entry : header.split(",")) {
        out.add(entry.strip());
      }
    }
    return out;
  }

  /**
   * An IP literal from a header entry: quotes, {@code [v6]} brackets and a port are removed
   * ({@code "[2001:db8::17]:4711"}, {@code 192.0.2.43:47011}); null for anything else.
   */
  static InetAddress parse(String entry) {
    if (entry == null) {
      return null;
    }
    String s = entry.strip();
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        return null;
      }
      s = s.substring(1, close);
    } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':')) {
      s = s.substring(0, s.indexOf(':')); // IPv4 with a port
    }
    if (s.isEmpty() || s.length() > 64 || !InetAddresses.isInetAddress(s)) {
      return null;
    }
    return InetAddresses.forString(s);
  }

  private record Range(byte[] network, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (address[full] & mask) == (network[full] & mask);
    }
  }
}
