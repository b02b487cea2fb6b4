package com.personaruntime.personas;

import java.util.ArrayList;
import java.util.List;

/**
 * What a persona version needs before audiences may see it. One rule for every way a persona is
 * published — {@code POST /api/v1/personas} (publishes version 1), {@code PUT ...?publish=true},
 * {@code POST .../publish}, the console's "Save and publish", and persona files imported at start —
 * while a draft may be incomplete:
 * <ul>
 *   <li>{@code disclosure.jurisdictions}: at least one jurisdiction profile (which advertising and AI
 *       labelling duties apply);</li>
 *   <li>{@code disclosure.ai_label}: the AI label in every persona language (the document's own
 *       validation already demands one per language once jurisdictions are set);</li>
 *   <li>a persona made from a Character Card also needs at least one {@code boundaries} entry: a
 *       card carries none of the brand's rules.</li>
 * </ul>
 * Each problem is one line {@code field.path: what to do}, the same form as validation problems.
 */
public final class Publishing {
  private Publishing() {
  }

  /** The problems that keep {@code p} from being published; empty when it may be. */
  public static List<String> missing(Persona p) {
    List<String> missing = new ArrayList<>();
    if (!p.card().isEmpty()) {
      Persona.Boundaries b = p.boundaries();
      if (b.avoidTopics().isEmpty() && b.bannedTerms().isEmpty() && b.competitors().isEmpty()
          && b.forbiddenClaims().isEmpty() && b.allowedLinkDomains().isEmpty()) {
        missing.add("boundaries: fill in at least one boundary (topics to avoid, banned terms, competitors, "
            + "forbidden claims or allowed link domains) before publishing a persona imported from a card");
      }
    }
    if (p.disclosure().jurisdictions().isEmpty()) {
      missing.add("disclosure.jurisdictions: choose at least one jurisdiction (VN, EU, US, UK or CN) before "
          + "publishing; a draft may leave it empty");
    }
    List<String> without = p.languages().stream().filter(l -> !p.disclosure().aiLabel().containsKey(l)).toList();
    if (!without.isEmpty()) {
      missing.add("disclosure.ai_label: give the AI label in every persona language before publishing (missing: "
          + String.join(", ", without) + ")");
    }
    return missing;
  }
}
