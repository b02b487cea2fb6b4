package com.personaruntime.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.runtime.posts.PlatformProfile;
import com.personaruntime.runtime.posts.PlatformProfiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every disclosure field a shipped platform profile sets on a post (Instagram's
 * {@code paid_partnership_label}, TikTok's {@code is_aigc} ...) is shown on the post page by a label in
 * both console languages ({@code posts.flag.<field>}), not as the platform's field name.
 */
class PlatformFlagLabelsTest {
  @Test
  void everyPlatformFlagHasALabelInVietnameseAndEnglish() throws Exception {
    Set<String> fields = new TreeSet<>();
    for (PlatformProfile p : PlatformProfiles.shipped().all()) {
      fields.addAll(p.disclosureFlags(true).keySet());
      fields.addAll(p.disclosureFlags(false).keySet());
    }
    assertThat(fields).contains("paid_partnership_label", "is_aigc");
    Messages m = RuleLabelsTest.bundles();
    List<String> missing = new ArrayList<>();
    for (String f : fields) {
      for (String lang : Messages.LANGUAGES) {
        String label = m.all(lang).get("posts.flag." + f);
        if (label == null || label.isBlank() || label.contains("_")) {
          missing.add(lang + ": posts.flag." + f);
        }
      }
    }
    assertThat(missing).as("platform fields without a label (console/posts/messages_{en,vi}.properties)").isEmpty();
  }
}
