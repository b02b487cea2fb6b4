package com.personaruntime.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.runtime.moderation.ModerationDecision;
import com.personaruntime.web.console.transcripts.TranscriptPages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The transcripts page shows every verdict a stored turn can carry and every named route in words, in both
 * console languages: a moderator's approve/edit/reject of a held reply (stored with route "moderator") once
 * showed the raw key "transcripts.decision.approve".
 */
class TranscriptLabelsTest {

  @Test
  void everyStoredVerdictAndNamedRouteHasALabelInBothLanguages() throws Exception {
    Messages m = RuleLabelsTest.bundles();
    List<String> keys = new ArrayList<>();
    TranscriptPages.DECISIONS.forEach(d -> keys.add("transcripts.decision." + d));
    TranscriptPages.NAMED_ROUTES.forEach(r -> keys.add("transcripts.route." + r));
    List<String> missing = new ArrayList<>();
    for (String key : keys) {
      for (String lang : Messages.LANGUAGES) {
        String label = m.all(lang).get(key);
        if (label == null || label.isBlank() || label.equals(key)) {
          missing.add(lang + ": " + key);
        }
      }
    }
    assertThat(missing).isEmpty();
    assertThat(m.all("vi").get("transcripts.decision.approve")).isNotEqualTo(m.all("en").get("transcripts.decision.approve"));
  }

  @Test
  void theReleasedDecisionsOfHeldRepliesAreAmongTheVerdicts() {
    // what ModerationStore.delivery sends and ChatEngine.released stores for a held chat reply
    for (ModerationDecision d : List.of(ModerationDecision.APPROVE, ModerationDecision.EDIT, ModerationDecision.REJECT)) {
      assertThat(TranscriptPages.DECISIONS).contains(d.wire());
    }
    assertThat(TranscriptPages.NAMED_ROUTES).contains("moderator", "composer");
  }
}
