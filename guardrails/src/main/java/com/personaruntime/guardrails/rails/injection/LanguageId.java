package com.personaruntime.guardrails.rails.injection;

import com.personaruntime.guardrails.text.NormalizedText;
import com.personaruntime.guardrails.text.TextNormalizer;

import java.util.HashMap;
import java.util.Map;

/**
 * A small language identifier for the input guard: which language a message is in, so that a
 * message in a language without lexicons (anything but Vietnamese and English) is judged by the
 * learned detector alone and flagged when the detector is unsure.
 *
 * <p>Method: Vietnamese-only letters (ă â đ ê ô ơ ư and the tone-marked vowels) are strong
 * evidence for {@code vi}; otherwise the most frequent function words of vi (also typed without
 * diacritics), en, de, fr, es, it, pt, id, nl, pl, tr and sv vote, on the folded text. Linear in the text; no
 * allocation per character beyond the word being read.
 */
public final class LanguageId {
  /** Returned when no language has evidence (too short, only numbers or emoji, unknown language). */
  public static final String UNKNOWN = "und";

  private static final Map<String, String[]> WORDS = new HashMap<>();

  static {
    put("vi", "khong ko k duoc dc la cua va co cho minh ban toi nhe nha nhi vay gi nao thi roi lam nay do nhung cac mot "
        + "voi trong se da dang hay hoac neu vi nen ma the sao bao nhieu gium giup em anh chi oi a u ak ha hoi muon can "
        + "biet tu gio het moi qua di len ra vao duoi tren truoc sau nua chua duong lai");
    put("en", "the and you is are to of what how can my your this it for with i me do does a an in on be not that "
        + "please which will would from at have has was were there they we our any about if or no now all");
    put("de", "der die das und ist nicht ich du sie mit auf fur wie ein eine zu den dem des sich bitte was wir ihr "
        + "mein dein auch oder aber alle jetzt vergiss sind bin hast kannst nach kann gibt wo warum wann welche welcher "
        + "welches meine habe hat noch schon sehr wird werden uber vom zum zur beim");
    put("fr", "le la les et est je tu vous pas de des une un pour que qui avec sur dans mon ton votre ce cette il elle "
        + "nous sont suis ai au aux du ne plus tout tous maintenant");
    put("es", "el la los las y es que de para con por una un no tu mi como cual donde esta estoy eres soy del al muy "
        + "pero todo todas ahora eres puedes");
    put("it", "il lo la gli le e di che per con non una un sono sei mio tuo come questo questa del della ora tutto");
    put("pt", "o a os as e de que para por uma um nao voce meu seu como isso esta sou do da agora tudo");
    // round 10: Indonesian requests often hold none of the commonest words ("Tolong salin ... kepadamu"): polite and
    // question words, pronouns and particles ("mau" and "dong", also Vietnamese typed without diacritics, "màu" and
    // "đồng", are left out)
    put("id", "dan yang di ke dari ini itu saya anda kamu tidak ada untuk dengan apa bisa akan sekarang semua tolong "
        + "kepada kepadamu padamu aku sudah belum jangan saja aja kalau atau juga bagaimana berapa kenapa punya "
        + "tapi karena pada oleh lagi harus sama");
    put("nl", "het een niet ik jij jouw van met voor wat hoe kan mijn dit dat zijn ook maar nu zeg alle geen naar bij "
        + "om wordt heb heeft je bent mij mag graag waar wanneer welke hebben zonder deze jullie onze voortaan alsjeblieft "
        + "bedankt hoeveel waarom kunnen vorige nog");
    put("pl", "w z na nie to jest sie ze jak czy mnie mi ty jestes moj twoj oraz ale tak teraz wszystkie prosze "
        + "dla od po przez jaki jaka gdzie ile mam moge jeszcze dzieki");
    put("tr", "ve bir bu icin ile ben sen biz ama gibi daha cok var yok simdi tum butun nasil neden lutfen beni bana "
        + "senin benim nedir kac mi mu daha bir ne kadar musunuz misiniz");
    put("sv", "och att det som ar jag inte har vad hur mig dig ska vill utan eller tack hej alltid aldrig mycket fran nagot "
        + "kommer finns hos");
  }

