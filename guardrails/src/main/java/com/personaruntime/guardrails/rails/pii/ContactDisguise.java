package com.personaruntime.guardrails.rails.pii;

import com.personaruntime.guardrails.RuleIds;
import com.personaruntime.guardrails.rails.links.Links;
import com.personaruntime.guardrails.text.TextChars;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/*
 * E-mail addresses in disguise: "linh @ g mail . com", "linh (at) gmail (dot) com",
 * "linh at gmail dot com", "linh[at]gmail[.]com", "linh a còng gmail chấm com".
 *
 * An at-marker ('@' or '＠' with spaces, "(at)", "[at]", "{at}", "<at>", "-at-", "_at_", "a còng", or the bare word
 * "at") is followed by labels joined by dot-markers ('.', "[.]", "(.)", "(dot)", "[dot]", "-dot-", "_dot_", " dot ",
 * " chấm ", with spaces around allowed; a comma right before a common TLD after '@', "linh@gmail,com"), or by a
 * webmail provider's name alone ("linh at gmail", "linh@yahoo"; after the bare word "at" only when the word
 * before is a handle, not "me" or "work"). With a strong marker a label may be split in two pieces
 * ("g mail"); with the bare word "at" it may not. The host must end in a public suffix
 * (Links.isDomain, the Public Suffix List), so "meet at noon. Then" is not an address.
 *
 * Linear: each at-marker reads a bounded window (64 chars back, 96 forward).
 */
final class ContactDisguise {
  private static final int BACK = 64;
  private static final int FORWARD = 96;

  private ContactDisguise() {
  }

  /** ASCII chars an at-marker may start with ('@', an opening bracket, '-', '_', or a space before "at"): see {@link #atMarker}. */
  private static final boolean[] AT_MARKER_START = new boolean[0x80];

  static {
    for (char c : "@([{<-_ ".toCharArray()) {
      AT_MARKER_START[c] = true;
    }
  }

  static void emails(String text, List<int[]> spans, Pii.Sink sink) {
    int n = text.length();
    final char[] chars = TextChars.of(text, TextChars.PII_DISGUISED); // the hot loop reads the array, the rest the String
    List<int[]> found = null;
    int floor = 0;
    for (int i = 0; i < n; i++) {
      char c = chars[i];
      if (c < 0x80 ? !AT_MARKER_START[c] || (c == ' ' && (i + 1 >= n || (chars[i + 1] | 0x20) != 'a')) : c != '\uFF20') {
        continue; // (a space is a marker only before "at", "a còng", "acong": see atMarker)
      }
      int[] marker = atMarker(text, i);
      if (marker == null) {
        continue;
      }
      int mEnd = marker[0];
      boolean strong = marker[1] >= 1;
      // local part: the token right before the marker (spaces skipped)
      int le = i;
      while (le > floor && text.charAt(le - 1) == ' ') {
        le--;
      }
      int ls = le;
      while (ls > floor && le - ls < BACK && Pii.isLocal(text.charAt(ls - 1))) {
        ls--;
      }
      while (ls < le && text.charAt(ls) == '.') {
        ls++;
      }
      if (le - ls == 1 && strong) {
        // letters typed apart: "l i n h @ g m a i l . c o m"
        while (ls - 2 >= floor && i - ls < BACK && text.charAt(ls - 1) == ' ' && Pii.isLocal(text.charAt(ls - 2))
            && (ls - 3 < floor || !Pii.isLocal(text.charAt(ls - 3)))) {
          ls -= 2;
        }
      }
      if (ls == le) {
        continue;
      }
      // the streaming guard's hold-back (Pii.STREAM_SPAN) covers a match from its first space on: a match
      // ends at most STREAM_SPAN chars after its first space (the local part before it is one word, which
      // the guard never splits), so no part of an address is released before the address completes
      int space = ls;
      while (space < mEnd && !Character.isWhitespace(text.charAt(space))) {
        space++;
      }
      int hardEnd = space < mEnd ? space + Pii.STREAM_SPAN : n;
      if (mEnd >= hardEnd) {
        continue;
      }
      int end = domain(text, mEnd, strong, host -> Links.isDomain(host), hardEnd);
      if (end < 0 && marker[1] != BRACKETED_A) {
        end = providerOnly(text, mEnd, ls, strong);
      }
      if (end > hardEnd) {
        end = -1;
      }
      if (end < 0 && !strong) {
        end = providerDomain(text, mEnd, ls);
        if (end > hardEnd) {
          end = -1;
        }
      }
      if (end < 0) {
        continue;
      }
      if (Pii.overlaps(spans, ls, end)) {
        continue;
      }
      if (found == null) {
        found = new ArrayList<>();
      }
      found.add(new int[] {ls, end});
      sink.found(RuleIds.PII_EMAIL, ls, end, "e-mail address (disguised)");
      floor = end;
      i = end - 1;
    }
    if (found != null) {
      spans.addAll(found);
      spans.sort((a, b) -> Integer.compare(a[0], b[0]));
    }
  }

