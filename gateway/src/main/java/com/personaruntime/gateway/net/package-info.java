/**
 * Outbound network safety shared by everything that calls an address a user could influence: the
 * model gateway and the webhook publisher.
 *
 * <p>API: {@link com.personaruntime.gateway.net.OutboundAddressPolicy} (resolve a URL's host, then refuse
 * loopback, private, link-local, cloud metadata and other non-public addresses unless the operator allowed
 * them) and {@link com.personaruntime.gateway.net.OutboundAddressRefusedException}. No Vert.x, no HTTP
 * client: callers check a URL just before they connect, on a thread that may block (DNS).
 */
package com.personaruntime.gateway.net;
