package com.personaruntime.gateway;

import java.util.Objects;

/**
 * Who a reply is for, so that {@link GatewayMetrics} can attribute its token usage (what gateways such as
 * LiteLLM report as spend per team and key): the brand (tenant) and the persona, both by slug.
 *
 * @param brand   the brand's slug, never null ({@code "-"} when unknown)
 * @param persona the persona's slug, never null ({@code "-"} when unknown)
 */
public record Attribution(String brand, String persona) {

    /** Unattributed use. */
    public static final Attribution NONE = new Attribution("-", "-");

    public Attribution {
        Objects.requireNonNull(brand, "brand");
        Objects.requireNonNull(persona, "persona");
    }
}