  /**
   * Fillers between a provider's name and the handle it names ("my gmail is", "gmail của mình:",
   * "yahoo mình là", "gmail của em là"), folded to lower case without diacritics.
   */
  private static final java.util.Set<String> HANDLE_FILLERS = java.util.Set.of("is", "was", "của", "cua", "mình", "minh",
      "em", "tớ", "to", "tui", "anh", "chị", "chi", "là", "la", "id", "acc", "account", "address", "nick", "name", "handle",
      "username", "e", "ở", "o", "của mình", "=", ":", "-", "->", "→");

  /**
   * An address told without its domain: a webmail provider's name, a few filler words, then a handle
   * ("my gmail is milo.brews", "gmail của mình: linh.skincare99", "yahoo: thu_ha.2001"). The handle is a
   * token of local-part characters, 5 to 40 long, with a letter and a digit, '.' or '_' in it (so
   * "my gmail is full" is no handle), that is no domain. Only the handle is reported (one word: the
   * streaming hold-back keeps it whole). Linear: each provider name reads at most 40 chars ahead.
   */
  static void handles(String text, List<int[]> spans, Pii.Sink sink) {
    int n = text.length();
    final char[] chars = TextChars.of(text, TextChars.PII_HANDLES); // the screen reads the array, the rest the String
    List<int[]> found = null;
    for (int i = 0; i < n; i++) {
      char c = (char) (chars[i] | 0x20);
      if ((c != 'g' && c != 'y' && c != 'h' && c != 'i' && c != 'p') || (i > 0 && TextChars.letterOrDigit(chars[i - 1]))) {
        continue;
      }
      int we = i;
      while (we < n && we - i < 12 && TextChars.letter(chars[we])) {
        we++;
      }
      int symbolAt = symbolAt(text, i, we, spans);
      if (symbolAt >= 0) {
        // "milo🌀gmail.com": a symbol or emoji typed for '@' before a webmail provider's own domain
        int ls = symbolAt;
        while (ls > 0 && symbolAt - ls < MAX_HANDLE && Pii.isLocal(text.charAt(ls - 1))) {
          ls--;
        }
        int end = Pii.domainEnd(text, i, n);
        if (symbolAt - ls >= 2 && (ls == 0 || !Character.isLetterOrDigit(text.charAt(ls - 1))) && end > 0
            && Links.isDomain(text.substring(i, end).toLowerCase(Locale.ROOT)) && !Pii.overlaps(spans, ls, end)) {
          if (found == null) {
            found = new ArrayList<>();
          }
          found.add(new int[] {ls, end});
          sink.found(RuleIds.PII_EMAIL, ls, end, "e-mail address (a symbol for '@')");
          i = end;
          continue;
        }
      }
      if (we == i || (we < n && Character.isLetterOrDigit(text.charAt(we))) || !handleProvider(text, i, we)) {
        i = Math.max(i, we - 1);
        continue;
      }
      int k = we;
      int limit = Math.min(n, we + 40);
      int hs = -1;
      while (k < limit) {
        while (k < limit && text.charAt(k) == ' ') {
          k++;
        }
        int ts = k;
        while (k < limit && !Character.isWhitespace(text.charAt(k))) {
          k++;
        }
        if (ts == k) {
          break;
        }
        String tok = text.substring(ts, k).toLowerCase(Locale.ROOT);
        String bare = tok.endsWith(":") && tok.length() > 1 ? tok.substring(0, tok.length() - 1) : tok;
        if (HANDLE_FILLERS.contains(tok) || HANDLE_FILLERS.contains(bare)) {
          continue;
        }
        hs = ts;
        break;
      }
      if (hs < 0) {
        continue;
      }
      int he = hs;
      boolean letter = false;
      boolean mark = false;
      while (he < n && he - hs <= 40 && Pii.isLocal(text.charAt(he))) {
        char h = text.charAt(he);
        letter |= Character.isLetter(h);
        mark |= Character.isDigit(h) || h == '.' || h == '_';
        he++;
      }
      while (he > hs && (text.charAt(he - 1) == '.' || text.charAt(he - 1) == '-')) {
        he--; // the sentence's own full stop
      }
      if (he - hs < 5 || he - hs > 40 || !letter || !mark || !Character.isLetterOrDigit(text.charAt(hs))
          || (he < n && (Character.isLetterOrDigit(text.charAt(he)) || text.charAt(he) == '@'))
          || Links.isDomain(text.substring(hs, he).toLowerCase(Locale.ROOT)) || Pii.overlaps(spans, hs, he)) {
        continue;
      }
      boolean digitsOnly = true;
      for (int q = hs; q < he && digitsOnly; q++) {
        digitsOnly = !Character.isLetter(text.charAt(q));
      }
      if (digitsOnly) {
        continue;
      }
      if (found == null) {
        found = new ArrayList<>();
      }
      found.add(new int[] {hs, he});
      sink.found(RuleIds.PII_EMAIL, hs, he, "e-mail address (named by its provider, no domain)");
      i = he;
    }
    if (found != null) {
      spans.addAll(found);
      spans.sort((a, b) -> Integer.compare(a[0], b[0]));
    }
  }

