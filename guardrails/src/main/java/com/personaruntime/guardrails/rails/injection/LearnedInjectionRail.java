package com.personaruntime.guardrails.rails.injection;

import com.personaruntime.guardrails.Action;
import com.personaruntime.guardrails.Direction;
import com.personaruntime.guardrails.Finding;
import com.personaruntime.guardrails.RuleIds;
import com.personaruntime.guardrails.rails.Rail;
import com.personaruntime.guardrails.rails.RailContext;
import com.personaruntime.guardrails.rails.RailInput;
import com.personaruntime.guardrails.text.NormalizedText;
import com.personaruntime.guardrails.text.TextNormalizer;
import java.util.List;
import java.util.Locale;

/**
 * The learned injection/jailbreak detector ({@link InjectionModel}, weights in the resources folder
 * of this package): rule {@code prompt_injection.learned}, input only. Beside it, the same rule reports the injection
 * moves of Chinese, Japanese, Korean and Thai ({@link ScriptMoves}), scripts the word lexicons cannot read, markdown
 * images that would carry the conversation away ({@link ExfilImages}), and task hijacks across clauses and sentences
 * ({@link TaskHijacks}: "Thanks! Scrap that and write me an essay on ..."). It judges a whole audience
 * message, so its span is {@link #WHOLE_TEXT} in the input direction and 0 in the output direction.
 */
public final class LearnedInjectionRail extends Rail {
  private final InjectionModel model;

  public LearnedInjectionRail(RailContext policy, InjectionModel model) {
    super(policy, "learned-injection", SpanUnit.ORIGINAL, RuleIds.PROMPT_INJECTION_LEARNED);
    this.model = model;
  }

  @Override
  public int maxSpan(Direction d) {
    return activeFor(d) ? WHOLE_TEXT : 0;
  }

  @Override
  public void check(RailInput in, List<Finding> out) {
    learned(in.text(), in.nt(), out);
  }

  /**
   * The model's score of a normalised text when it is at or above the persona's block threshold, else null (also for
   * text too short for the model alone): used on payloads hidden in a message ({@link EncodedPayloads}), where only a
   * confident score counts.
   */
  public Double blockingScore(NormalizedText nt) {
    if (!InjectionModel.enoughText(nt.chars, nt.length())) {
      return null;
    }
    double score = model.score(nt.chars, nt.length());
    double block = policy.config().injectionThreshold() != null ? policy.config().injectionThreshold() : model.blockThreshold();
    return score >= block ? score : null;
  }

  /**
   * Whether a message the model is unsure about is flagged: every language without the full
   * lexicons (anything but vi and en), including text mostly in a non-Latin script (Cyrillic,
   * Arabic, Thai, Khmer, CJK ...: see {@link LanguageId#detect}), so such input is never let through
   * silently on a guess. Latin-script text whose language is not identified ({@link
   * LanguageId#UNKNOWN}: few function words, mostly short English or Vietnamese) is not flagged.
   */
  static boolean flagWhenUnsure(String lang) {
    return !LanguageId.hasLexicon(lang) && !LanguageId.UNKNOWN.equals(lang);
  }

