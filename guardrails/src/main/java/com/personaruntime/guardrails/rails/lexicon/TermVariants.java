package com.personaruntime.guardrails.rails.lexicon;

import com.personaruntime.guardrails.text.HashtagSegmenter;
import com.personaruntime.guardrails.text.TextNormalizer;
import com.personaruntime.guardrails.text.WordFolds;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/*
 * The other forms real text gives a persona's own term (banned terms, competitors, forbidden claims),
 * generated once when the policy is compiled, so matching stays a word walk:
 *  - any term: the term typed as one word ("rip-off" -> "ripoff", "ripoffs");
 *  - English claims of two or three words: the verb inflected and in the compounds it makes
 *    ("burns fat" -> "burned fat", "burnt fat", "fat burning", "fat-burning", "fatburner"; "boosts
 *    metabolism" -> "metabolism boost"; "prevents cancer" -> "cancer prevention"), a noun compound
 *    turned into its verb ("weight loss" -> "lose weight", "losing weight"), a participle or an
 *    adjective after its noun ("guaranteed results" -> "results are guaranteed", "guarantee results";
 *    "permanent whitening" -> "whitening that is permanent", "permanently whitens"), and one more word
 *    between the verb or adjective and the rest ("burns belly fat", "boosted my metabolism",
 *    "permanent skin whitening"; never a negation: "burns no fat" is not the claim);
 *  - a single English claim word: its -ify derivations ("detox" -> "detoxify", "detoxifies");
 *  - competitors: the name without a corporate suffix or with another one ("Cupful Coffee Co." ->
 *    "Cupful Coffee", "Cupful Coffee Company", "Cupful Co."), its distinctive leading part when generic
 *    trailing words are dropped ("Bean Bros Roasters" -> "Bean Bros", "BeanBros"; at least two words
 *    stay, so "Cupful" alone is no mention), and common abbreviations spelt out ("Bros" <-> "Brothers",
 *    "Viet" <-> "Vietnam"), and one letter missing from one word of five letters or more ("Cupful Cofee Co");
 *  - Vietnamese terms: the spelling variants of one syllable that people type for the same word
 *    ("nhái" -> "nháy", a loanword's f typed ph: "fake" -> "phake") and a two-syllable idiom as a
 *    simile ("rẻ bèo" -> "rẻ như bèo").
 * Every variant is whole words and keeps the term's rule and display form.
 */
final class TermVariants {
  private TermVariants() {
  }

  /** A proximity variant: head words, then at most {@code gap} words (no negation), then the tail. */
  record Near(List<String> heads, List<String> tails, int gap) {
  }

  /** Plain variants and proximity variants of one term. */
  record Forms(List<String> plain, List<Near> near) {
  }

  /** Words that make a proximity variant's gap a negation ("burns no fat"). */
  static final Set<String> GAP_NEGATORS = Set.of("not", "no", "never", "without", "nor", "none", "zero", "nothing", "t",
      "hardly", "barely", "less");

  /** The term typed as one word: spaces, hyphens, dots and slashes dropped ("rip-off" -> "ripoff"), or null. */
  static String glued(String term) {
    String g = term.replaceAll("[\\s\\-\u2010\u2011\u2012\u2013\u2014_.\u00b7/]+", "");
    return g.isEmpty() || g.equals(term) ? null : g;
  }

  /** Lower-case words of a term when it is plain English (a-z words, hyphens and spaces), else null. */
  static String[] englishWords(String term) {
    String t = term.trim().toLowerCase(Locale.ROOT).replace('-', ' ');
    if (!t.matches("[a-z]+( [a-z]+)*")) {
      return null;
    }
    return t.split(" ");
  }