  private static void put(String lang, String words) {
    WORDS.put(lang, words.split(" "));
  }

  private static final Map<String, String[]> BY_WORD = new HashMap<>();

  static {
    for (Map.Entry<String, String[]> e : WORDS.entrySet()) {
      for (String w : e.getValue()) {
        BY_WORD.merge(w, new String[] {e.getKey()}, (a, b) -> {
          String[] c = java.util.Arrays.copyOf(a, a.length + 1);
          c[a.length] = b[0];
          return c;
        });
      }
    }
  }

  /**
   * Non-Latin scripts and the language a text mostly written in them is reported as (a best guess; none but
   * Cyrillic has a lexicon). Hiragana and Katakana are reported together with Han as {@code ja}, see {@link #detect}.
   */
  private static final Character.UnicodeScript[] SCRIPTS = {
      Character.UnicodeScript.CYRILLIC, Character.UnicodeScript.GREEK, Character.UnicodeScript.ARABIC,
      Character.UnicodeScript.HEBREW, Character.UnicodeScript.DEVANAGARI, Character.UnicodeScript.THAI,
      Character.UnicodeScript.KHMER, Character.UnicodeScript.LAO, Character.UnicodeScript.HANGUL,
      Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA, Character.UnicodeScript.HAN,
      Character.UnicodeScript.BENGALI, Character.UnicodeScript.TAMIL, Character.UnicodeScript.TELUGU,
      Character.UnicodeScript.KANNADA, Character.UnicodeScript.MALAYALAM, Character.UnicodeScript.GUJARATI,
      Character.UnicodeScript.GURMUKHI, Character.UnicodeScript.SINHALA, Character.UnicodeScript.MYANMAR,
      Character.UnicodeScript.GEORGIAN, Character.UnicodeScript.ARMENIAN, Character.UnicodeScript.ETHIOPIC,
      Character.UnicodeScript.TIBETAN, Character.UnicodeScript.MONGOLIAN, Character.UnicodeScript.ORIYA,
      Character.UnicodeScript.THAANA, Character.UnicodeScript.SYRIAC};
  private static final String[] SCRIPT_LANGS = {"ru", "el", "ar", "he", "hi", "th", "km", "lo", "ko", "ja", "ja", "zh",
      "bn", "ta", "te", "kn", "ml", "gu", "pa", "si", "my", "ka", "hy", "am", "bo", "mn", "or", "dv", "syr"};
  private static final int CYRILLIC = 0;
  private static final int HIRAGANA = 9;
  private static final int KATAKANA = 10;
  private static final int HAN = 11;
  /**
   * Reported for text mostly in a script other than Latin and Cyrillic that none of {@link #SCRIPTS} accounts for
   * (ISO 639-2 "multiple languages"): like every non-Latin script but Cyrillic, it has no training rows and no lexicon.
   */
  public static final String OTHER_SCRIPT = "mul";

  /**
   * Languages of non-Latin scripts without a lexicon that the learned detector has training rows for (round 9:
   * Japanese, Korean, Chinese, Thai): judged by the detector alone, flagged when it is unsure, like the Latin-script
   * languages without a lexicon.
   */
  static final java.util.Set<String> TRAINED_SCRIPT_LANGS = java.util.Set.of("ja", "ko", "zh", "th");

  /**
   * Languages reported for text mostly in a script the learned detector has no training rows for and no lexicon:
   * every non-Latin script of {@link #SCRIPTS} but Russian Cyrillic and {@link #TRAINED_SCRIPT_LANGS}, the Cyrillic
   * languages told apart by their own letters ({@code uk, be, sr, mk, kk}), and {@link #OTHER_SCRIPT}.
   */
  static final java.util.Set<String> UNTRAINED_SCRIPT_LANGS;

  static {
    java.util.Set<String> s = new java.util.HashSet<>(java.util.Arrays.asList(SCRIPT_LANGS));
    s.remove("ru");
    s.removeAll(TRAINED_SCRIPT_LANGS);
    s.addAll(java.util.List.of("uk", "be", "sr", "mk", "kk", OTHER_SCRIPT));
    UNTRAINED_SCRIPT_LANGS = java.util.Set.copyOf(s);
  }

