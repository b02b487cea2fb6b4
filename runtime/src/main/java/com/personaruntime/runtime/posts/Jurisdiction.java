package com.personaruntime.runtime.posts;

import java.util.Locale;

/**
 * Jurisdiction profiles for the visible labels of a post. Every profile requires a visible AI
 * label on every post and, on sponsored posts, the sponsored label at the start (not buried among
 * hashtags). What differs:
 * <ul>
 *   <li>{@link #VN}: labels also in Vietnamese when the post is in another language (Vietnam's
 *       amended Advertising Law 2025 requires Vietnamese on advertising shown in Vietnam; AI Law
 *       2025 Art. 11 for the AI label).</li>
 *   <li>{@link #EU}: AI label (EU AI Act Art. 50(2)), sponsored label (UCPD / DSA Art. 26).</li>
 *   <li>{@link #US}: sponsored label first (FTC Endorsement Guides, 16 CFR 255; 16 CFR 465 on fake reviews).</li>
 *   <li>{@link #UK}: sponsored label first (CAP Code 2).</li>
 *   <li>{@link #CN}: the explicit AI label at the start of the text, also in Chinese (GB 45438-2025,
 *       in force 1 Sep 2025).</li>
 * </ul>
 */
public enum Jurisdiction {
  VN("vi", false),
  EU(null, false),
  US(null, false),
  UK(null, false),
  CN("zh", true);

  private final String requiredLanguage;
  private final boolean aiLabelAtStart;

  Jurisdiction(String requiredLanguage, boolean aiLabelAtStart) {
    this.requiredLanguage = requiredLanguage;
    this.aiLabelAtStart = aiLabelAtStart;
  }

  /** A language the labels must also be given in, whatever the post's language, or {@code null}. */
  public String requiredLanguage() {
    return requiredLanguage;
  }

  /** Whether the AI label goes at the start of the text (after the sponsored label) rather than the end. */
  public boolean aiLabelAtStart() {
    return aiLabelAtStart;
  }

  /** Parses {@code VN, EU, US, UK, CN} (case-insensitive). */
  public static Jurisdiction of(String code) {
    try {
      return valueOf(code.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("jurisdiction: unknown '" + code + "', expected one of VN, EU, US, UK, CN");
    }
  }
}
