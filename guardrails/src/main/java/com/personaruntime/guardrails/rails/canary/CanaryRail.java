package com.personaruntime.guardrails.rails.canary;

import com.personaruntime.guardrails.Direction;
import com.personaruntime.guardrails.Finding;
import com.personaruntime.guardrails.RuleIds;
import com.personaruntime.guardrails.rails.Rail;
import com.personaruntime.guardrails.rails.RailContext;
import com.personaruntime.guardrails.rails.RailInput;
import com.personaruntime.guardrails.text.NormalizedText;
import com.personaruntime.guardrails.text.TextNormalizer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The system prompt's canary token in output, even obfuscated (rule {@code canary_leak}). The token
 * is per reply, so the rail's declared span is 0 and the streaming guard adds
 * {@link #canaryNormLen} for the reply's token.
 *
 * <p>A leak is the token verbatim, its base64, or its letters and digits in order within one released
 * sentence (forwards or backwards; spelled as digit words or NATO letters), each folded on its own, whatever
 * the separators, case or look-alikes. The normaliser's word folds are not used: they exist for natural
 * words, may eat most of a random token (VNI: "ke8797177" folds to "ke") and read digits as leetspeak
 * ("is" as "1s"), so what is left of a token would match innocent text.
 */
public final class CanaryRail extends Rail {
  public CanaryRail(RailContext policy) {
    super(policy, "canary", SpanUnit.NORMALISED, RuleIds.CANARY_LEAK);
  }

  @Override
  public int maxSpan(Direction d) {
    return 0; // per reply: canaryNormLen(token), added by the streaming guard
  }

  @Override
  public void check(RailInput in, List<Finding> out) {
    if (in.ctx().canaryToken() != null) {
      canary(in.text(), in.nt(), in.ctx().canaryToken(), out);
    }
  }

  /**
   * @return the longest normalised span (chars) an obfuscated form of {@code canary} can cover, its characters spelled
   *     out as words included ("k three f nine", "kilo three foxtrot nine"); 0 without a token
   */
  public static int canaryNormLen(String canary) {
    if (canary == null) {
      return 0;
    }
    int spelled = 1;
    for (int i = 0; i < canary.length(); ) {
      int cp = canary.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        String f = TextNormalizer.fold(cp);
        spelled += Math.max(f.length(), f.length() == 1 ? SPELLED_MAX_LEN[f.charAt(0) & 0x7f] : 0) + 1;
      }
    }
    int folded = 2 * Math.max(TextNormalizer.normalize(canary).length(), significant(canary)) + 1;
    return Math.max(folded + SPLIT_GAP, spelled);
  }

  /**
   * Most normalised chars between the pieces of a token split by words ({@link #splitLeak}: "k7b2e and then 05d4"), all
   * gaps together; {@link #canaryNormLen} adds it, so the streaming guard holds such a match whole.
   */
  static final int SPLIT_GAP = 24;
  /** Most pieces of a token split by words. */
  static final int SPLIT_PIECES = 3;

  /** Number of letters and digits of {@code token} (code points). */
  static int significant(String token) {
    return (int) token.codePoints().filter(Character::isLetterOrDigit).count();
  }

  /*
   * How a reply leaks the token (breaker b5): verbatim; its letters and digits in order, each folded on its own (case,
   * diacritics, look-alikes, full-width, other scripts' digits such as "٣"), whatever lies between them that is no
   * letter or digit (spaces, dashes, emoji, a line break without a sentence end); the same read backwards; its
   * characters spelled as words (digits in English or Vietnamese, letters in the NATO alphabet: "k three f nine",
   * "kilo three foxtrot nine", "k ba f chín"); or its base64. Never across a sentence end the streaming guard
   * releases at (NormalizedText.breakEnds), and never through the normaliser's word folds, whose leetspeak reads
   * "is" as "1s" ("Batch k3f9a-0c7 is sold out" held a token ending in "71").
   */
  private static final Map<String, Character> SPELLED = spelled();
  private static final int[] SPELLED_MAX_LEN = new int[128];

  static {
    SPELLED.forEach((w, c) -> {
      if (c < 128) {
        SPELLED_MAX_LEN[c] = Math.max(SPELLED_MAX_LEN[c], w.length());
      }
    });
  }

  private static Map<String, Character> spelled() {
    Map<String, Character> m = new HashMap<>();
    String[] en = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
    String[] vi = {"khong", "mot", "hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin"};
    for (int d = 0; d < 10; d++) {
      m.put(en[d], (char) ('0' + d));
      m.put(vi[d], (char) ('0' + d));
    }
    m.put("oh", '0');
    m.put("tu", '4');
    m.put("linh", '0'); // "một linh năm" (105)
    // French and Spanish digits (breaker b6: "k sept b deux e zéro cinq", "k siete b dos e cero cinco"; "six" is en)
    String[] fr = {"zero", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"};
    String[] es = {"cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"};
    for (int d = 0; d < 10; d++) {
      m.putIfAbsent(fr[d], (char) ('0' + d));
      m.putIfAbsent(es[d], (char) ('0' + d));
    }
    // Vietnamese names of the letters a hex token and the runtime's "k" use, folded (breaker b6: "ca bảy bê hai e không
    // năm đê bốn"); "a" and "e" are read as themselves
    m.putIfAbsent("be", 'b');
    m.putIfAbsent("xe", 'c');
    m.putIfAbsent("de", 'd');
    m.putIfAbsent("ep", 'f');
    m.putIfAbsent("ca", 'k');
    String[] nato = {"alfa", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett", "kilo",
        "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey",
        "xray", "yankee", "zulu"};
    for (String w : nato) {
      m.put(w, w.charAt(0));
    }
    m.put("alpha", 'a');
    m.put("juliet", 'j');
    m.put("whisky", 'w');
    return Map.copyOf(m);
  }

  private void canary(String text, NormalizedText nt, String token, List<Finding> out) {
    int i = indexOfIgnoreCase(text, token);
    if (i >= 0) {
      out.add(policy.finding(RuleIds.CANARY_LEAK, i, i + token.length(), "Canary token from the system prompt appears in the output", null));
      return;
    }
    StringBuilder needle = new StringBuilder();
    token.codePoints().filter(Character::isLetterOrDigit).forEach(cp -> needle.append(foldChar(cp)));
    if (needle.length() == 0) {
      return;
    }
    for (String b64 : base64Forms(token)) {
      int j = text.indexOf(b64);
      if (j >= 0) {
        out.add(policy.finding(RuleIds.CANARY_LEAK, j, j + b64.length(),
            "Canary token from the system prompt appears (base64) in the output", null));
        return;
      }
    }
    if (!foldedLeak(text, nt, needle.toString(), false, out) && !foldedLeak(text, nt, needle.toString(), true, out)) {
      splitLeak(text, nt, needle.toString(), out);
    }
  }

  /*
   * A token split into pieces with words between them (breaker b7): "It starts with k7b2e and ends with 05d4", "nửa đầu
   * là k7b2, nửa sau là e05d4", "first k3f9, then a0c71". Words are runs of letters and digits, folded by foldChar. A
   * piece is a word of at least two chars; every piece but the last holds a digit (a random token's piece does; a plain
   * word such as "the" or "a" is no piece), the first is a prefix of the token and each next piece goes on with it until
   * the token is whole, in at most SPLIT_PIECES pieces within one released sentence. The match, pieces and words between,
   * spans at most 2 * len + 1 + SPLIT_GAP normalised chars (checked here, held by the streaming guard through
   * canaryNormLen). Work: for each word, at most SPLIT_PIECES - 1 looks ahead over words within that span, each
   * compared over at most the token's length: linear in the text for a given token.
   */
  private void splitLeak(String text, NormalizedText nt, String needle, List<Finding> out) {
    int n = text.length();
    // the words, their folded chars, and the normalised index of each original position (for the span bound)
    List<int[]> words = new java.util.ArrayList<>();
    List<String> folded = new java.util.ArrayList<>();
    StringBuilder w = new StringBuilder();
    int ws = -1;
    for (int i = 0; i <= n; ) {
      int cp = i < n ? text.codePointAt(i) : ' ';
      int next = i + Character.charCount(cp);
      if (i < n && Character.isLetterOrDigit(cp)) {
        if (ws < 0) {
          ws = i;
        }
        w.append(foldChar(cp));
      } else if (ws >= 0) {
        words.add(new int[] {ws, i});
        folded.add(w.toString());
        w.setLength(0);
        ws = -1;
      }
      i = next;
    }
    if (words.size() < 2) {
      return;
    }
    int[] normAt = new int[n + 1];
    java.util.Arrays.fill(normAt, -1);
    for (int p = 0; p < nt.length(); p++) {
      int os = nt.origStart(p);
      if (os >= 0 && os <= n && normAt[os] < 0) {
        normAt[os] = p;
      }
    }
    int last = nt.length();
    for (int k = n; k >= 0; k--) {
      if (normAt[k] < 0) {
        normAt[k] = last;
      } else {
        last = normAt[k];
      }
    }
    int limit = 2 * needle.length() + 1 + SPLIT_GAP;
    for (int a = 0; a < words.size(); a++) {
      String first = folded.get(a);
      if (first.length() < 2 || first.length() >= needle.length() || !needle.startsWith(first) || !hasDigit(first)) {
        continue;
      }
      int done = first.length();
      int start = words.get(a)[0];
      int pieces = 1;
      int b = a + 1;
      while (b < words.size() && pieces < SPLIT_PIECES) {
        int[] wb = words.get(b);
        if (normAt[wb[1]] - normAt[start] > limit || sentenceEndBetween(nt, normAt[start], normAt[wb[0]])) {
          break;
        }
        String piece = folded.get(b);
        if (piece.length() >= 2 && needle.startsWith(piece, done) && (done + piece.length() == needle.length()
            || hasDigit(piece))) {
          done += piece.length();
          pieces++;
          if (done == needle.length()) {
            out.add(policy.finding(RuleIds.CANARY_LEAK, start, wb[1],
                "Canary token from the system prompt appears (split into pieces) in the output", null));
            return;
          }
        }
        b++;
      }
    }
  }

  private static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        return true;
      }
    }
    return false;
  }

  /** True when a sentence break lies in normalised [from, to). Linear in the span (bounded by the caller). */
  private static boolean sentenceEndBetween(NormalizedText nt, int from, int to) {
    for (int p = Math.max(0, from); p < to && p < nt.length(); p++) {
      if (nt.chars[p] == TextNormalizer.BREAK) {
        return true;
      }
    }
    return false;
  }

  /** True when original [s, e) holds only whitespace (a line break without a sentence end). */
  private static boolean softSeparator(String text, int s, int e) {
    for (int i = s; i < e && i < text.length(); i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** A letter or digit folded on its own: any script's decimal digit is its ASCII digit. */
  private static String foldChar(int cp) {
    if (Character.isDigit(cp)) {
      int d = Character.digit(cp, 10);
      if (d >= 0) {
        return String.valueOf((char) ('0' + d));
      }
    }
    return TextNormalizer.fold(cp);
  }

  private static List<String> base64Forms(String token) {
    byte[] b = token.getBytes(StandardCharsets.UTF_8);
    String std = Base64.getEncoder().encodeToString(b);
    String url = Base64.getUrlEncoder().encodeToString(b);
    String bare = std.replace("=", "");
    return bare.length() < 8 ? List.of() : List.of(std, url, bare, url.replace("=", ""));
  }

  /**
   * The token's letters and digits (folded by {@link #foldChar}) found, forwards or backwards, in the text's folded
   * letters and digits of one released sentence; with {@code spelled}, a word that spells one character (digit words,
   * NATO letters) stands for it. Returns whether a leak was found.
   */
  private boolean foldedLeak(String text, NormalizedText nt, String needle, boolean spelled, List<Finding> out) {
    // every sentence break, topic questions included ("Ke? 8797177" is no leak), but not a line break that ends no
    // sentence ("Token:\nk3f9a\n0c71"): its original separator holds no terminator
    int nbreaks = 0;
    int[] breakEnds = new int[8];
    for (int p = 0; p < nt.length(); p++) {
      if (nt.chars[p] == TextNormalizer.BREAK && !softSeparator(text, nt.origStart(p), nt.origEnd(p))) {
        if (nbreaks == breakEnds.length) {
          breakEnds = Arrays.copyOf(breakEnds, nbreaks * 2);
        }
        breakEnds[nbreaks++] = nt.origEnd(p);
      }
    }
    StringBuilder compact = new StringBuilder(text.length());
    int[] from = new int[text.length() + nbreaks + 1];
    int[] to = new int[from.length];
    int b = 0;
    StringBuilder word = new StringBuilder();
    int wordStart = 0;
    for (int i = 0; i <= text.length(); ) {
      int cp = i < text.length() ? text.codePointAt(i) : ' ';
      int next = i + Character.charCount(cp);
      boolean letter = i < text.length() && Character.isLetterOrDigit(cp);
      if (!letter && word.length() > 0) {
        // a word ends: spelled, it may stand for one character; else its folded letters and digits
        Character c = spelled ? SPELLED.get(word.toString()) : null;
        if (c != null) {
          compact.append(c.charValue());
          from[compact.length() - 1] = wordStart;
          to[compact.length() - 1] = i;
        } else {
          int k = wordStart;
          while (k < i) {
            int wc = text.codePointAt(k);
            int wn = k + Character.charCount(wc);
            String f = foldChar(wc);
            if (compact.length() + f.length() > from.length) {
              from = Arrays.copyOf(from, 2 * from.length + f.length());
              to = Arrays.copyOf(to, from.length);
            }
            for (int x = 0; x < f.length(); x++) {
              from[compact.length()] = k;
              to[compact.length()] = wn;
              compact.append(f.charAt(x));
            }
            k = wn;
          }
        }
        word.setLength(0);
      }
      if (i >= text.length()) {
        break;
      }
      while (b < nbreaks && breakEnds[b] <= i) {
        b++;
        if (compact.length() + 1 > from.length) {
          from = Arrays.copyOf(from, 2 * from.length + 1);
          to = Arrays.copyOf(to, from.length);
        }
        from[compact.length()] = i;
        to[compact.length()] = i;
        compact.append(TextNormalizer.BREAK); // no leak spans a released sentence end (the streaming guard relies on it)
      }
      if (letter) {
        if (word.length() == 0) {
          wordStart = i;
        }
        word.append(foldChar(cp));
      }
      i = next;
    }
    int j = compact.indexOf(needle);
    if (j < 0) {
      j = compact.indexOf(new StringBuilder(needle).reverse().toString());
    }
    if (j >= 0) {
      out.add(policy.finding(RuleIds.CANARY_LEAK, from[j], to[j + needle.length() - 1],
          "Canary token from the system prompt appears (obfuscated) in the output", null));
      return true;
    }
    return false;
  }

  private static int indexOfIgnoreCase(String text, String token) {
    int n = token.length();
    for (int i = 0; i + n <= text.length(); i++) {
      if (text.regionMatches(true, i, token, 0, n)) {
        return i;
      }
    }
    return -1;
  }

}