  private static final String[] LANGS = {"vi", "en", "de", "fr", "es", "it", "pt", "id", "nl", "pl", "tr", "sv"};

  private LanguageId() {
  }

  /** True for letters only Vietnamese uses among Latin scripts (ă â đ ê ô ơ ư, tone-marked vowels). */
  static boolean vietnameseLetter(char c) {
    if (c >= 0x1EA0 && c <= 0x1EF9) {
      return true; // Latin Extended Additional: ạ ả ấ ầ ... ỹ (Vietnamese tone marks)
    }
    switch (Character.toLowerCase(c)) {
      case 'ă': case 'đ': case 'ơ': case 'ư': case 'ĩ': case 'ũ':
        return true;
      default:
        return false;
    }
  }

  /**
   * @return an ISO 639-1 code ({@code vi, en, de, fr, es, it, pt, id, nl, pl, tr, sv} by function words; for text
   *     mostly (half its letters or more, at least 4) in non-Latin scripts the main language of the commonest:
   *     {@code ru} for Cyrillic ({@code uk, be, sr, mk, kk} when a letter only that language uses appears),
   *     {@code ja} for kana with Han, {@code zh, ko, ar, he, hi, th, el, bn, ta, ka, hy, am ...} (see the script
   *     table), {@link #OTHER_SCRIPT} for any other script or a mix without a majority) or {@link #UNKNOWN}
   */
  public static String detect(String text) {
    int viLetters = 0;
    int plLetters = 0;
    int trLetters = 0;
    int letters = 0;
    int[] scripts = new int[SCRIPTS.length];
    int nonLatin = 0; // letters of any script but Latin (and its Vietnamese extension)
    String cyrillicOwn = null; // the language of the last letter only one non-Russian Cyrillic language uses
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (!Character.isLetter(cp)) {
        continue;
      }
      letters++;
      if (cp < 0x0250) {
        if (vietnameseLetter((char) cp)) {
          viLetters++;
        } else if (polishLetter((char) cp)) {
          plLetters++;
        } else if (turkishLetter((char) cp)) {
          trLetters++;
        }
        continue;
      }
      if (cp <= 0xFFFF && vietnameseLetter((char) cp)) {
        viLetters++;
        continue;
      }
      Character.UnicodeScript sc = Character.UnicodeScript.of(cp);
      if (sc == Character.UnicodeScript.LATIN) {
        continue;
      }
      nonLatin++;
      for (int k = 0; k < SCRIPTS.length; k++) {
        if (SCRIPTS[k] == sc) {
          scripts[k]++;
          break;
        }
      }
      if (sc == Character.UnicodeScript.CYRILLIC) {
        String own = cyrillicLanguage(cp);
        cyrillicOwn = own != null ? own : cyrillicOwn;
      }
    }
    // text mostly in a non-Latin script: the script's main language (no lexicon but Russian's: judged by the model,
    // flagged when unsure; scripts without training rows are always held, see LearnedInjectionRail)
    if (nonLatin >= 4 && nonLatin * 2 >= letters) {
      if (scripts[CYRILLIC] * 2 >= nonLatin) {
        return cyrillicOwn != null ? cyrillicOwn : "ru";
      }
      int kana = scripts[HIRAGANA] + scripts[KATAKANA];
      if (kana > 0 && (kana + scripts[HAN]) * 2 >= nonLatin) {
        return "ja"; // Japanese mixes kana and Han (and Katakana loan words: 'システムプロンプト')
      }
      int best = -1;
      for (int k = 0; k < SCRIPTS.length; k++) {
        if (scripts[k] > 0 && (best < 0 || scripts[k] > scripts[best])) {
          best = k;
        }
      }
      return best >= 0 && scripts[best] * 2 >= nonLatin ? SCRIPT_LANGS[best] : OTHER_SCRIPT;
    }
    NormalizedText nt = TextNormalizer.normalize(text);
    return detect(nt.chars, nt.length(), viLetters, plLetters, trLetters);
  }

  static String detect(char[] c, int len, int viLetters) {
    return detect(c, len, viLetters, 0, 0);
  }

  /**
   * The Cyrillic-script language other than Russian that alone (among Russian, Ukrainian, Belarusian, Serbian,
   * Macedonian and Kazakh) uses letter {@code cp}, or null (a letter of the Russian alphabet, or one several share).
   */
  static String cyrillicLanguage(int cp) {
    switch (Character.toLowerCase(cp)) {
      case 'і': case 'ї': case 'є': case 'ґ':
        return "uk"; // 'і' is also Belarusian; Ukrainian is the likelier
      case 'ў':
        return "be";
      case 'ђ': case 'ћ': case 'џ': case 'љ': case 'њ': case 'ј':
        return "sr";
      case 'ѓ': case 'ќ': case 'ѕ':
        return "mk";
      case 'ә': case 'ғ': case 'қ': case 'ң': case 'ө': case 'ұ': case 'ү': case 'һ':
        return "kk";
      default:
        return null;
    }
  }

  /** True for letters of Polish that no other language identified here uses (ą ę ł ń ś ź ż). */
  static boolean polishLetter(char c) {
    switch (Character.toLowerCase(c)) {
      case 'ą': case 'ę': case 'ł': case 'ń': case 'ś': case 'ź': case 'ż':
        return true;
      default:
        return false;
    }
  }

  /** True for letters of Turkish that no other language identified here uses (ğ ı ş; İ). */
  static boolean turkishLetter(char c) {
    return c == 'ğ' || c == 'Ğ' || c == 'ı' || c == 'İ' || c == 'ş' || c == 'Ş';
  }

  static String detect(char[] c, int len, int viLetters, int plLetters, int trLetters) {
    int[] votes = new int[LANGS.length];
    int[] hits = new int[LANGS.length];
    StringBuilder word = new StringBuilder(16);
    int words = 0;
    for (int i = 0; i <= len; i++) {
      char ch = i < len ? c[i] : ' ';
      if (ch == ' ' || ch == TextNormalizer.BREAK) {
        if (word.length() > 0 && word.length() <= 12) {
          words++;
          String[] langs = BY_WORD.get(word.toString());
          if (langs != null) {
            for (String l : langs) {
              for (int k = 0; k < LANGS.length; k++) {
                if (LANGS[k].equals(l)) {
                  votes[k] += langs.length == 1 ? 2 : 1;
                  hits[k]++;
                }
              }
            }
          }
        }
        word.setLength(0);
      } else if (word.length() <= 12) {
        word.append(ch);
      }
    }
    votes[0] += Math.min(viLetters, 10) * 3;
    hits[0] += viLetters > 0 ? 2 : 0;
    // letters only Polish or only Turkish uses (among the languages here) count like Vietnamese letters, a little less
    votes[9] += Math.min(plLetters, 5) * 2;
    hits[9] += plLetters > 0 ? 2 : 0;
    votes[10] += Math.min(trLetters, 5) * 2;
    hits[10] += trLetters > 0 ? 2 : 0;
    int best = -1;
    for (int k = 0; k < LANGS.length; k++) {
      if (votes[k] > 0 && (best < 0 || votes[k] > votes[best])) {
        best = k;
      }
    }
    // one function word is no evidence ("com" in an e-mail address): at least two hits
    return best < 0 || hits[best] < 2 ? UNKNOWN : LANGS[best];
  }

  /**
   * @return true for the languages with an input-only injection lexicon (de, fr, es, it, pt, ru); the
   *     learned detector's "unsure" flag uses a threshold of their own there ({@link InjectionModel#flagThreshold(String)})
   */
  public static boolean hasInputLexicon(String lang) {
    return INPUT_LEXICON_LANGS.contains(lang);
  }

  /**
   * The languages whose input-only injection lists are full ones (the lexicon package's {@code
   * TermSet.INJECTION_ONLY_LANGUAGES} but pl, tr and id, whose lists hold the core moves only and whose "unsure" threshold
   * stays that of the languages without a lexicon: the model's thresholds were chosen so).
   */
  static final java.util.Set<String> INPUT_LEXICON_LANGS = java.util.Set.of("de", "fr", "es", "it", "pt", "ru");

  /** @return true for the languages the shipped lexicons cover (vi, en) */
  public static boolean hasLexicon(String lang) {
    return "vi".equals(lang) || "en".equals(lang);
  }
}