  private static final int MAX_HANDLE = 40;

  private static final String[] HANDLE_PROVIDER_WORDS = {"gmail", "yahoo", "hotmail", "icloud", "protonmail", "gmx", "yandex",
      "ymail", "googlemail"};
  private static final int PROVIDER_MIN = java.util.Arrays.stream(HANDLE_PROVIDER_WORDS).mapToInt(String::length).min().getAsInt();
  private static final int PROVIDER_MAX = java.util.Arrays.stream(HANDLE_PROVIDER_WORDS).mapToInt(String::length).max().getAsInt();

  /**
   * {@code HANDLE_PROVIDERS.contains(text.substring(s, e).toLowerCase(Locale.ROOT))} without a copy of the word
   * (every word starting with g, y, h, i or p asks, "giá", "hằng", "phải" among them), compared in place.
   *
   * <p>Exact because {@link Locale#ROOT} lower-cases every char at or above U+0080 to a string holding a char at or
   * above U+0080, except the Kelvin sign U+212A, which becomes 'k' (checked over every char and code point by
   * {@code ContactDisguiseFastPathTest}); the providers are lower-case ASCII. So a word with any other such char is
   * none of them, and the Kelvin sign compares as 'k'.
   */
  static boolean handleProvider(String text, int s, int e) {
    int len = e - s;
    if (len < PROVIDER_MIN || len > PROVIDER_MAX) {
      return false;
    }
    next:
    for (String p : HANDLE_PROVIDER_WORDS) {
      if (p.length() != len) {
        continue;
      }
      for (int k = 0; k < len; k++) {
        char c = text.charAt(s + k);
        if (c >= 'A' && c <= 'Z') {
          c = (char) (c + 32);
        } else if (c >= 0x80) {
          if (c != KELVIN) {
            return false; // lower-cases to a string with a char >= U+0080: no provider
          }
          c = 'k';
        }
        if (c != p.charAt(k)) {
          continue next;
        }
      }
      return true;
    }
    return false;
  }

  /** U+212A KELVIN SIGN, the one char at or above U+0080 that {@link Locale#ROOT} lower-cases to ASCII ('k'). */
  static final char KELVIN = '\u212A';

