package com.personaruntime.gateway.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;

/**
 * An outbound call was not made because {@link OutboundAddressPolicy} refused its address. A permanent
 * failure for the given configuration: retrying the same URL gives the same answer, so callers should not
 * retry it (the model gateway moves to the next model of the chain; a webhook delivery is marked failed).
 *
 * <p>The message names the URL's host, the address it resolved to and why it was refused; it never
 * contains credentials (the URL's user-info, path and query are left out).
 */
public final class OutboundAddressRefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient URI uri;
  private final transient InetAddress address;
  private final OutboundAddressPolicy.AddressKind kind;

  OutboundAddressRefusedException(URI uri, InetAddress address, OutboundAddressPolicy.AddressKind kind,
      String message) {
    super(message);
    this.uri = uri;
    this.address = address;
    this.kind = kind;
  }

  /** The URL that was refused. */
  public URI uri() {
    return uri;
  }

  /** The resolved address that was refused, or {@code null} when the URL itself was refused (scheme, no host). */
  public InetAddress address() {
    return address;
  }

  /** What kind of address it is, or {@code null} when the URL itself was refused. */
  public OutboundAddressPolicy.AddressKind kind() {
    return kind;
  }
}
