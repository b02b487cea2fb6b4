package com.personaruntime.guardrails.rails.pii;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A brand's own public phone numbers, matched however a text writes them: separators are ignored, a national
 * trunk prefix '0' is optional ("0263 3 123 456" = "263 3123 456"), and a country code of one to three digits may
 * come first ("+84 263 3123 456", "84 263 3123 456"). Numbers of fewer than six digits are ignored. Immutable,
 * thread-safe; a match is linear in the written number.
 */
public final class PublicPhones {
  /** No public numbers: nothing matches. */
  public static final PublicPhones NONE = new PublicPhones(List.of());

  private final List<String> keys;

  private PublicPhones(List<String> keys) {
    this.keys = keys;
  }

  /**
   * The numbers of {@code written}; entries with fewer than six digits are left out.
   *
   * @param written phone numbers as people write them
   */
  public static PublicPhones of(Collection<String> written) {
    List<String> keys = new ArrayList<>();
    for (String w : written) {
      String k = key(w);
      if (k.length() >= 6 && !keys.contains(k)) {
        keys.add(k);
      }
    }
    return keys.isEmpty() ? NONE : new PublicPhones(List.copyOf(keys));
  }

  /** The digits of {@code written} without a leading trunk '0' ("0263 3 123 456" -> "2633123456"). */
  static String key(CharSequence written) {
    StringBuilder d = new StringBuilder(written.length());
    for (int i = 0; i < written.length(); i++) {
      char c = written.charAt(i);
      if (c >= '0' && c <= '9') {
        d.append(c);
      }
    }
    int from = 0;
    while (from < d.length() - 1 && d.charAt(from) == '0') {
      from++;
    }
    return d.substring(from);
  }

  /**
   * Whether {@code written} (a phone number the pii scanner found, in its normalised view) is one of these numbers:
   * the same digits, or the same digits after a country code of one to three digits.
   */
  public boolean contains(CharSequence written) {
    if (keys.isEmpty()) {
      return false;
    }
    String k = key(written);
    for (String own : keys) {
      if (k.equals(own) || (k.length() > own.length() && k.length() - own.length() <= 3 && k.endsWith(own))) {
        return true;
      }
    }
    return false;
  }
}
