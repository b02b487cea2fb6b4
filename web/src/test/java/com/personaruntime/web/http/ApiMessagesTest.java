package com.personaruntime.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiMessagesTest {

  @Test
  void vietnameseIsChosenOnlyWhenTheFirstLanguageRangeIsVietnamese() {
    assertThat(ApiMessages.language("vi")).isEqualTo("vi");
    assertThat(ApiMessages.language("vi-VN,vi;q=0.9,en;q=0.8")).isEqualTo("vi");
    assertThat(ApiMessages.language("en-US,vi;q=0.5")).isEqualTo("en");
    assertThat(ApiMessages.language(null)).isEqualTo("en");
    assertThat(ApiMessages.language("")).isEqualTo("en");
    assertThat(ApiMessages.language("video")).isEqualTo("en");
  }

  @Test
  void templatesKeepTheFieldAndTheValuesAndPickTheLongestShapeThatFits() {
    assertThat(ApiMessages.localise("name: must be at most 200 characters, got 201", "vi"))
        .isEqualTo("name: tối đa 200 ký tự (hiện có 201)");
    assertThat(ApiMessages.localise("reason: must be at most 4000 characters", "vi")).isEqualTo("reason: tối đa 4000 ký tự");
    assertThat(ApiMessages.localise("email: is required", "vi")).isEqualTo("email: bắt buộc, hãy điền vào");
    assertThat(ApiMessages.localise("role: must be one of owner, editor, moderator, got admin", "vi"))
        .isEqualTo("role: phải là một trong owner, editor, moderator; bạn đã nhập admin");
    assertThat(ApiMessages.localise("slug: brand 'lumiere' already exists", "vi"))
        .isEqualTo("slug: thương hiệu 'lumiere' đã có, hãy chọn mã khác");
    assertThat(ApiMessages.localise("url: outbound call refused: only http and https URLs may be called, got scheme 'ftp'", "vi"))
        .isEqualTo("url: chỉ nhận địa chỉ http hoặc https; bạn đã nhập giao thức 'ftp'");
  }

  /** A console page the user may not see, or that does not exist, says so in the console's language. */
  @Test
  void notFoundDetailsAreSaidInVietnamese() {
    assertThat(ApiMessages.localise("persona 'linh' not found", "vi"))
        .isEqualTo("không tìm thấy persona 'linh' (hoặc bạn không có quyền xem persona này)");
    assertThat(ApiMessages.localise("post 'p1' not found", "vi")).startsWith("không tìm thấy bài đăng 'p1'");
    assertThat(ApiMessages.localise("brand: brand 'acme' not found", "vi")).isEqualTo("brand: không tìm thấy thương hiệu 'acme'");
  }

  @Test
  void englishAndUnknownShapesStayAsTheyAre() {
    String m = "name: must be at most 200 characters, got 201";
    assertThat(ApiMessages.localise(m, "en")).isSameAs(m);
    assertThat(ApiMessages.localise("widget 'x' not found", "vi")).isEqualTo("widget 'x' not found");
    // a field path has no spaces: the text after it is no field
    assertThat(ApiMessages.localise("name: must be at most 200 characters, got 201 and more: is required", "vi"))
        .isEqualTo("name: tối đa 200 ký tự (hiện có 201 and more: is required)");
    assertThat(ApiMessages.localise(null, "vi")).isNull();
    // a long adversarial message is handled in one pass per template
    String longText = "a: ".repeat(50_000) + "is required";
    assertThat(ApiMessages.localise(longText, "vi")).isEqualTo(longText);
  }
}
