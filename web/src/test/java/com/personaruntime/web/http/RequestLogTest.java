package com.personaruntime.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The request log and error messages never carry an invitation's accept token. */
class RequestLogTest {
  @Test
  void invitationTokensInPathsAreMasked() {
    assertThat(RequestLog.redacted("/api/v1/invitations/inv_AbC-123_xyz/accept"))
        .isEqualTo("/api/v1/invitations/inv_***/accept");
    assertThat(RequestLog.redacted("/api/v1/invitations/inv_AbC")).isEqualTo("/api/v1/invitations/inv_***");
    assertThat(RequestLog.redacted("/api/v1/brands/lumiere/invitations/3f1c")).isEqualTo(
        "/api/v1/brands/lumiere/invitations/3f1c");
    assertThat(RequestLog.redacted("/api/v1/personas/linh")).isEqualTo("/api/v1/personas/linh");
  }
}
