package com.personaruntime.guardrails;

import com.personaruntime.guardrails.text.TextNormalizer;

import com.personaruntime.guardrails.rails.disclosure.Disclosure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A policy's configuration: the persona's {@code boundaries} and {@code disclosure} sections plus
 * runtime settings. Immutable; build with {@link #builder()}. {@link Builder#build()} validates
 * every field and across fields, and throws {@link IllegalArgumentException} naming the field and
 * the bad value.
 */
public final class PolicyConfig {
  /** Jurisdiction profiles known to the disclosure rules. */
  public static final List<String> JURISDICTIONS = List.of("VN", "EU", "US", "UK", "CN");
  /** Shipped regulated-claim lexicons. */
  public static final List<String> REGULATED_CLAIM_SETS = List.of("health", "cosmetic", "finance");

  private static final Pattern LANG = Pattern.compile("[a-z]{2}");
  private static final Pattern DOMAIN = Pattern.compile("(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,62}");

  private final List<String> bannedTerms;
  private final List<String> competitors;
  private final List<String> forbiddenClaims;
  private final List<String> avoidTopics;
  private final List<String> allowedLinkDomains;
  private final List<String> publicEmails;
  private final List<String> publicPhones;
  private final List<String> ownNames;
  private final List<String> personaNames;
  private final List<String> languages;
  private final Set<String> jurisdictions;
  private final Map<String, String> aiLabels;
  private final Map<String, String> sponsoredLabels;
  private final Map<String, Action> ruleActions;
  private final Set<String> regulatedClaims;
  private final Map<String, PlatformLimit> platformLimits;
  private final int streamingBudget;
  private final Double injectionThreshold;

  /** A platform's limits: maximum characters (code points) and hashtags in a post. */
  public record PlatformLimit(int maxLength, int maxHashtags) {
  }

  private PolicyConfig(Builder b) {
    this.bannedTerms = List.copyOf(b.bannedTerms);
    this.competitors = List.copyOf(b.competitors);
    this.forbiddenClaims = List.copyOf(b.forbiddenClaims);
    this.avoidTopics = List.copyOf(b.avoidTopics);
    this.allowedLinkDomains = List.copyOf(b.allowedLinkDomains);
    this.publicEmails = b.publicEmails.stream().map(e -> e.toLowerCase(java.util.Locale.ROOT)).toList();
    this.publicPhones = List.copyOf(b.publicPhones);
    this.ownNames = List.copyOf(b.ownNames);
    this.personaNames = List.copyOf(b.personaNames);
    this.languages = List.copyOf(b.languages);
    this.jurisdictions = Collections.unmodifiableSet(new LinkedHashSet<>(b.jurisdictions));
    this.aiLabels = Collections.unmodifiableMap(new LinkedHashMap<>(b.aiLabels));
    this.sponsoredLabels = Collections.unmodifiableMap(new LinkedHashMap<>(b.sponsoredLabels));
    this.ruleActions = Collections.unmodifiableMap(new LinkedHashMap<>(b.ruleActions));
    this.regulatedClaims = Collections.unmodifiableSet(new LinkedHashSet<>(b.regulatedClaims));
    this.platformLimits = Collections.unmodifiableMap(new LinkedHashMap<>(b.platformLimits));
    this.streamingBudget = b.streamingBudget;
    this.injectionThreshold = b.injectionThreshold;
  }

  /** @return a builder with the runtime defaults (languages [en], all regulated-claim sets, default platform limits) */
  public static Builder builder() {
    return new Builder();
  }

  public List<String> bannedTerms() { return bannedTerms; }
  public List<String> competitors() { return competitors; }
  public List<String> forbiddenClaims() { return forbiddenClaims; }
  public List<String> avoidTopics() { return avoidTopics; }
  public List<String> allowedLinkDomains() { return allowedLinkDomains; }
  /** The brand's own public addresses (e.g. the persona's contact e-mail): not redacted as personal data in output. */
  public List<String> publicEmails() { return publicEmails; }
  /**
   * The brand's own public phone numbers as written ("0263 3 123 456"): not redacted as personal data in output,
   * written with or without the country code ("+84 263 3123 456") and with any separators.
   */
  public List<String> publicPhones() { return publicPhones; }
  /**
   * The brand's and the persona's own names (brand, persona, product lines): a vote for one of them
   * ("Vote Lumière!") is a poll, not a political endorsement. The first labels of
   * {@link #allowedLinkDomains()} count too ("lumiere.example" names "lumiere").
   */
  public List<String> ownNames() { return ownNames; }
  /**
   * @return the names the persona itself goes by ("Linh", "Milo"; not the brand's): the honesty and
   *     fake-experience rules treat each as a first-person subject ("Linh là người thật", "This is
   *     Milo, a real barista", "Milo drank this blend every day"); empty when unknown
   */
  public List<String> personaNames() { return personaNames; }
  /** @return the persona's languages; the first is the default */
  public List<String> languages() { return languages; }
  public String defaultLanguage() { return languages.get(0); }
  public Set<String> jurisdictions() { return jurisdictions; }
  public Map<String, String> aiLabels() { return aiLabels; }
  public Map<String, String> sponsoredLabels() { return sponsoredLabels; }
  public Map<String, Action> ruleActions() { return ruleActions; }
  public Set<String> regulatedClaims() { return regulatedClaims; }
  public Map<String, PlatformLimit> platformLimits() { return platformLimits; }
  /** @return the most characters a streaming guard holds before releasing at a word boundary */
  public int streamingBudget() { return streamingBudget; }
  /**
   * @return the persona's threshold for the learned injection detector (a score in (0, 1) at or
   *     above which input is blocked), or {@code null} for the model's own (about 1% false positives)
   */
  public Double injectionThreshold() { return injectionThreshold; }

  /** Builder; every collection setter replaces the previous value. */
  public static final class Builder {
    private List<String> bannedTerms = List.of();
    private List<String> competitors = List.of();
    private List<String> forbiddenClaims = List.of();
    private List<String> avoidTopics = List.of();
    private List<String> allowedLinkDomains = List.of();
    private List<String> publicEmails = List.of();
    private List<String> publicPhones = List.of();
    private List<String> ownNames = List.of();
    private List<String> personaNames = List.of();
    private List<String> languages = List.of("en");
    private List<String> jurisdictions = List.of();
    private Map<String, String> aiLabels = Map.of();
    private Map<String, String> sponsoredLabels = Map.of();
    private final Map<String, Action> ruleActions = new LinkedHashMap<>();
    private List<String> regulatedClaims = REGULATED_CLAIM_SETS;
    private final Map<String, PlatformLimit> platformLimits = new LinkedHashMap<>(Disclosure.DEFAULT_PLATFORM_LIMITS);
    private int streamingBudget = 160;
    private Double injectionThreshold;

    private Builder() {
    }

    private static List<String> list(String field, Collection<String> values) {
      if (values == null) {
        throw new IllegalArgumentException(field + ": must not be null");
      }
      List<String> out = new ArrayList<>(values.size());
      for (String v : values) {
        if (v == null || v.isBlank()) {
          throw new IllegalArgumentException(field + ": blank entry in " + values);
        }
        out.add(v.trim());
      }
      return out;
    }

    /** Terms the persona must never say (BLOCK by default). */
    public Builder bannedTerms(Collection<String> v) { bannedTerms = list("bannedTerms", v); return this; }
    /** Competitor names (FLAG by default). */
    public Builder competitors(Collection<String> v) { competitors = list("competitors", v); return this; }
    /** Claims the persona must never make, in addition to the regulated-claim lexicons (BLOCK by default). */
    public Builder forbiddenClaims(Collection<String> v) { forbiddenClaims = list("forbiddenClaims", v); return this; }
    /**
     * Topics to avoid. Shipped topic names ({@code politics, religion, gambling}) map to keyword
     * lexicons in vi and en; any other name is used as a keyword itself.
     */
    public Builder avoidTopics(Collection<String> v) { avoidTopics = list("avoidTopics", v); return this; }
    /** Domains links may point to (subdomains included); every other link is flagged. */
    public Builder allowedLinkDomains(Collection<String> v) { allowedLinkDomains = list("allowedLinkDomains", v); return this; }
    /** Public brand e-mail addresses that output may contain unredacted. */
    public Builder publicEmails(Collection<String> v) { publicEmails = list("publicEmails", v); return this; }
    /** Public brand phone numbers that output may contain unredacted (see {@link PolicyConfig#publicPhones()}). */
    public Builder publicPhones(Collection<String> v) { publicPhones = list("publicPhones", v); return this; }
    /** The brand's and persona's own names (see {@link PolicyConfig#ownNames()}). */
    public Builder ownNames(Collection<String> v) { ownNames = list("ownNames", v); return this; }
    /** The names the persona itself goes by (see {@link PolicyConfig#personaNames()}). */
    public Builder personaNames(Collection<String> v) { personaNames = list("personaNames", v); return this; }
    /** ISO 639-1 codes; the first is the default language. */
    public Builder languages(List<String> v) { languages = list("languages", v); return this; }
    /** Jurisdiction profiles: VN, EU, US, UK, CN. */
    public Builder jurisdictions(Collection<String> v) { jurisdictions = list("jurisdictions", v); return this; }
    /** AI label per language (defaults: vi "Nội dung do AI tạo ra", en "AI-generated"). */
    public Builder aiLabels(Map<String, String> v) { aiLabels = map("aiLabels", v); return this; }
    /** Sponsored label per language (defaults: vi "#quảngcáo", en "#ad"). */
    public Builder sponsoredLabels(Map<String, String> v) { sponsoredLabels = map("sponsoredLabels", v); return this; }
    /** Overrides the action of a built-in rule ({@code ALLOW} keeps the finding for the record only). */
    public Builder ruleAction(String ruleId, Action action) {
      if (ruleId == null || RuleIds.defaults(ruleId) == null) {
        throw new IllegalArgumentException("ruleAction: unknown rule id '" + ruleId + "', expected one of " + String.join(", ", RuleIds.all()));
      }
      if (action == null) {
        throw new IllegalArgumentException("ruleAction: action for '" + ruleId + "' must not be null");
      }
      ruleActions.put(ruleId, action);
      return this;
    }
    /** Shipped regulated-claim lexicons to use: any of health, cosmetic, finance (default: all). */
    public Builder regulatedClaims(Collection<String> v) { regulatedClaims = list("regulatedClaims", v); return this; }
    /** Sets or replaces a platform's limits. */
    public Builder platformLimit(String platform, int maxLength, int maxHashtags) {
      if (platform == null || platform.isBlank()) {
        throw new IllegalArgumentException("platformLimit: platform must not be blank");
      }
      if (maxLength <= 0 || maxHashtags < 0) {
        throw new IllegalArgumentException("platformLimit: bad limits for '" + platform + "': maxLength " + maxLength + ", maxHashtags " + maxHashtags);
      }
      platformLimits.put(platform.trim().toLowerCase(Locale.ROOT), new PlatformLimit(maxLength, maxHashtags));
      return this;
    }
    /** Most characters a streaming guard holds without a sentence end (default 160, at least 40). */
    public Builder streamingBudget(int chars) { streamingBudget = chars; return this; }
    /**
     * Score (exclusive 0 .. exclusive 1) at or above which the learned injection detector blocks
     * input; lower catches more attacks and more innocent messages. {@code null} (the default)
     * uses the shipped model's threshold, chosen for about 1% false positives.
     */
    public Builder injectionThreshold(Double threshold) { injectionThreshold = threshold; return this; }

    private static Map<String, String> map(String field, Map<String, String> v) {
      if (v == null) {
        throw new IllegalArgumentException(field + ": must not be null");
      }
      Map<String, String> out = new LinkedHashMap<>();
      v.forEach((k, val) -> out.put(k == null ? null : k.trim().toLowerCase(Locale.ROOT), val));
      return out;
    }

    /** Validates and builds. @throws IllegalArgumentException naming the field and the bad value */
    public PolicyConfig build() {
      if (languages.isEmpty()) {
        throw new IllegalArgumentException("languages: must name at least one language");
      }
      List<String> langs = new ArrayList<>();
      for (String l : languages) {
        String low = l.toLowerCase(Locale.ROOT);
        if (!LANG.matcher(low).matches()) {
          throw new IllegalArgumentException("languages: '" + l + "' is not an ISO 639-1 code (two letters)");
        }
        if (langs.contains(low)) {
          throw new IllegalArgumentException("languages: '" + l + "' is listed twice");
        }
        langs.add(low);
      }
      languages = langs;
      List<String> jur = new ArrayList<>();
      for (String j : jurisdictions) {
        String up = j.toUpperCase(Locale.ROOT);
        if (!JURISDICTIONS.contains(up)) {
          throw new IllegalArgumentException("jurisdictions: unknown jurisdiction '" + j + "', expected one of " + String.join(", ", JURISDICTIONS));
        }
        jur.add(up);
      }
      jurisdictions = jur;
      checkLabels("aiLabels", aiLabels);
      checkLabels("sponsoredLabels", sponsoredLabels);
      List<String> sets = new ArrayList<>();
      for (String s : regulatedClaims) {
        String low = s.toLowerCase(Locale.ROOT);
        if (!REGULATED_CLAIM_SETS.contains(low)) {
          throw new IllegalArgumentException("regulatedClaims: unknown lexicon '" + s + "', expected one of " + String.join(", ", REGULATED_CLAIM_SETS));
        }
        sets.add(low);
      }
      regulatedClaims = sets;
      List<String> domains = new ArrayList<>();
      for (String d : allowedLinkDomains) {
        String low = d.toLowerCase(Locale.ROOT);
        if (low.startsWith("http://") || low.startsWith("https://")) {
          throw new IllegalArgumentException("allowedLinkDomains: '" + d + "' must be a domain name, not a URL");
        }
        if (low.startsWith("www.")) {
          low = low.substring(4);
        }
        if (!DOMAIN.matcher(low).matches()) {
          throw new IllegalArgumentException("allowedLinkDomains: '" + d + "' is not a domain name");
        }
        domains.add(low);
      }
      allowedLinkDomains = domains;
      checkTerms("bannedTerms", bannedTerms);
      checkTerms("competitors", competitors);
      checkTerms("forbiddenClaims", forbiddenClaims);
      checkTerms("avoidTopics", avoidTopics);
      for (String b : bannedTerms) {
        for (String c : competitors) {
          if (b.equalsIgnoreCase(c)) {
            throw new IllegalArgumentException("competitors: '" + c + "' is also a banned term; list it once");
          }
        }
      }
      if (injectionThreshold != null && !(injectionThreshold > 0 && injectionThreshold < 1)) {
        throw new IllegalArgumentException("injectionThreshold: must be between 0 and 1 (exclusive), got " + injectionThreshold);
      }
      if (streamingBudget < 40 || streamingBudget > 10_000) {
        throw new IllegalArgumentException("streamingBudget: " + streamingBudget + " is out of range 40..10000");
      }
      return new PolicyConfig(this);
    }

    private static void checkLabels(String field, Map<String, String> labels) {
      for (Map.Entry<String, String> e : labels.entrySet()) {
        if (e.getKey() == null || !LANG.matcher(e.getKey()).matches()) {
          throw new IllegalArgumentException(field + ": '" + e.getKey() + "' is not an ISO 639-1 code (two letters)");
        }
        if (e.getValue() == null || e.getValue().isBlank()) {
          throw new IllegalArgumentException(field + ": label for '" + e.getKey() + "' must not be blank");
        }
      }
    }

    private static void checkTerms(String field, List<String> terms) {
      for (String t : terms) {
        if (TextNormalizer.normalize(t).length() == 0) {
          throw new IllegalArgumentException(field + ": term '" + t + "' has no letters or digits to match");
        }
        if (t.length() > 200) {
          throw new IllegalArgumentException(field + ": term '" + t.substring(0, 20) + "...' is longer than 200 characters");
        }
      }
    }
  }
}
