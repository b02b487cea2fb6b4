package com.personaruntime.web.console.posts;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.runtime.posts.PlatformProfile;
import com.personaruntime.runtime.posts.PlatformProfiles;
import com.personaruntime.runtime.posts.VariantFitter;
import com.personaruntime.web.console.Messages;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The post page's tooltip for a platform-fit finding (left open by the previous session: the X fit's note was English
 * in the Vietnamese console, because it is the variant fitter's own English message): every platform.* rule is
 * explained in the console's language with the platform's own name, limits and counting; any other finding (a banned
 * word, a claim, a link) by the words of the post it stopped on, in the console's language too (the guard's own note
 * is English and names internal patterns).
 */
class FitExplanationTest {
  private final Messages messages = new Messages(List.of("posts"));
  private static final String NOTE = "the post is 300 (x_weighted, labels included); X allows 280: shorten it";

  @Test
  void everyFitRuleIsExplainedInBothLanguagesForEveryShippedPlatform() {
    List<String> rules = List.of(VariantFitter.PLATFORM_LENGTH, VariantFitter.PLATFORM_SHORTENED,
        VariantFitter.PLATFORM_HASHTAGS, VariantFitter.PLATFORM_LINKS);
    for (PlatformProfile profile : PlatformProfiles.shipped().all()) {
      for (String rule : rules) {
        for (String lang : Messages.LANGUAGES) {
          String text = PostPages.fitExplanation(messages, lang, rule, profile, 300, NOTE);
          assertThat(text).as("%s %s %s", profile.id(), rule, lang).isNotEqualTo(NOTE).contains(profile.name())
              .doesNotContain("{").doesNotContain("_weighted").doesNotContain("posts.");
        }
      }
    }
  }

  @Test
  void xsLengthIsSaidInVietnameseWithItsCountingAndNumbers() {
    PlatformProfile x = PlatformProfiles.shipped().get("x").orElseThrow();
    assertThat(PostPages.fitExplanation(messages, "vi", VariantFitter.PLATFORM_LENGTH, x, 1300, NOTE))
        .isEqualTo("Bài dài 1.300 ký tự theo cách tính của X (tính cả nhãn); X cho phép tối đa 280: hãy rút ngắn rồi mới "
            + "duyệt được.");
    assertThat(PostPages.fitExplanation(messages, "en", VariantFitter.PLATFORM_LENGTH, x, 1300, NOTE))
        .startsWith("The post is 1,300 ").contains("X allows 280");
  }

  @Test
  void otherFindingsAndUnknownPlatformsKeepTheGuardsNote() {
    PlatformProfile x = PlatformProfiles.shipped().get("x").orElseThrow();
    assertThat(PostPages.fitExplanation(messages, "vi", "banned_term", x, 10, "Banned term 'x'")).isEqualTo("Banned term 'x'");
    assertThat(PostPages.fitExplanation(messages, "vi", VariantFitter.PLATFORM_LENGTH, null, 10, NOTE)).isEqualTo(NOTE);
  }

  @Test
  void otherFindingsAreExplainedByTheWordsTheyStoppedOnInTheConsolesLanguage() {
    String text = "Serum này chữa khỏi mụn trong 3 ngày! #quảngcáo";
    int start = text.indexOf("chữa");
    int end = text.indexOf(" trong");
    assertThat(PostPages.findingWords(messages, "vi", text, start, end)).isEqualTo("Ở đoạn “chữa khỏi mụn”.");
    assertThat(PostPages.findingWords(messages, "en", text, start, end)).isEqualTo("On the words “chữa khỏi mụn”.");
    // a finding about the text as a whole (a label it lacks) or with offsets past the text never throws
    assertThat(PostPages.findingWords(messages, "vi", text, 0, 0)).startsWith("Về cả bài");
    assertThat(PostPages.findingWords(messages, "en", text, 0, text.length())).startsWith("About the text as a whole");
    assertThat(PostPages.findingWords(messages, "en", text, 500, 900)).startsWith("About the text as a whole");
    assertThat(PostPages.findingWords(messages, "en", "x".repeat(200), 10, 150)).hasSize("On the words “”.".length() + 81);
  }
}
