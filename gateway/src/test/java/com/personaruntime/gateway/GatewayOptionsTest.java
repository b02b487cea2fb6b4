package com.personaruntime.gateway;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayOptionsTest {

    @Test
    void defaultsMatchTheIssue() {
        GatewayOptions o = GatewayOptions.defaults();

        assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.firstTokenTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.interTokenTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(o.totalTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(o.maxRetries()).isEqualTo(2);
        assertThat(o.backoffBase()).isEqualTo(Duration.ofMillis(200));
        assertThat(o.failureThreshold()).isEqualTo(5);
        assertThat(o.openDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.scheduler()).isNotNull();
        assertThat(o.executor()).isNotNull();
        assertThat(o.toBuilder().build().toString()).isEqualTo(o.toString());
    }

    @Test
    void singleFieldMessagesNameTheFieldAndValue() {
        assertThatThrownBy(() -> GatewayOptions.builder().connectTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connectTimeout must be positive, was: PT0S");
        assertThatThrownBy(() -> GatewayOptions.builder().firstTokenTimeout(null).build())
                .hasMessage("firstTokenTimeout must not be null");
        assertThatThrownBy(() -> GatewayOptions.builder().interTokenTimeout(Duration.ofMillis(-1)).build())
                .hasMessage("interTokenTimeout must be positive, was: PT-0.001S");
        assertThatThrownBy(() -> GatewayOptions.builder().maxRetries(-1).build())
                .hasMessage("maxRetries must be between 0 and 10, was: -1");
        assertThatThrownBy(() -> GatewayOptions.builder().backoffBase(Duration.ofMillis(-5)).build())
                .hasMessage("backoffBase must not be negative, was: PT-0.005S");
        assertThatThrownBy(() -> GatewayOptions.builder().backoffJitter(1.5).build())
                .hasMessage("backoffJitter must be between 0 and 1, was: 1.5");
        assertThatThrownBy(() -> GatewayOptions.builder().failureThreshold(0).build())
                .hasMessage("failureThreshold must be at least 1, was: 0");
        assertThatThrownBy(() -> GatewayOptions.builder().openDuration(Duration.ZERO).build())
                .hasMessage("openDuration must be positive, was: PT0S");
    }

    @Test
    void crossFieldConflictsAreRefused() {
        assertThatThrownBy(() -> GatewayOptions.builder().firstTokenTimeout(Duration.ofSeconds(30))
                .totalTimeout(Duration.ofSeconds(20)).build())
                .hasMessage("firstTokenTimeout (PT30S) must not exceed totalTimeout (PT20S)");
        assertThatThrownBy(() -> GatewayOptions.builder().firstTokenTimeout(Duration.ofSeconds(1))
                .interTokenTimeout(Duration.ofSeconds(30)).totalTimeout(Duration.ofSeconds(20)).build())
                .hasMessage("interTokenTimeout (PT30S) must not exceed totalTimeout (PT20S)");
        assertThatThrownBy(() -> GatewayOptions.builder().backoffBase(Duration.ofSeconds(3)).build())
                .hasMessage("backoffBase (PT3S) must not exceed backoffMax (PT2S)");
    }
}
