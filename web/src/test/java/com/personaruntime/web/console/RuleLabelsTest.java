package com.personaruntime.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.guardrails.Policies;
import com.personaruntime.guardrails.PolicyConfig;
import com.personaruntime.guardrails.Rule;
import com.personaruntime.guardrails.RuleIds;
import com.personaruntime.runtime.posts.VariantFitter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every rule id the console can show to staff (moderation reasons and findings, posts, guard bench,
 * preview chat, insights, transcripts) has a label in people's words in both console languages: the
 * built-in rules ({@link RuleIds}), every id a compiled policy's rails declare they can report, the
 * platform checks of posts ({@link VariantFitter}'s {@code PLATFORM_*}) and the moderation reason
 * "other". A new rule without labels fails here, before a moderator sees its id.
 */
class RuleLabelsTest {

  private static Set<String> ids;

  static synchronized Set<String> ruleIdsShownToStaff() throws Exception {
    if (ids != null) {
      return ids;
    }
    ids = new TreeSet<>(RuleIds.all());
    for (Rule rail : Policies.compile(PolicyConfig.builder().languages(List.of("vi", "en"))
        .forbiddenClaims(List.of("cure")).competitors(List.of("GlowCo")).build()).rules()) {
      ids.addAll(rail.ruleIds());
    }
    for (Field f : VariantFitter.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && f.getName().startsWith("PLATFORM_")) {
        ids.add((String) f.get(null));
      }
    }
    ids.add("other");
    ids = Set.copyOf(ids);
    return ids;
  }

  static Messages bundles() throws Exception {
    Path root = Path.of("src/main/resources/console"); // tests run in the module folder
    List<String> areas = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      dirs.filter(Files::isDirectory).filter(d -> Files.exists(d.resolve("messages_en.properties")))
          .forEach(d -> areas.add(d.getFileName().toString()));
    }
    return new Messages(areas);
  }

  @Test
  void everyRuleIdShownToStaffHasALabelInVietnameseAndEnglish() throws Exception {
    Set<String> shown = ruleIdsShownToStaff();
    assertThat(shown).contains("prompt_injection", "prompt_injection.learned", "competitor", "pii.phone",
        "platform.length", "other");
    Messages m = bundles();
    List<String> missing = new ArrayList<>();
    for (String id : new TreeSet<>(shown)) {
      for (String lang : Messages.LANGUAGES) {
        String own = m.all(lang).get(Messages.RULE_PREFIX + id);
        if (own == null || own.isBlank() || own.equals(id)) {
          missing.add(lang + ": " + Messages.RULE_PREFIX + id);
        }
      }
    }
    assertThat(missing).as("rule ids without a label (add them to console/messages_{en,vi}.properties)").isEmpty();
  }

  @Test
  void aLabelNeverShowsTheRuleIdAndTheLanguagesDiffer() throws Exception {
    Messages m = bundles();
    assertThat(m.ruleLabel("vi", "prompt_injection")).isEqualTo("Cố chèn lệnh (prompt injection)");
    assertThat(m.ruleLabel("en", "pii.vn_id")).isEqualTo("Vietnamese ID number");
    assertThat(m.ruleLabel("vi", "pii.vn_id")).isEqualTo("Số CCCD/CMND");
    for (String id : ruleIdsShownToStaff()) {
      assertThat(m.ruleLabel("en", id)).as(id).doesNotContain("_").isNotEqualTo(id);
      assertThat(m.ruleLabel("vi", id)).as(id).doesNotContain("_").isNotEqualTo(m.ruleLabel("en", id));
    }
    // the scripts' copy holds the same labels
    assertThat(m.labels("vi").get("rules")).containsEntry("competitor", "Nhắc tới đối thủ").containsKey("other");
    assertThat(m.labels("en").get("verdicts")).containsOnlyKeys("allow", "rewrite", "flag", "block");
    // an id nobody labelled stays visible as itself rather than vanishing
    assertThat(m.ruleLabel("en", "some.future_rule")).isEqualTo("some.future_rule");
  }
}
