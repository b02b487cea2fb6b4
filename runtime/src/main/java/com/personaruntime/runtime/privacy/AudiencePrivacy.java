package com.personaruntime.runtime.privacy;

import com.personaruntime.composer.LanguageDetector;
import com.personaruntime.guardrails.PersonalData;
import com.personaruntime.guardrails.RuleIds;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Redacts the audience's contact data (e-mail addresses, phone numbers, card numbers, citizen ids:
 * what the guardrails' {@code pii.*} rules find, through {@link PersonalData}) from stored text
 * before brand staff see it. The placeholder names the kind in the text's language, so a moderator
 * still learns that the customer left a phone number: {@code [SĐT đã ẩn]}, {@code [phone hidden]}.
 *
 * <p>Pure and thread-safe; linear in the text.
 */
public final class AudiencePrivacy {
  private static final Map<String, String> EN = Map.of(
      RuleIds.PII_EMAIL, "[e-mail hidden]",
      RuleIds.PII_PHONE, "[phone hidden]",
      RuleIds.PII_CARD, "[card number hidden]",
      RuleIds.PII_VN_ID, "[ID number hidden]",
      RuleIds.PII_SSN, "[ID number hidden]");
  private static final Map<String, String> VI = Map.of(
      RuleIds.PII_EMAIL, "[email đã ẩn]",
      RuleIds.PII_PHONE, "[SĐT đã ẩn]",
      RuleIds.PII_CARD, "[số thẻ đã ẩn]",
      RuleIds.PII_VN_ID, "[số CCCD đã ẩn]",
      RuleIds.PII_SSN, "[số định danh đã ẩn]");

  private AudiencePrivacy() {
  }

  /**
   * The placeholder of a rule id in a language ({@code vi}, else English).
   *
   * @param rule     one of the {@code pii.*} rule ids
   * @param language an ISO 639-1 code or null
   */
  public static String placeholder(String rule, String language) {
    Map<String, String> table = "vi".equals(language) ? VI : EN;
    return table.getOrDefault(rule, "vi".equals(language) ? "[đã ẩn]" : "[hidden]");
  }

  /**
   * {@code text} with the audience's contact data replaced.
   *
   * @param text     stored text; null stays null
   * @param language the language the placeholders are written in ({@code vi} or another code); null:
   *                 detected from the text
   */
  public static String redact(String text, String language) {
    return text == null ? null : redaction(text, language, List.of()).text();
  }

  /**
   * The redaction of {@code text}, with its spans for moving offsets ({@link PersonalData.Redaction#map}).
   *
   * @param text       stored text (null: "")
   * @param language   placeholder language; null: detected from the text
   * @param keepEmails e-mail addresses that stay (the persona's own public contact address in its replies)
   */
  public static PersonalData.Redaction redaction(String text, String language, Collection<String> keepEmails) {
    String lang = language != null ? language : text == null ? null : LanguageDetector.detect(text);
    return PersonalData.redact(text, rule -> placeholder(rule, lang), keepEmails);
  }
}