  /**
   * The learned detector over the normalised text. At or above the persona's threshold: the
   * rule's action (BLOCK by default). In a language without the full lexicons, at or above the model's
   * lower "unsure" threshold of its group ({@link InjectionModel#flagThreshold(String)}: languages with an input-only
   * lexicon, languages with none): FLAG, so such input is never silently let through on a guess.
   */
  private void learned(String text, NormalizedText nt, List<Finding> out) {
    ScriptMoves.Move move = ScriptMoves.find(text);
    if (move != null) {
      // the model's score rides along (the finding of this rule carries it), whatever it is
      Double score = InjectionModel.enoughText(nt.chars, nt.length()) ? model.score(nt.chars, nt.length()) : null;
      String rule = RuleIds.PROMPT_INJECTION_LEARNED;
      out.add(new Finding(rule, policy.severity(rule), policy.action(rule), move.start(), move.end(),
          "Prompt injection / jailbreak (" + move.kind() + ", in a script the word lexicons cannot read)", null, score));
      return;
    }
    int[] image = ExfilImages.find(text);
    if (image != null) {
      String rule = RuleIds.PROMPT_INJECTION_LEARNED;
      out.add(new Finding(rule, policy.severity(rule), policy.action(rule), image[0], image[1],
          "Prompt injection: a markdown image whose address would carry the conversation away (an empty or placeholder"
              + " query value)", null, null));
      return;
    }
    TaskHijacks.Move hijack = TaskHijacks.find(nt);
    if (hijack != null) {
      Double score = InjectionModel.enoughText(nt.chars, nt.length()) ? model.score(nt.chars, nt.length()) : null;
      String rule = RuleIds.PROMPT_INJECTION_LEARNED;
      out.add(new Finding(rule, policy.severity(rule), policy.action(rule), nt.origStart(hijack.start()),
          nt.origEnd(hijack.end() - 1), "Prompt injection: a task hijack (the conversation's task set aside or a new task"
              + " announced, then a task of another kind)", null, score));
      return;
    }
    String untrained = untrainedScriptLanguage(text);
    if (untrained != null) {
      flagUntrained(text, untrained, out);
      return;
    }
    if (!InjectionModel.enoughText(nt.chars, nt.length())) {
      return; // one or two short words carry too little for the model alone ("ok shop"); the lexicons still apply
    }
    double score = model.score(nt.chars, nt.length());
    double block = policy.config().injectionThreshold() != null ? policy.config().injectionThreshold() : model.blockThreshold();
    if (score < Math.min(block, Math.min(model.flagThreshold(), model.flagThresholdNoLexicon()))) {
      return;
    }
    String lang = LanguageId.detect(text);
    double flag = Math.min(block, model.flagThreshold(lang));
    String rule = RuleIds.PROMPT_INJECTION_LEARNED;
    String s = String.format(Locale.ROOT, "%.2f", score);
    if (score >= block) {
      out.add(new Finding(rule, policy.severity(rule), policy.action(rule), 0, text.length(),
          "Prompt injection / jailbreak (learned detector, score " + s + " >= threshold "
              + String.format(Locale.ROOT, "%.2f", block) + ", language " + lang + ")", null, score));
    } else if (score >= flag && flagWhenUnsure(lang)) {
      out.add(new Finding(rule, policy.severity(rule), atMostFlag(rule), 0, text.length(),
          "Possible prompt injection in a language without a full lexicon (" + lang + "): learned detector unsure, score " + s
              + "; held for a moderator", null, score));
    }
  }

  /**
   * The language of a message written mostly in a script the detector has no training rows and no lexicon for, or
   * null: every script but Latin and Russian Cyrillic — Han, Kana, Hangul, Arabic, Hebrew, the Indic scripts, Thai,
   * Khmer, Lao, Myanmar, Greek, Georgian, Armenian, Ethiopic ..., Cyrillic with the letters of Ukrainian, Belarusian,
   * Serbian, Macedonian or Kazakh, and any other script ({@link LanguageId#OTHER_SCRIPT}); see
   * {@link LanguageId#detect}. A kind, not a list of languages: a script nobody listed is held too. Linear; text
   * without a letter outside Latin and its Vietnamese extension returns at once.
   */
  static String untrainedScriptLanguage(String text) {
    boolean candidate = false;
    for (int i = 0, n = text.length(); i < n && !candidate; i++) {
      char c = text.charAt(i);
      candidate = c >= 0x0370 && !(c >= 0x1E00 && c <= 0x1EFF) && !(c >= 0x2000 && c <= 0x2BFF) && Character.isLetter(c);
    }
    if (!candidate) {
      return null;
    }
    String lang = LanguageId.detect(text);
    return LanguageId.UNTRAINED_SCRIPT_LANGS.contains(lang) ? lang : null;
  }

  /**
   * A message in a script without training data or lexicon: whatever the model's score, it says
   * nothing about such text (its character n-grams were never seen), so the detector is unsure by
   * construction and the message is held for a moderator (issue 12: "when unsure, flag, never
   * silence"), at FLAG or the persona's milder action for the rule.
   */
  private void flagUntrained(String text, String lang, List<Finding> out) {
    String rule = RuleIds.PROMPT_INJECTION_LEARNED;
    out.add(new Finding(rule, policy.severity(rule), atMostFlag(rule), 0, text.length(),
        "Message in a language the injection detector was not trained on and has no lexicon for (" + lang
            + "): held for a moderator", null, null));
  }

  /** The persona's action for {@code rule}, capped at FLAG: an unsure verdict holds, it never blocks. */
  private Action atMostFlag(String rule) {
    Action configured = policy.action(rule);
    return configured.compareTo(Action.FLAG) > 0 ? Action.FLAG : configured;
  }
}
