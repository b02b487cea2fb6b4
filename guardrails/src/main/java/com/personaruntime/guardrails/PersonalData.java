package com.personaruntime.guardrails;

import com.personaruntime.guardrails.rails.pii.Pii;
import com.personaruntime.guardrails.rails.pii.PublicPhones;
import com.personaruntime.guardrails.text.ScanText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Redaction of personal data (e-mail addresses, phone numbers, card numbers, Vietnamese citizen ids)
 * outside a policy check, for other modules that show stored text to people who must not see the
 * audience's contact data (the console's moderation queue, transcripts, insights). It finds exactly
 * what the {@code pii.*} rules find — the same linear scanners, disguised and spelled-out forms
 * included ({@code linh @ g mail . com}, {@code không chín một hai …}, fullwidth digits) — whatever
 * a persona's policy says about those rules.
 *
 * <p>Linear in the text; no I/O; thread-safe.
 */
public final class PersonalData {
  private PersonalData() {
  }

  /**
   * One replaced span.
   *
   * @param rule        the rule id that found it ({@link RuleIds#PII_EMAIL}, {@code PII_PHONE},
   *                    {@code PII_CARD}, {@code PII_VN_ID}, {@code PII_SSN})
   * @param start       start in the original text (UTF-16 index, inclusive)
   * @param end         end in the original text (exclusive)
   * @param placeholder the text put in its place
   */
  public record Span(String rule, int start, int end, String placeholder) {
  }

  /**
   * A redacted text and where it changed.
   *
   * @param text  the text with every span replaced by its placeholder
   * @param spans the replaced spans, ascending and disjoint, in original offsets
   */
  public record Redaction(String text, List<Span> spans) {
    /** Copies the spans. */
    public Redaction {
      spans = List.copyOf(spans);
    }

    /** Whether anything was replaced. */
    public boolean changed() {
      return !spans.isEmpty();
    }

    /**
     * Maps an offset of the original text into {@link #text()}. An offset inside a replaced span maps
     * to the placeholder's start ({@code end == false}) or its end ({@code end == true}), so a finding's
     * {@code [start, end)} over personal data covers the placeholder.
     *
     * @param offset an offset into the original text (0..length)
     * @param end    whether it is the end of a range
     */
    public int map(int offset, boolean end) {
      int shift = 0;
      for (Span s : spans) {
        if (offset <= s.start()) {
          break;
        }
        if (offset < s.end()) {
          int at = s.start() + shift;
          return end ? at + s.placeholder().length() : at;
        }
        shift += s.placeholder().length() - (s.end() - s.start());
      }
      return offset + shift;
    }
  }

  /**
   * Replaces every e-mail address, phone number, card number and citizen id in {@code text}.
   *
   * @param text        the text; null gives an empty redaction of ""
   * @param placeholder the replacement for a rule id (see {@link Span#rule()}); must not return null
   * @param keepEmails  the brand's own public contact details to leave as they are (what its persona may give out):
   *                    e-mail addresses, compared case-insensitively, and phone numbers (entries without '@'),
   *                    matched however the text writes them ({@link PublicPhones}); may be empty
   */
  public static Redaction redact(String text, Function<String, String> placeholder, Collection<String> keepEmails) {
    if (text == null || text.isEmpty()) {
      return new Redaction(text == null ? "" : text, List.of());
    }
    Set<String> keep = keepEmails.stream().map(e -> e.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    PublicPhones keepPhones = PublicPhones.of(keepEmails.stream().filter(e -> e.indexOf('@') < 0).toList());
    List<int[]> found = new ArrayList<>();
    List<String> rules = new ArrayList<>();
    // the pii rail's view: disguises undone (other scripts' digits, look-alike letters, HTML references ...)
    ScanText view = ScanText.of(text);
    Pii.scan(view.text, true, true, true, true, true, (rule, vs, ve, kind) -> {
      if (rule.equals(RuleIds.PII_EMAIL) && !view.lookalikeIn(vs, ve)
          && keep.contains(view.text.substring(vs, ve).toLowerCase(Locale.ROOT))) {
        return;
      }
      if (rule.equals(RuleIds.PII_PHONE) && !view.lookalikeIn(vs, ve) && keepPhones.contains(view.text.subSequence(vs, ve))) {
        return;
      }
      int s = view.origStart(vs);
      int e = view.origEnd(ve);
      // never split a surrogate pair or a keycap digit ("𝟗", "9️⃣") at the edges (as the pii rail does)
      int fs = s > 0 && Character.isLowSurrogate(text.charAt(s)) && Character.isHighSurrogate(text.charAt(s - 1))
          ? s - 1 : s;
      int fe = e;
      while (fe < text.length() && fe - e < 2 && isKeycapTail(text.charAt(fe))) {
        fe++;
      }
      found.add(new int[] {fs, fe, rules.size()});
      rules.add(rule);
    });
    if (found.isEmpty()) {
      return new Redaction(text, List.of());
    }
    found.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
    List<Span> spans = new ArrayList<>();
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (int[] f : found) {
      if (f[0] < at) {
        continue; // inside (or overlapping) a span already replaced
      }
      String rule = rules.get(f[2]);
      String p = placeholder.apply(rule);
      out.append(text, at, f[0]).append(p);
      spans.add(new Span(rule, f[0], f[1], p));
      at = f[1];
    }
    out.append(text, at, text.length());
    return new Redaction(out.toString(), spans);
  }

  /**
   * The e-mail addresses and phone numbers written plainly in a text, as the {@code pii.email} and
   * {@code pii.phone} rules find them (disguised forms undone; forms with look-alike letters left out).
   * For a brand's approved texts (its knowledge): the contact details found there are its own public ones.
   *
   * @param emails e-mail addresses, lower case, in order of appearance, without repeats
   * @param phones phone numbers as the text writes them, in order of appearance, without repeats
   */
  public record Contacts(List<String> emails, List<String> phones) {
    /** Copies the lists. */
    public Contacts {
      emails = List.copyOf(emails);
      phones = List.copyOf(phones);
    }
  }

  /**
   * The e-mail addresses and phone numbers in {@code text} (see {@link Contacts}); linear in the text.
   *
   * @param text any text; null or empty gives empty lists
   */
  public static Contacts contactsIn(String text) {
    if (text == null || text.isEmpty()) {
      return new Contacts(List.of(), List.of());
    }
    List<String> emails = new ArrayList<>();
    List<String> phones = new ArrayList<>();
    ScanText view = ScanText.of(text);
    Pii.scan(view.text, true, true, false, false, false, (rule, vs, ve, kind) -> {
      if (view.lookalikeIn(vs, ve)) {
        return;
      }
      if (rule.equals(RuleIds.PII_EMAIL)) {
        String e = view.text.substring(vs, ve).toLowerCase(Locale.ROOT);
        if (!emails.contains(e)) {
          emails.add(e);
        }
      } else if (rule.equals(RuleIds.PII_PHONE)) {
        String p = view.text.substring(vs, ve);
        if (!phones.contains(p)) {
          phones.add(p);
        }
      }
    });
    return new Contacts(emails, phones);
  }

  /** The variation selector and combining keycap that follow a keycap digit ("9️⃣"). */
  private static boolean isKeycapTail(char c) {
    return c == '\uFE0F' || c == '\u20E3';
  }
}
