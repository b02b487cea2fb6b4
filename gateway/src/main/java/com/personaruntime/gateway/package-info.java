/**
 * Model gateway: streaming access to LLM providers through LangChain4j with the guarantees a
 * live chat needs.
 *
 * <p>API: {@link com.personaruntime.gateway.ModelGateway}, {@link com.personaruntime.gateway.ModelRoute},
 * {@link com.personaruntime.gateway.ModelSpec}, {@link com.personaruntime.gateway.GatewayOptions},
 * {@link com.personaruntime.gateway.StreamListener}, {@link com.personaruntime.gateway.StreamHandle},
 * {@link com.personaruntime.gateway.GatewayFailure}, {@link com.personaruntime.gateway.ModelFactory}.
 * SPI: {@link com.personaruntime.gateway.GatewayMetrics}. Everything package-private is internal.
 *
 * <p>No Vert.x here: callbacks arrive on the gateway's and the HTTP client's threads; a caller on an
 * event loop hops back onto its context itself.
 */
package com.personaruntime.gateway;
