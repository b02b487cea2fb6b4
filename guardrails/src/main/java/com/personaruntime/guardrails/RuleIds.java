package com.personaruntime.guardrails;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The built-in rules: ids, default severity and action, and the directions they apply to.
 * A policy may override a rule's action with {@link PolicyConfig.Builder#ruleAction}.
 */
public final class RuleIds {
  public static final String BANNED_TERM = "banned_term";
  public static final String COMPETITOR = "competitor";
  public static final String FORBIDDEN_CLAIM = "forbidden_claim";
  public static final String AVOID_TOPIC = "avoid_topic";
  public static final String PII_EMAIL = "pii.email";
  public static final String PII_PHONE = "pii.phone";
  public static final String PII_CARD = "pii.card";
  public static final String PII_VN_ID = "pii.vn_id";
  /** A US Social Security number named as one ("SSN 123-45-6789"). */
  public static final String PII_SSN = "pii.ssn";
  public static final String LINK_DOMAIN = "link_domain";
  public static final String HONESTY = "honesty";
  public static final String FAKE_EXPERIENCE = "fake_experience";
  public static final String PROMPT_INJECTION = "prompt_injection";
  /**
   * The learned injection/jailbreak detector ({@link InjectionModel}); its findings carry the
   * model's score. Blocks at the persona's threshold; flags ("unsure") input in a language without
   * a lexicon that scores above the model's lower threshold.
   */
  public static final String PROMPT_INJECTION_LEARNED = "prompt_injection.learned";
  public static final String CANARY_LEAK = "canary_leak";
  public static final String AI_LABEL = "disclosure.ai_label";
  public static final String SPONSORED_LABEL = "disclosure.sponsored_label";
  public static final String PLATFORM_LENGTH = "platform.length";
  public static final String PLATFORM_HASHTAGS = "platform.hashtags";

  /** Default severity, action and directions of a rule. */
  public record Defaults(Severity severity, Action action, Set<Direction> directions) {
  }

  private static final Map<String, Defaults> DEFAULTS;

  static {
    Set<Direction> out = EnumSet.of(Direction.OUTPUT);
    Set<Direction> in = EnumSet.of(Direction.INPUT);
    Set<Direction> both = EnumSet.allOf(Direction.class);
    Map<String, Defaults> m = new LinkedHashMap<>();
    m.put(BANNED_TERM, new Defaults(Severity.HIGH, Action.BLOCK, out));
    m.put(COMPETITOR, new Defaults(Severity.MEDIUM, Action.FLAG, out));
    m.put(FORBIDDEN_CLAIM, new Defaults(Severity.HIGH, Action.BLOCK, out));
    m.put(AVOID_TOPIC, new Defaults(Severity.MEDIUM, Action.FLAG, out));
    m.put(PII_EMAIL, new Defaults(Severity.MEDIUM, Action.REWRITE, both));
    m.put(PII_PHONE, new Defaults(Severity.MEDIUM, Action.REWRITE, both));
    m.put(PII_CARD, new Defaults(Severity.HIGH, Action.REWRITE, both));
    m.put(PII_VN_ID, new Defaults(Severity.HIGH, Action.REWRITE, both));
    m.put(PII_SSN, new Defaults(Severity.HIGH, Action.REWRITE, both));
    m.put(LINK_DOMAIN, new Defaults(Severity.MEDIUM, Action.FLAG, out));
    m.put(HONESTY, new Defaults(Severity.CRITICAL, Action.BLOCK, out));
    m.put(FAKE_EXPERIENCE, new Defaults(Severity.HIGH, Action.BLOCK, out));
    m.put(PROMPT_INJECTION, new Defaults(Severity.HIGH, Action.BLOCK, in));
    m.put(PROMPT_INJECTION_LEARNED, new Defaults(Severity.HIGH, Action.BLOCK, in));
    m.put(CANARY_LEAK, new Defaults(Severity.CRITICAL, Action.BLOCK, out));
    m.put(AI_LABEL, new Defaults(Severity.LOW, Action.REWRITE, out));
    m.put(SPONSORED_LABEL, new Defaults(Severity.MEDIUM, Action.REWRITE, out));
    m.put(PLATFORM_LENGTH, new Defaults(Severity.MEDIUM, Action.FLAG, out));
    m.put(PLATFORM_HASHTAGS, new Defaults(Severity.LOW, Action.FLAG, out));
    DEFAULTS = Collections.unmodifiableMap(m);
  }

  private RuleIds() {
  }

  /** @return every built-in rule id, in a stable order */
  public static Set<String> all() {
    return DEFAULTS.keySet();
  }

  /** @return the defaults of a rule; {@code null} if the id is unknown */
  public static Defaults defaults(String ruleId) {
    return DEFAULTS.get(ruleId);
  }
}