  /** The stem of a verb in the third person ("burns" -> "burn", "cures" -> "cure", "fixes" -> "fix", "carries" -> "carry"). */
  static String verbStem(String w) {
    if (w.endsWith("ies") && w.length() > 4) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("zes") || w.endsWith("ches") || w.endsWith("shes")) {
      return w.substring(0, w.length() - 2);
    }
    return w.substring(0, w.length() - 1);
  }

  /** Inflected forms of a verb stem: stem, -s, -ed, -ing (e dropped, y to i), and a few irregular pasts. */
  static List<String> verbForms(String stem) {
    Set<String> out = new LinkedHashSet<>();
    out.add(stem);
    boolean e = stem.endsWith("e");
    boolean y = stem.endsWith("y") && stem.length() > 2 && !WordFolds.vowel(stem.charAt(stem.length() - 2));
    out.add(y ? stem.substring(0, stem.length() - 1) + "ies" : stem.endsWith("s") || stem.endsWith("x") || stem.endsWith("sh")
        || stem.endsWith("ch") ? stem + "es" : stem + "s");
    out.add(e ? stem + "d" : y ? stem.substring(0, stem.length() - 1) + "ied" : stem + "ed");
    out.add((e && !stem.endsWith("ee") ? stem.substring(0, stem.length() - 1) : stem) + "ing");
    String irregular = IRREGULAR_PAST.get(stem);
    if (irregular != null) {
      out.add(irregular);
    }
    return new ArrayList<>(out);
  }

  private static final Map<String, String> IRREGULAR_PAST = Map.of("burn", "burnt", "lose", "lost", "melt", "molten",
      "grow", "grew", "shed", "shed", "fight", "fought", "keep", "kept", "make", "made", "take", "took");

  /** Deverbal nouns of claims and their verbs ("weight loss" -> "lose weight"). */
  private static final Map<String, String> NOUN_VERB = Map.ofEntries(Map.entry("loss", "lose"), Map.entry("gain", "gain"),
      Map.entry("control", "control"), Map.entry("reduction", "reduce"), Map.entry("prevention", "prevent"),
      Map.entry("relief", "relieve"), Map.entry("removal", "remove"), Map.entry("treatment", "treat"),
      Map.entry("repair", "repair"), Map.entry("growth", "grow"), Map.entry("boost", "boost"), Map.entry("burn", "burn"),
      Map.entry("cure", "cure"), Map.entry("whitening", "whiten"), Map.entry("lightening", "lighten"),
      Map.entry("detox", "detox"), Map.entry("cleanse", "cleanse"), Map.entry("protection", "protect"),
      Map.entry("recovery", "recover"), Map.entry("healing", "heal"));

  /** Copulas and relative clauses that put an adjective or a participle after its noun ("results are guaranteed"). */
  private static final List<String> COPULAS = List.of("is", "are", "was", "were", "be", "being", "get", "gets", "got",
      "that is", "that s", "that are", "which is", "which are");

  /**
   * The forms of an English claim of one to three words (see the class comment); empty for other terms.
   */
  static Forms englishClaim(String term) {
    String[] w = englishWords(term);
    List<String> plain = new ArrayList<>();
    List<Near> near = new ArrayList<>();
    if (w == null) {
      return new Forms(plain, near);
    }
    if (w.length == 1) {
      String x = w[0];
      if (x.length() >= 4 && !WordFolds.vowel(x.charAt(x.length() - 1)) && x.charAt(x.length() - 1) != 's') {
        for (String suffix : List.of("ify", "ifies", "ified", "ifying", "ification", "ifier", "ifiers")) {
          plain.add(x + suffix); // "detox" -> "detoxifies"
        }
      }
      return new Forms(plain, near);
    }
    if (w.length > 3) {
      return new Forms(plain, near);
    }
    String first = w[0];
    String rest = String.join(" ", java.util.Arrays.copyOfRange(w, 1, w.length));
    String last = w[w.length - 1];
    String before = String.join(" ", java.util.Arrays.copyOfRange(w, 0, w.length - 1));
    if (first.length() >= 4 && first.endsWith("s") && !first.endsWith("ss")) {
      // a verb and its object: "burns fat", "boosts metabolism", "lowers blood pressure"
      String stem = verbStem(first);
      List<String> forms = verbForms(stem);
      for (String f : forms) {
        plain.add(f + " " + rest);
      }
      near.add(new Near(forms, List.of(rest), 1)); // "burns belly fat", "boosted my metabolism"
      // the compound nouns and adjectives it makes: "fat burning", "fat-burning", "fat burner", "metabolism boost"
      String ing = (stem.endsWith("e") && !stem.endsWith("ee") ? stem.substring(0, stem.length() - 1) : stem) + "ing";
      List<String> nouns = new ArrayList<>(List.of(stem, stem + "er", stem + "ers", ing));
      if (stem.endsWith("t")) {
        nouns.add(stem + "ion"); // "cancer prevention"
      }
      for (String n : nouns) {
        plain.add(rest + " " + n);
      }
    } else if (w.length == 2 && NOUN_VERB.containsKey(last)) {
      // a noun compound of a deverbal noun: "weight loss" -> "lose weight", "losing weight"
      List<String> forms = verbForms(NOUN_VERB.get(last));
      for (String f : forms) {
        plain.add(f + " " + before);
      }
      near.add(new Near(forms, List.of(before), 1)); // "lose some weight"
    }
    if (w.length == 2 && !(first.endsWith("s") && !first.endsWith("ss"))) {
      // a participle or adjective before its noun: "guaranteed results", "permanent whitening", "healthiest coffee"
      for (String c : COPULAS) {
        plain.add(last + " " + c + " " + first); // "results are guaranteed", "whitening that is permanent"
      }
      plain.add(last + " " + first); // "results guaranteed"
      near.add(new Near(List.of(first), List.of(last), 1)); // "permanent skin whitening", "guaranteed fast results"
      if (first.endsWith("ed") && first.length() >= 5) {
        // the verb of the participle: "guarantee results", "we guarantee results"
        String stem = first.endsWith("eed") ? first.substring(0, first.length() - 1) : first.substring(0, first.length() - 2);
        Set<String> stems = new LinkedHashSet<>(List.of(stem, first.substring(0, first.length() - 1)));
        for (String s : stems) {
          for (String f : verbForms(s)) {
            plain.add(f + " " + last);
          }
        }
      }
      if (last.endsWith("ing") && last.length() >= 6 && !first.endsWith("ed") && !first.endsWith("est")) {
        // "permanent whitening" -> "permanently whitens", "whitens permanently"
        String verb = last.substring(0, last.length() - 3);
        String adverb = first.endsWith("y") ? first.substring(0, first.length() - 1) + "ily" : first.endsWith("le")
            ? first.substring(0, first.length() - 1) + "y" : first + "ly";
        for (String f : verbForms(verb)) {
          plain.add(adverb + " " + f);
          plain.add(f + " " + adverb);
        }
      }
    }
    plain.remove(String.join(" ", w));
    return new Forms(plain, near);
  }

  /** Corporate suffixes of a company name: optional, and interchangeable. */
  static final List<String> CORPORATE = List.of("co", "company", "corp", "corporation", "inc", "incorporated", "ltd", "limited",
      "llc", "jsc", "plc", "gmbh", "cty");
  /** Generic trailing words of a business name that may be left out when at least two words stay ("Bean Bros Roasters"). */
  static final Set<String> GENERIC = Set.of("roasters", "roaster", "roastery", "roasting", "coffee", "cafe", "tea", "cosmetics",
      "cosmetic", "beauty", "skincare", "skin", "care", "shop", "store", "official", "group", "brand", "brands", "studio", "lab",
      "labs", "vietnam", "viet", "vn", "global", "international", "mall", "my", "pham", "clinic", "spa");
  /** Shortest piece of a one-word name typed as two pieces ("Innis free"); shorter pieces are joined by the scan. */
  static final int SPLIT_PIECE_MIN = 4;
  /** Shortest word of a competitor's name typed with one letter missing ("Cofee"): shorter ones would hit other words. */
  static final int TYPO_MIN = 5;
  /** Abbreviations in names and their spelt-out forms, both ways. */
  static final Map<String, String> ABBREVIATIONS = Map.of("bros", "brothers", "intl", "international", "viet", "vietnam",
      "mfg", "manufacturing", "assoc", "associates");

  /**
   * The forms of a competitor's name (see the class comment): its words as the normaliser reads them
   * (CamelCase split), without or with another corporate suffix, its distinctive leading part, with
   * abbreviations spelt out; each also typed as one word.
   */
  static List<String> competitor(String name) {
    String n = TextNormalizer.normalize(TermSet.Builder.camelSplit(name.trim())).toString().replace(TextNormalizer.BREAK, ' ')
        .trim();
    if (n.isEmpty()) {
      return List.of();
    }
    List<String> full = List.of(n.split(" +"));
    List<String> stripped = new ArrayList<>(full);
    while (stripped.size() > 1 && CORPORATE.contains(stripped.get(stripped.size() - 1))) {
      stripped.remove(stripped.size() - 1);
    }
    // names said alone: the whole name, and without its corporate suffix or generic trailing words while
    // two words or more stay ("cupful coffee", "bean bros"); "GlowCo" is never "glow" alone
    Set<List<String>> alone = new LinkedHashSet<>();
    alone.add(full);
    if (stripped.size() >= 2) {
      alone.add(List.copyOf(stripped));
    }
    List<String> lead = new ArrayList<>(stripped);
    while (lead.size() > 2 && GENERIC.contains(lead.get(lead.size() - 1))) {
      lead.remove(lead.size() - 1);
      alone.add(List.copyOf(lead));
    }
    // names with a corporate suffix: any of those, or the name without its generic words ("cupful co")
    Set<List<String>> suffixed = new LinkedHashSet<>(alone);
    suffixed.remove(full);
    suffixed.add(List.copyOf(stripped));
    List<String> core = new ArrayList<>(stripped);
    while (core.size() > 1 && GENERIC.contains(core.get(core.size() - 1))) {
      core.remove(core.size() - 1);
      suffixed.add(List.copyOf(core));
    }
    Set<String> out = new LinkedHashSet<>();
    for (List<String> b : alone) {
      for (List<String> v : spelled(b)) {
        out.add(String.join(" ", v));
      }
    }
    for (List<String> b : suffixed) {
      for (List<String> v : spelled(b)) {
        for (String c : CORPORATE) {
          out.add(String.join(" ", v) + " " + c);
        }
      }
    }
    // one letter missing from one long word of the name ("Cupful Cofee Co"), the suffix as written
    List<String> suffix = full.subList(stripped.size(), full.size());
    for (int i = 0; i < stripped.size(); i++) {
      String w = stripped.get(i);
      if (w.length() < TYPO_MIN) {
        continue;
      }
      for (int k = 0; k < w.length(); k++) {
        if (k > 0 && w.charAt(k) == w.charAt(k - 1)) {
          continue; // the same word as dropping the letter before
        }
        List<String> v = new ArrayList<>(stripped);
        v.set(i, w.substring(0, k) + w.substring(k + 1));
        v.addAll(suffix);
        if (v.size() >= 2) {
          out.add(String.join(" ", v));
        }
      }
    }
    // a long one-word name typed as two pieces of four letters or more ("Innis free", "Ceta phil"; breaker b7): shorter
    // pieces are read by the joined-words scan already ("Bio derma"). A name that is English words typed together
    // ("Skinfood": "skin food") is not split, as its pieces would be everyday words
    for (int i = 0; i < stripped.size(); i++) {
      String w = stripped.get(i);
      if (w.length() < 2 * SPLIT_PIECE_MIN || !w.chars().allMatch(c -> c >= 'a' && c <= 'z')
          || HashtagSegmenter.knownRest(w.toCharArray(), 0, w.length())) {
        continue;
      }
      for (int k = SPLIT_PIECE_MIN; k <= w.length() - SPLIT_PIECE_MIN; k++) {
        List<String> v = new ArrayList<>(stripped);
        v.set(i, w.substring(0, k) + " " + w.substring(k));
        out.add(String.join(" ", v));
      }
    }
    List<String> withGlued = new ArrayList<>();
    for (String s : out) {
      withGlued.add(s);
      if (s.indexOf(' ') > 0) {
        withGlued.add(s.replace(" ", ""));
      }
    }
    withGlued.remove(n);
    return withGlued;
  }

  /**
   * A name form's plural ("cupful coffee" -> "cupful coffees", "bean bros roaster" -> "bean bros roasters"), or null when
   * its last word is no plain word of three letters or more, already ends in s, or is a corporate suffix.
   */
  static String plural(String form) {
    int sp = form.lastIndexOf(' ');
    String last = form.substring(sp + 1);
    if (last.length() < 3 || !last.chars().allMatch(c -> c >= 'a' && c <= 'z') || last.endsWith("s") || CORPORATE.contains(last)) {
      return null;
    }
    return form + (last.endsWith("x") || last.endsWith("sh") || last.endsWith("ch") ? "es" : "s");
  }

  /** The words with each abbreviation spelt out or abbreviated, one at a time and all together. */
  private static List<List<String>> spelled(List<String> words) {
    List<List<String>> out = new ArrayList<>();
    out.add(words);
    List<String> all = new ArrayList<>(words);
    boolean any = false;
    for (int i = 0; i < words.size(); i++) {
      String other = other(words.get(i));
      if (other != null) {
        List<String> one = new ArrayList<>(words);
        one.set(i, other);
        out.add(one);
        all.set(i, other);
        any = true;
      }
    }
    if (any) {
      out.add(all);
    }
    return out;
  }

  private static String other(String w) {
    String v = ABBREVIATIONS.get(w);
    if (v != null) {
      return v;
    }
    for (Map.Entry<String, String> e : ABBREVIATIONS.entrySet()) {
      if (e.getValue().equals(w)) {
        return e.getKey();
      }
    }
    return null;
  }

  /** Vowels with their tones, plain first: a i y rows for the i/y spelling swap ("nhái" / "nháy"). */
  private static final String I_ROW = "iíìỉĩị";
  private static final String Y_ROW = "yýỳỷỹỵ";

  /**
   * Spelling variants of a Vietnamese term (one with a diacritic): one syllable's final "ai" typed
   * "ay" or the reverse ("hàng nhái" -> "hàng nháy"), a syllable that is no Vietnamese syllable (a
   * loanword) with its f typed ph ("hàng fake" -> "hàng phake"), and a two-syllable idiom as a simile
   * ("rẻ bèo" -> "rẻ như bèo"). Empty for other terms.
   */
  static List<String> vietnamese(String term) {
    String t = java.text.Normalizer.normalize(term.trim(), java.text.Normalizer.Form.NFC);
    boolean marked = false;
    for (int i = 0; i < t.length() && !marked; i++) {
      marked = TextNormalizer.vietnameseMark(t.charAt(i));
    }
    List<String> out = new ArrayList<>();
    if (!marked) {
      return out;
    }
    String[] syl = t.split(" +");
    for (int k = 0; k < syl.length; k++) {
      String s = syl[k];
      String low = s.toLowerCase(Locale.ROOT);
      int n = low.length();
      if (n >= 2) {
        char c = low.charAt(n - 1);
        char p = TextNormalizer.fold(low.charAt(n - 2)).isEmpty() ? 0 : TextNormalizer.fold(low.charAt(n - 2)).charAt(0);
        int i = I_ROW.indexOf(c);
        int y = Y_ROW.indexOf(c);
        if (p == 'a' && (i >= 0 || y >= 0)) {
          String[] v = syl.clone();
          v[k] = s.substring(0, n - 1) + (i >= 0 ? Y_ROW.charAt(i) : I_ROW.charAt(y));
          out.add(String.join(" ", v));
        }
      }
      String folded = TextNormalizer.normalize(low).toString().trim();
      if (low.startsWith("f") && folded.length() >= 3 && !WordFolds.syllable(folded)) {
        String[] v = syl.clone();
        v[k] = (s.charAt(0) == 'F' ? "Ph" : "ph") + s.substring(1);
        out.add(String.join(" ", v));
      }
    }
    if (syl.length == 2) {
      out.add(syl[0] + " như " + syl[1]);
    }
    return out;
  }

}