  /**
   * Where a symbol or emoji stands right before the word text[i, we) when that word is a webmail
   * provider followed by a dot ("milo🌀gmail.com", "milo☆yahoo.com"): the symbol's start, else -1.
   */
  private static int symbolAt(String text, int i, int we, List<int[]> spans) {
    if (i == 0 || we >= text.length() || text.charAt(we) != '.'
        || !PROVIDERS.contains(text.substring(i, we).toLowerCase(Locale.ROOT))) {
      return -1;
    }
    int cp = text.codePointBefore(i);
    int at = i - Character.charCount(cp);
    int type = Character.getType(cp);
    boolean symbol = type == Character.OTHER_SYMBOL || type == Character.MATH_SYMBOL || type == Character.MODIFIER_SYMBOL
        || type == Character.OTHER_PUNCTUATION && cp != '.' && cp != ',' && cp != '!' && cp != '?' && cp != ':' && cp != ';';
    if (!symbol || cp == '@' || at == 0 || !Pii.isLocal(text.charAt(at - 1))) {
      return -1;
    }
    return at;
  }

  /** Providers whose name alone says the handle after it is an e-mail address ("my gmail is ..."). */
  static final java.util.Set<String> HANDLE_PROVIDERS = java.util.Set.of(HANDLE_PROVIDER_WORDS);

  private static final String[] SPACED_AT_WORDS = {" a còng ", " a cong ", " acong ", " a c\u00f2ng ", " a móc ", " a moc ",
      " amoc ", " a m\u00f3c ", " at sign ", " at-sign ", " arroba ", " arobase "};
  /** Words for '@' inside brackets ("(a còng)", "[a móc]", "(at sign)"), folded to lower case. */
  private static final java.util.Set<String> BRACKET_AT_WORDS = nfc("at", "@", "a c\u00f2ng", "a cong", "acong", "a m\u00f3c",
      "a moc", "amoc", "at sign", "arroba", "arobase", "a");
  /** Strength of a bracketed lone "a" ("[a]", "(a)"): an address only with a whole domain after it, never a provider alone. */
  static final int BRACKETED_A = 3;
  /** Words for '.' inside brackets or spelled out between spaces ("(chấm)", " period "), folded to lower case. */
  private static final String[] DOT_WORDS = {"dot", "ch\u1ea5m", "cha\u0302\u0301m", "ch\u00e2\u0301m", "cham", "period",
      "punto", "point", "punkt", "ponto"};

  private static java.util.Set<String> nfc(String... words) {
    java.util.Set<String> set = new java.util.HashSet<>();
    for (String w : words) {
      set.add(java.text.Normalizer.normalize(w, java.text.Normalizer.Form.NFC));
    }
    return set;
  }

  /** The text in brackets [from, to), trimmed, lower case, composed (NFC). */
  private static String inside(String text, int from, int to) {
    return java.text.Normalizer.normalize(text.substring(from, to).trim().toLowerCase(Locale.ROOT), java.text.Normalizer.Form.NFC);
  }

  /** At-marker starting at i: {end, strong?1:0}, or null. */
  static int[] atMarker(String text, int i) {
    int n = text.length();
    char c = text.charAt(i);
    if (c == '@' || c == '\uFF20') {
      boolean spaced = (i > 0 && text.charAt(i - 1) == ' ') || (i + 1 < n && text.charAt(i + 1) == ' ');
      // a plain "a@b.c" is the plain scanner's (its span is skipped below); "a@b dot c", "a@b[.]c" are ours
      return new int[] {i + 1, spaced ? 1 : 2};
    }
    if (c == '-' || c == '_') {
      // "linh -at- gmail -dot- com", "linh_at_gmail_dot_com"
      return i + 3 < n && text.regionMatches(true, i + 1, "at", 0, 2) && text.charAt(i + 3) == c ? new int[] {i + 4, 1} : null;
    }
    if (c == '(' || c == '[' || c == '{' || c == '<') {
      char close = c == '(' ? ')' : c == '[' ? ']' : c == '{' ? '}' : '>';
      int e = bracketed(text, i, close);
      if (e < 0) {
        return null;
      }
      String w = inside(text, i + 1, e - 1);
      if (!BRACKET_AT_WORDS.contains(w)) {
        return null;
      }
      return new int[] {e, w.equals("a") ? BRACKETED_A : 1};
    }
    // c == ' ': " at ", " a còng ", " a cong ", " acong "
    if (i + 1 >= n || (text.charAt(i + 1) | 0x20) != 'a') {
      return null;
    }
    if (i + 2 < n) {
      // every spaced marker goes on with ' ', 'c', 'm' or 't' after the "a": most words ("and",
      // "ask") end here without comparing the marker list
      char c2 = text.charAt(i + 2);
      if (c2 < 128 && c2 != ' ' && (c2 | 0x20) != 'c' && (c2 | 0x20) != 'm' && (c2 | 0x20) != 't' && (c2 | 0x20) != 'r') {
        return null;
      }
    }
    for (String w : SPACED_AT_WORDS) {
      if (text.regionMatches(true, i, w, 0, w.length())) {
        return new int[] {i + w.length(), 1};
      }
    }
    if (text.regionMatches(true, i, " at ", 0, 4)) {
      return new int[] {i + 4, 0};
    }
    return null;
  }

