package com.personaruntime.runtime.posts;

import com.personaruntime.guardrails.Action;
import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Decision;
import com.personaruntime.guardrails.Finding;
import com.personaruntime.guardrails.Policy;
import com.personaruntime.guardrails.Severity;
import com.personaruntime.guardrails.Verdict;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a drafted body into a publishable variant for one platform: strips labels the writer put
 * anywhere, places the post's labels (sponsored first, AI label at the end or, CN, at the start),
 * keeps hashtags within the platform's limit (labels count), shortens an over-long body at a word
 * (preferably sentence) boundary so that the whole text — labels included — fits the platform's
 * own counting, then runs the persona's full-text guard on the result.
 *
 * <p>Labels are never cut: only the body is shortened. When even that cannot make the text fit
 * (or shortening is not allowed, as for a person's edit), the variant is flagged with a blocking
 * {@code platform.length} finding instead: it cannot be approved until edited.
 *
 * <p>Linear in the text (regular expressions here have no nested quantifiers); the shortening
 * search is a binary search over word boundaries, so a few dozen guard passes at most.
 */
public final class VariantFitter {
  /** Rule id: the text is longer than the platform allows (labels included). */
  public static final String PLATFORM_LENGTH = "platform.length";
  /** Rule id: the body was shortened to fit (informational). */
  public static final String PLATFORM_SHORTENED = "platform.shortened";
  /** Rule id: too many hashtags (extra body hashtags were dropped, or labels alone exceed the limit). */
  public static final String PLATFORM_HASHTAGS = "platform.hashtags";
  /** Rule id: too many links for the platform. */
  public static final String PLATFORM_LINKS = "platform.links";

  private static final Pattern SPONSORED_TAG = Pattern.compile(
      "(?iu)(?<![\\p{L}\\p{N}_])#(?:ad|ads|advert|sponsored|sponsor|quảngcáo|quangcao|qc|tàitrợ|taitro|paidpartnership"
          + "|anzeige|werbung|publicité|publicidad|广告)(?![\\p{L}\\p{N}_])");
  private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_&#])#[\\p{L}\\p{N}_]+");
  private static final Pattern LINK = Pattern.compile("(?i)\\bhttps?://[^\\s]+|\\bwww\\.[^\\s]+");
  private static final String ELLIPSIS = "…";

  /**
   * A fitted variant.
   *
   * @param text      the final text (NFC), exactly what will be published
   * @param decision  the verdict: the guard's decision, raised to {@code flag} by a limit that cannot be met
   * @param findings  the guard's findings followed by the platform's
   * @param blocking  whether some finding forbids approval (guard block, limit not met)
   * @param length    the text's length in the platform's counting
   * @param limit     the platform's limit
   * @param labels    the visible labels placed
   * @param flags     the platform's own disclosure fields
   */
  public record Fitted(String text, Decision decision, List<Finding> findings, boolean blocking, int length,
                       int limit, List<String> labels, Map<String, Object> flags) {
    public Fitted {
      findings = List.copyOf(findings);
      labels = List.copyOf(labels);
      flags = Map.copyOf(flags);
    }
  }

  private VariantFitter() {
  }

  /**
   * Fits a body to a platform.
   *
   * @param body          the text written by the model, the composer or a person
   * @param profile       the platform
   * @param policy        the persona's compiled guardrail policy
   * @param labels        the post's labels
   * @param language      the post's language
   * @param sponsored     whether the post is sponsored
   * @param allowShorten  whether the body may be shortened (drafts yes; a person's edit no: it is flagged instead)
   */
  public static Fitted fit(String body, PlatformProfile profile, Policy policy, PostLabels labels, String language,
      boolean sponsored, boolean allowShorten) {
    List<Finding> platformFindings = new ArrayList<>();
    String clean = clean(body, labels, profile);
    // hashtags: labels count toward the limit; drop the body's last hashtags first
    int labelTags = countTags(labels.sponsoredText() + " " + labels.aiText());
    int bodyTags = countTags(clean);
    if (labelTags + bodyTags > profile.maxHashtags()) {
      int keep = Math.max(0, profile.maxHashtags() - labelTags);
      clean = dropHashtagsAfter(clean, keep);
      platformFindings.add(new Finding(PLATFORM_HASHTAGS, Severity.LOW, Action.ALLOW, 0, 0,
          profile.name() + " allows " + profile.maxHashtags() + " hashtags (labels included); "
              + (bodyTags - keep) + " of the post's hashtags were dropped", null));
      if (labelTags > profile.maxHashtags()) {
        // The law wins over a platform's hashtag convention: the labels stay (the platform treats the
        // extra tags as plain text, e.g. Threads links only one topic tag); recorded, not blocking.
        platformFindings.add(new Finding(PLATFORM_HASHTAGS, Severity.LOW, Action.ALLOW, 0, 0,
            "the required labels alone are " + labelTags + " hashtags; " + profile.name() + " allows "
                + profile.maxHashtags() + " (labels kept: disclosure is required)", null));
      }
    }
    String text = assemble(clean, labels, profile);
    int length = profile.length(text);
    if (length > profile.maxLength() && allowShorten) {
      String shorter = shorten(clean, labels, profile);
      if (shorter != null) {
        platformFindings.add(new Finding(PLATFORM_SHORTENED, Severity.INFO, Action.ALLOW, 0, 0,
            "shortened at a word boundary from " + length + " to fit " + profile.name() + "'s "
                + profile.maxLength() + " (" + profile.counting().wire() + ", labels included)", null));
        clean = shorter;
        text = assemble(clean, labels, profile);
        length = profile.length(text);
      }
    }
    CheckContext ctx = CheckContext.post(null, language, sponsored);
    Verdict verdict = policy.check(text, ctx);
    if (verdict.decision() == Decision.REWRITE) {
      text = Normalizer.normalize(verdict.text(), Normalizer.Form.NFC);
      length = profile.length(text);
    }
    if (length > profile.maxLength()) {
      platformFindings.add(new Finding(PLATFORM_LENGTH, Severity.HIGH, Action.FLAG, 0, text.length(),
          "the post is " + length + " (" + profile.counting().wire() + ", labels included); " + profile.name()
              + " allows " + profile.maxLength() + ": shorten it", null));
    }
    int links = countLinks(text);
    if (profile.maxLinks() >= 0 && links > profile.maxLinks()) {
      platformFindings.add(new Finding(PLATFORM_LINKS, Severity.MEDIUM, Action.FLAG, 0, 0,
          "the post has " + links + " links; " + profile.name() + " allows " + profile.maxLinks(), null));
    }
    List<Finding> all = new ArrayList<>(verdict.findings());
    all.addAll(platformFindings);
    Decision decision = verdict.decision();
    boolean blocking = decision == Decision.BLOCK;
    for (Finding f : platformFindings) {
      if (f.action() == Action.FLAG) {
        decision = decision.max(Decision.FLAG);
        blocking = true;
      }
    }
    return new Fitted(text, decision, all, blocking, length, profile.maxLength(), labels.visible(),
        profile.disclosureFlags(sponsored));
  }

  /** The post's text from a body: sponsored labels, (CN: AI label,) body, AI label. */
  static String assemble(String body, PostLabels labels, PlatformProfile profile) {
    StringBuilder out = new StringBuilder();
    if (!labels.sponsored().isEmpty()) {
      out.append(labels.sponsoredText()).append(' ');
    }
    if (labels.aiAtStart()) {
      out.append(labels.aiText()).append('\n');
      out.append(body);
    } else {
      out.append(body);
      out.append(body.isEmpty() ? "" : profile.aiLabelSeparator()).append(labels.aiText());
    }
    return Normalizer.normalize(out.toString(), Normalizer.Form.NFC);
  }

  /** Removes labels anywhere in the body (they are placed again), platform-forbidden characters, stray spaces. */
  static String clean(String body, PostLabels labels, PlatformProfile profile) {
    String s = Normalizer.normalize(body == null ? "" : body, Normalizer.Form.NFC);
    for (String l : labels.ai()) {
      s = replaceIgnoreCase(s, Normalizer.normalize(l, Normalizer.Form.NFC));
    }
    for (String l : PostLabels.DEFAULT_AI.values()) {
      s = replaceIgnoreCase(s, l);
    }
    for (String l : labels.sponsored()) {
      s = replaceIgnoreCase(s, Normalizer.normalize(l, Normalizer.Form.NFC));
    }
    s = SPONSORED_TAG.matcher(s).replaceAll("");
    if (profile.escape().equals("no_angle_brackets")) {
      s = s.replace('<', '‹').replace('>', '›');
    }
    StringBuilder out = new StringBuilder();
    for (String line : s.split("\n", -1)) {
      String t = line.replaceAll("[ \\t]{2,}", " ").strip();
      t = t.replaceAll("^[·|•\\-–—:]+\\s*$", "");
      out.append(t).append('\n');
    }
    return out.toString().replaceAll("\n{3,}", "\n\n").strip();
  }

  private static String replaceIgnoreCase(String s, String label) {
    if (label == null || label.isBlank()) {
      return s;
    }
    String lower = s.toLowerCase(Locale.ROOT);
    String l = label.toLowerCase(Locale.ROOT);
    if (lower.length() != s.length()) {
      return s.replace(label, "");
    }
    StringBuilder out = new StringBuilder();
    int from = 0;
    int i;
    while ((i = lower.indexOf(l, from)) >= 0) {
      out.append(s, from, i);
      from = i + l.length();
    }
    out.append(s.substring(from));
    return out.toString();
  }

  /**
   * The longest prefix of {@code body} ending at a word boundary (preferring a sentence end that keeps
   * at least half of it) whose assembled text fits; {@code null} when not even the labels alone fit.
   */
  static String shorten(String body, PostLabels labels, PlatformProfile profile) {
    List<Integer> cuts = new ArrayList<>();
    for (int i = 1; i < body.length(); i++) {
      if (Character.isWhitespace(body.charAt(i)) && !Character.isWhitespace(body.charAt(i - 1))) {
        cuts.add(i);
      }
    }
    int lo = 0;
    int hi = cuts.size() - 1;
    int best = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (fits(candidate(body, cuts.get(mid)), labels, profile)) {
        best = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (best < 0) {
      return fits("", labels, profile) ? "" : null;
    }
    int end = cuts.get(best);
    for (int k = best; k >= 0; k--) {
      int c = cuts.get(k);
      if (c < end / 2) {
        break;
      }
      char last = body.charAt(c - 1);
      if (last == '.' || last == '!' || last == '?' || last == '。' || last == '…') {
        return body.substring(0, c).strip();
      }
    }
    return candidate(body, end);
  }

  private static String candidate(String body, int cut) {
    String head = body.substring(0, cut).strip();
    head = head.replaceAll("[\\s,;:·\\-–—]+$", "");
    return head + ELLIPSIS;
  }

  private static boolean fits(String body, PostLabels labels, PlatformProfile profile) {
    return profile.length(assemble(body, labels, profile)) <= profile.maxLength();
  }

  private static int countTags(String s) {
    int n = 0;
    Matcher m = HASHTAG.matcher(s);
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static int countLinks(String s) {
    int n = 0;
    Matcher m = LINK.matcher(s);
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static String dropHashtagsAfter(String s, int keep) {
    Matcher m = HASHTAG.matcher(s);
    StringBuilder out = new StringBuilder();
    int n = 0;
    int from = 0;
    while (m.find()) {
      n++;
      if (n > keep) {
        out.append(s, from, m.start());
        from = m.end();
      }
    }
    out.append(s.substring(from));
    return out.toString().replaceAll("[ \\t]{2,}", " ").replaceAll("[ \\t]+\n", "\n").strip();
  }
}
