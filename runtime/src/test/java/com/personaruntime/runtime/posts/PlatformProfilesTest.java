package com.personaruntime.runtime.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlatformProfilesTest {
  private final PlatformProfiles profiles = PlatformProfiles.shipped();

  @Test
  void theSevenPlatformsWithTheirCountingAndFlags() {
    assertThat(profiles.ids()).containsExactly("instagram", "facebook", "tiktok", "x", "threads", "youtube", "linkedin");
    assertThat(profiles.get("x").orElseThrow().counting()).isEqualTo(Counting.X_WEIGHTED);
    assertThat(profiles.get("youtube").orElseThrow().counting()).isEqualTo(Counting.UTF8_BYTES);
    assertThat(profiles.get("instagram").orElseThrow().maxHashtags()).isEqualTo(5);
    assertThat(profiles.get("tiktok").orElseThrow().disclosureFlags(false))
        .containsEntry("is_aigc", true).containsEntry("brand_content_toggle", false);
    assertThat(profiles.get("tiktok").orElseThrow().disclosureFlags(true)).containsEntry("brand_content_toggle", true);
    assertThat(profiles.get("x").orElseThrow().disclosureFlags(true)).containsEntry("paid_partnership", true);
    assertThat(profiles.get("youtube").orElseThrow().disclosureFlags(false))
        .containsEntry("status.containsSyntheticMedia", true);
  }

  @Test
  void linkedInEscapesItsReservedCharacters() {
    PlatformProfile li = profiles.get("linkedin").orElseThrow();
    assertThat(li.platformText("#ad (new) @brand_x")).isEqualTo("\\#ad \\(new\\) \\@brand\\_x");
    assertThat(profiles.get("x").orElseThrow().platformText("#ad (new)")).isEqualTo("#ad (new)");
  }

  @Test
  void aBadProfileFileNamesTheEntryAndField() {
    assertThatThrownBy(() -> PlatformProfiles.parse("{\"platforms\":[{\"id\":\"x\",\"name\":\"X\",\"counting\":\"runes\","
        + "\"maxLength\":280,\"maxHashtags\":3}]}", "test.json"))
        .hasMessageContaining("test.json: platforms[0]").hasMessageContaining("counting");
  }
}