  /** End (exclusive) of a bracket opened at i and closed by {@code close} within 12 chars, or -1. */
  private static int bracketed(String text, int i, char close) {
    int n = text.length();
    for (int k = i + 1; k < n && k - i <= 12; k++) {
      char c = text.charAt(k);
      if (c == close) {
        return k > i + 1 ? k + 1 : -1;
      }
      if (c == '(' || c == '[' || c == '{' || c == '<' || c == '\n') {
        return -1;
      }
    }
    return -1;
  }

  /** Dot-marker at i (spaces around allowed): its end, or -1. */
  static int dotMarker(String text, int i) {
    int n = text.length();
    int k = i;
    while (k < n && text.charAt(k) == ' ' && k - i < 2) {
      k++;
    }
    if (k >= n) {
      return -1;
    }
    int e = -1;
    char c = text.charAt(k);
    if (c == '.' || c == '\u3002' || c == '\uFF0E') {
      e = k + 1;
    } else if (c == ',' && k == i && commaTld(text, k + 1)) {
      e = k + 1; // "linh@gmail,com": a comma typed for the dot, right before a common TLD
    } else if ((c == '-' || c == '_') && k + 4 < n && text.regionMatches(true, k + 1, "dot", 0, 3) && text.charAt(k + 4) == c) {
      e = k + 5;
    } else if (c == '(' || c == '[' || c == '{' || c == '<') {
      char close = c == '(' ? ')' : c == '[' ? ']' : c == '{' ? '}' : '>';
      int b = bracketed(text, k, close);
      if (b > 0) {
        String w = inside(text, k + 1, b - 1);
        if (w.equals(".") || w.equals("\u00b7") || java.util.Arrays.asList(DOT_WORDS).contains(w)) {
          e = b;
        }
      }
    } else if (k > i) {
      for (String w : DOT_WORDS) {
        if (text.regionMatches(true, k, w, 0, w.length()) && k + w.length() < n && text.charAt(k + w.length()) == ' ') {
          return k + w.length() + 1;
        }
      }
    }
    if (e < 0) {
      return -1;
    }
    // spaces after the dot only when there were spaces before it ("gmail . com", not "this. Com")
    int before = k - i;
    int after = 0;
    while (e < n && text.charAt(e) == ' ' && after < 2) {
      e++;
      after++;
    }
    if (after > 0 && before == 0) {
      return -1;
    }
    return e;
  }

  /**
   * True when a dot-marker's text spells the dot out as "dot" or "chấm": the only dots a bare "at" may
   * be followed by. "period", "point", "punto" are ordinary words too ("at some point in", "at that
   * period in"), so they stand for the dot only after a strong at-marker ("at sign", "arroba", "(at)").
   */
  private static boolean spelledDot(String dotText) {
    return dotText.contains("dot") || dotText.contains("cham") || dotText.contains("ch\u1ea5m")
        || dotText.contains("ch\u00e2\u0301m") || dotText.contains("cha\u0302\u0301m");
  }

