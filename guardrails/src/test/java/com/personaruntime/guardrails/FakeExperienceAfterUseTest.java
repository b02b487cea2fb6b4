package com.personaruntime.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A persona telling of its own use of a product for a time and what it did to its own skin (fake experience,
 * 16 CFR 255.1(c): an endorser must have been a bona fide user): "Mình đã dùng serum này 3 tháng và da mình đẹp
 * hẳn" passed while "Mình dùng serum này mỗi sáng" was blocked (newcomer report, 2026-12-03). Look-alikes:
 * advice to a customer the persona calls "em", durations of a product, the inclusive generic "mình" of shop talk.
 */
class FakeExperienceAfterUseTest {
  private static final Policy POLICY = Policies.compile(PolicyConfig.builder().languages(List.of("vi", "en"))
      .competitors(List.of("Innisfree")).build());

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      Mình đã dùng serum này 3 tháng và da mình đẹp hẳn         | true
      mk da dung serum nay 3 thang va da mk dep han             | true
      Tớ đã xài kem này 2 tuần thì hết mụn luôn                  | true
      Tôi từng bôi kem này một tháng và thấy khác hẳn            | true
      Da tui đẹp hẳn từ khi dùng serum này                       | true
      Da mặt tớ mịn hẳn ra luôn                                  | true
      Mình đã dùng thử 2 ngày và thấy rất thích                  | true
      Em dùng serum này 2 tuần thì da sẽ đỡ hơn nha              | false
      Em xài kem này 2 tuần thì thấy mịn                         | false
      Bạn nên dùng serum này 3 tháng và theo dõi da nhé          | false
      Mỗi hũ dùng được 3 tháng và có hạn dùng 24 tháng           | false
      Thoa đều đặn thì da mình sẽ đẹp hẳn                        | false
      Thoa xong là da mình mịn hẳn luôn                          | false
      Dùng đều thì da em đẹp hẳn luôn                            | false
      Sau 3 tháng dùng và theo dõi, bạn báo lại mình nhé         | false
      """)
  void ownUseForATimeAndOwnSkinResultsAreFakeExperience(String text, boolean caught) {
    Verdict v = POLICY.check(text.strip(), new CheckContext(Direction.OUTPUT, Channel.CHAT, null, "vi", false, null));
    boolean fake = v.findings().stream().anyMatch(f -> f.ruleId().equals("fake_experience"));
    assertThat(fake).as("%s: %s", text, v.findings()).isEqualTo(caught);
    if (caught) {
      assertThat(v.decision()).isEqualTo(Decision.BLOCK);
    }
  }
}