  /**
   * After the bare word "at": a webmail provider's own domain with a real dot ("milo at gmail.com",
   * "linh at yahoo.com.vn"), the local part a handle ({@link #handleBefore}); its end, or -1. Any other
   * domain after "at" stays a link ("order at glowshop.beauty").
   */
  private static int providerDomain(String text, int from, int ls) {
    int n = text.length();
    int k = from;
    int s = k;
    while (k < n && k - s <= 12 && Character.isLetter(text.charAt(k))) {
      k++;
    }
    if (k == s || k >= n || text.charAt(k) != '.' || !PROVIDERS.contains(text.substring(s, k).toLowerCase(Locale.ROOT))) {
      return -1;
    }
    int end = Pii.domainEnd(text, s, n);
    if (end < 0 || !Links.isDomain(text.substring(s, end).toLowerCase(Locale.ROOT)) || !handleBefore(text, ls, s)) {
      return -1;
    }
    return end;
  }

  /** True when "-dot-" starts at i (a glued dot-marker: "linh-at-gmail-dot-com"). */
  private static boolean dashDot(String text, int i) {
    return text.charAt(i) == '-' && i + 4 < text.length() && text.regionMatches(true, i + 1, "dot", 0, 3)
        && text.charAt(i + 4) == '-';
  }

  /** Top-level domains a comma may stand for the dot before ("gmail,com"): a comma before any other word is a comma. */
  private static final java.util.Set<String> COMMA_TLDS = java.util.Set.of("com", "net", "org", "vn", "edu", "gov", "io",
      "co", "me", "info", "biz", "uk", "de", "fr", "jp", "kr", "cn", "ru", "sg", "au", "ca", "us");

  /** True when a TLD of {@link #COMMA_TLDS} (lower case, then no letter or digit) starts at i. */
  private static boolean commaTld(String text, int i) {
    int n = text.length();
    int e = i;
    while (e < n && e - i <= 4 && text.charAt(e) >= 'a' && text.charAt(e) <= 'z') {
      e++;
    }
    return e > i && (e >= n || !Character.isLetterOrDigit(text.charAt(e))) && COMMA_TLDS.contains(text.substring(i, e));
  }

  /**
   * Webmail providers whose name alone, without a TLD, completes an address after an at-marker
   * ("linh at gmail", "linh@yahoo", "linh (at) hotmail").
   */
  private static final java.util.Set<String> PROVIDERS = java.util.Set.of("gmail", "googlemail", "yahoo", "ymail", "hotmail",
      "outlook", "icloud", "proton", "protonmail", "gmx", "yandex", "aol", "zoho", "fastmail", "tutanota", "mailru", "qq",
      "naver", "rocketmail", "msn");

  /**
   * Words that stand before "at gmail" without being an address's local part ("reach me at gmail",
   * "I work at Gmail", "sign in at gmail"): only a bare "at" needs this, a strong marker is an address.
   */
  private static final java.util.Set<String> NOT_LOCAL = java.util.Set.of("me", "us", "you", "him", "her", "them", "it", "i",
      "we", "they", "in", "on", "up", "into", "log", "login", "sign", "signed", "logged", "work", "works", "worked", "working",
      "job", "jobs", "mail", "email", "e-mail", "inbox", "account", "accounts", "here", "there", "now", "available", "find",
      "found", "reach", "contact", "message", "write", "ping", "dm", "someone", "anyone", "everyone", "people", "engineer",
      "engineers", "team", "teams", "intern", "interns", "friend", "friends", "staff", "folks", "guys", "is", "was", "are",
      "be", "been", "look", "looked", "see", "saw", "spam", "filter", "filters", "address", "addresses", "one", "ones", "mine",
      "yours", "ours", "that", "this", "what", "who", "not", "or", "and", "but", "also", "too", "just", "only", "even",
      "still", "well", "so", "as", "than", "then", "both", "all", "any", "some", "no", "via", "send", "sent", "it's", "its");

  /**
   * End of a provider name right after the at-marker that ends at {@code from} ("linh at gmail"), or -1:
   * a whole word of {@link #PROVIDERS} not followed by a dot or a letter (that is a domain's job). After
   * the bare word "at" the local part {@code text[ls, ...)} must be a handle, not an ordinary word
   * ({@link #NOT_LOCAL}), and a capitalised person before a capitalised provider ("Linh at Gmail") is
   * someone working there.
   */
  private static int providerOnly(String text, int from, int ls, boolean strong) {
    int n = text.length();
    int k = from;
    while (k < n && text.charAt(k) == ' ' && k - from < 2) {
      k++;
    }
    int s = k;
    while (k < n && k - s <= 12 && Character.isLetter(text.charAt(k))) {
      k++;
    }
    if (k == s || (k < n && (Pii.isLabelChar(text.charAt(k)) || text.charAt(k) == '@' || text.charAt(k) == '\''
        || (text.charAt(k) == '.' && k + 1 < n && Character.isLetterOrDigit(text.charAt(k + 1)))))) {
      return -1;
    }
    if (!PROVIDERS.contains(text.substring(s, k).toLowerCase(Locale.ROOT))) {
      return -1;
    }
    if (!strong && !handleBefore(text, ls, s)) {
      return -1;
    }
    return k;
  }

  /**
   * True when the token at {@code ls} before a bare "at" is a handle, not an ordinary word: not one of
   * {@link #NOT_LOCAL} ("reach me at gmail", "work at Gmail"), a whole token ("I'm at"), and not a
   * capitalised person before a capitalised provider at {@code s} ("Linh at Gmail").
   */
  private static boolean handleBefore(String text, int ls, int s) {
    int n = text.length();
    int le = ls;
    while (le < n && Pii.isLocal(text.charAt(le))) {
      le++;
    }
    if (ls > 0 && (Character.isLetter(text.charAt(ls - 1)) || text.charAt(ls - 1) == '\'' || text.charAt(ls - 1) == '\u2019')) {
      return false; // "I'm at gmail": not a whole token
    }
    return !NOT_LOCAL.contains(text.substring(ls, le).toLowerCase(Locale.ROOT))
        && !(Character.isUpperCase(text.charAt(ls)) && Character.isUpperCase(text.charAt(s)));
  }

  interface HostCheck {
    boolean ok(String host);
  }

  /** Reads labels and dot-markers from {@code from}; returns the end of the last valid TLD, or -1. */
  static int domain(String text, int from, boolean strong, HostCheck check, int hardEnd) {
    int n = text.length();
    int limit = Math.min(Math.min(n, hardEnd), from + FORWARD);
    int k = from;
    while (k < limit && text.charAt(k) == ' ' && k - from < 2) {
      k++;
    }
    StringBuilder host = new StringBuilder();
    int labels = 0;
    int best = -1;
    while (k < limit) {
      // one label: a token, or (strong marker) two tokens joined by one space ("g mail")
      int ts = k;
      while (k < limit && Pii.isLabelChar(text.charAt(k)) && !dashDot(text, k)) {
        k++;
      }
      if (k == ts) {
        break;
      }
      String label = text.substring(ts, k);
      if (strong && k - ts == 1) {
        // letters typed apart: "g m a i l", "c o m"
        StringBuilder sb = new StringBuilder(label);
        while (k + 1 < limit && text.charAt(k) == ' ' && Pii.isLabelChar(text.charAt(k + 1))
            && (k + 2 >= limit || !Pii.isLabelChar(text.charAt(k + 2)))) {
          sb.append(text.charAt(k + 1));
          k += 2;
        }
        label = sb.toString();
      }
      if (strong && labels == 0 && k + 1 < limit && text.charAt(k) == ' ' && Pii.isLabelChar(text.charAt(k + 1))
          && dotMarker(text, k) < 0) {
        int t2 = k + 1;
        int k2 = t2;
        while (k2 < limit && Pii.isLabelChar(text.charAt(k2))) {
          k2++;
        }
        if (dotMarker(text, k2) > 0 && k2 - ts <= 24) {
          label = label + text.substring(t2, k2);
          k = k2;
        }
      }
      if (host.length() > 0) {
        host.append('.');
      }
      host.append(label.toLowerCase(Locale.ROOT));
      labels++;
      if (labels >= 2 && check.ok(host.toString())) {
        best = k;
      }
      int d = dotMarker(text, k);
      if (d < 0 || d >= limit || !Pii.isLabelChar(text.charAt(d))) {
        break;
      }
      String dotText = text.substring(k, d).toLowerCase(Locale.ROOT);
      if (!strong && !spelledDot(dotText)) {
        // after the bare word "at", only a spelled-out dot makes an address ("at gmail dot com"), so
        // "order at glowshop.beauty" and "deal at cheap-serum[.]shop" stay links
        break;
      }
      k = d;
    }
    return best;
  }
}
