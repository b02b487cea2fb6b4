package com.personaruntime.runtime.posts;

import com.personaruntime.personas.Persona;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The offline post composer: drafts an honestly plain post from the persona's approved
 * knowledge when no model is configured or the model is down. It asserts nothing but the
 * knowledge entries' own words: a keyword-bearing first line (the best entry's title), the entry's
 * text, a catchphrase of the persona, and hashtags built from the entries' titles and tags and the
 * brand (social SEO). It never writes labels (they are placed afterwards) and never claims use of
 * a product.
 */
public final class PostComposer {
  private PostComposer() {
  }

  /**
   * Drafts a body.
   *
   * @param persona     the persona
   * @param knowledge   the entries relevant to the brief, best first (may be empty)
   * @param maxHashtags hashtags the body may carry (the platform's limit minus the labels)
   */
  public static String compose(Persona persona, List<Persona.KnowledgeEntry> knowledge, int maxHashtags) {
    return compose(persona, null, knowledge, maxHashtags);
  }

  /**
   * Drafts a body for a brief. The first line is the brief's subject when the brief names the best entry's whole
   * title ("Giới thiệu bánh kem dâu Đà Lạt mùa Giáng sinh, giọng vui" -> "Bánh kem dâu Đà Lạt mùa Giáng sinh"): the
   * brand's own words for the occasion, without the request around them ({@link #subject}); otherwise the title.
   *
   * @param persona     the persona
   * @param brief       what the brand asked for, or {@code null}
   * @param knowledge   the entries relevant to the brief, best first (may be empty)
   * @param maxHashtags hashtags the body may carry (the platform's limit minus the labels)
   */
  public static String compose(Persona persona, String brief, List<Persona.KnowledgeEntry> knowledge,
      int maxHashtags) {
    return compose(persona, brief, null, knowledge, maxHashtags);
  }

  /**
   * Drafts a body in a language. When the knowledge is written in another language than the one asked ("en" for a
   * brand whose entries are Vietnamese), the composer cannot translate it: the post's own words (the opening, the
   * lead-ins, the closing line) are in the language asked and the entries' words are quoted as they are written,
   * and a catchphrase in the other language is left out. Otherwise as {@link #compose(Persona, String, List, int)}.
   *
   * @param persona     the persona
   * @param brief       what the brand asked for, or {@code null}
   * @param language    the post's language ("vi", "en"), or {@code null} for the knowledge's own
   * @param knowledge   the entries relevant to the brief, best first (may be empty)
   * @param maxHashtags hashtags the body may carry (the platform's limit minus the labels)
   */
  public static String compose(Persona persona, String brief, String language, List<Persona.KnowledgeEntry> knowledge,
      int maxHashtags) {
    return compose(persona, persona.brand(), brief, language, knowledge, maxHashtags);
  }

  /**
   * Drafts a body naming the brand by its display name ("Phở Sài Gòn 1975", never the slug {@code pho-sai-gon}:
   * audiences never see slugs). With no relevant knowledge the post leads with the brief's subject (the brand's own
   * words: "Our new Quận 7 branch opening") and its offers; the persona's bio and catchphrase are said only when
   * written in the post's language. Otherwise as {@link #compose(Persona, String, String, List, int)}.
   *
   * @param persona     the persona
   * @param brandName   the brand's display name (the slug when it has none)
   * @param brief       what the brand asked for, or {@code null}
   * @param language    the post's language ("vi", "en"), or {@code null} for the knowledge's own
   * @param knowledge   the entries relevant to the brief, best first (may be empty)
   * @param maxHashtags hashtags the body may carry (the platform's limit minus the labels)
   */
  public static String compose(Persona persona, String brandName, String brief, String language,
      List<Persona.KnowledgeEntry> knowledge, int maxHashtags) {
    String brand = brandName == null || brandName.isBlank() ? persona.brand() : brandName.strip();
    // the post is about what the brief names, whatever the search ranked first
    knowledge = namedFirst(persona, brief, knowledge);
    // the brief's offer ("ưu đãi freeship đơn từ 150k", "20% off this weekend") is the brand's own words: kept, near
    // the top, so a platform variant shortened from the end keeps it with its end date
    List<String> offers = offers(brief);
    String post = draft(persona, brand, brief, language, knowledge, maxHashtags, offers);
    if (offers.isEmpty()) {
      return post;
    }
    int tagsAt = post.indexOf("\n\n#");
    String body = tagsAt >= 0 ? post.substring(0, tagsAt) : post;
    String tags = tagsAt >= 0 ? post.substring(tagsAt) : "";
    StringBuilder out = new StringBuilder(body);
    for (String o : offers) {
      if (!fold(body).contains(fold(o))) {
        out.append("\n").append(o);
      }
    }
    return out.append(tags).toString();
  }

  private static String draft(Persona persona, String brand, String brief, String language,
      List<Persona.KnowledgeEntry> knowledge, int maxHashtags, List<String> offers) {
    if (!knowledge.isEmpty() && language != null && FRAMES.containsKey(language)
        && !language.equals(languageOf(knowledge.get(0).title() + " " + knowledge.get(0).text()))) {
      return framed(persona, brief, language, knowledge, maxHashtags, offers);
    }
    StringBuilder out = new StringBuilder();
    if (knowledge.isEmpty()) {
      // nothing approved to quote: the brief's subject and offers are the brand's own words for the post; the
      // persona's name and bio only when the brief names no subject
      String subject = subject(brief);
      if (subject != null && (language == null || languageOf(subject).equals(language))) {
        out.append(subject);
      } else {
        out.append(persona.name()).append(" · ").append(brand);
        if (persona.bio() != null && !persona.bio().isBlank() && inLanguage(persona.bio(), language)) {
          out.append("\n").append(persona.bio().strip());
        }
      }
      for (String o : offers) {
        if (!fold(out.toString()).contains(fold(o))) {
          out.append("\n").append(o);
        }
      }
      String catchphrase = catchphrase(persona, language);
      if (catchphrase != null) {
        out.append("\n").append(catchphrase);
      } else if (language != null && FRAMES.containsKey(language)) {
        out.append("\n").append(FRAMES.get(language).closing());
      }
      List<String> tags = hashtags(persona, knowledge, maxHashtags);
      if (!tags.isEmpty()) {
        out.append("\n\n").append(String.join(" ", tags));
      }
      return out.toString();
    } else {
      Persona.KnowledgeEntry top = knowledge.get(0);
      String subject = subject(brief);
      boolean namesTitle = subject != null && fold(subject).contains(fold(top.title().strip()));
      String text = sentence(withoutTitle(top));
      String head = namesTitle ? subject : top.title().strip();
      if (offersName(offers, top)) {
        head = null; // "Ưu đãi mùa mưa: giảm 20% bảo dưỡng toàn bộ ...": the offer names the product and leads
      } else if (!namesTitle && opensWith(text, top.title())) {
        head = null; // "Bảo dưỡng toàn bộ xe đạp (...) giá 250.000đ": the text says the title, once
      }
      List<String> lines = new ArrayList<>();
      if (head != null) {
        lines.add(head);
      }
      for (String o : offers) {
        if (head == null || !fold(head).contains(fold(o))) {
          lines.add(o);
        }
      }
      lines.add(text);
      out.append(String.join("\n", lines));
      if (knowledge.size() > 1 && offers.isEmpty() && !names(brief, top)) {
        Persona.KnowledgeEntry second = knowledge.get(1);
        out.append("\n").append(titled(second, sentence(withoutTitle(second))));
      }
    }
    if (!persona.voice().catchphrases().isEmpty()) {
      out.append("\n").append(persona.voice().catchphrases().get(0).strip());
    }
    List<String> tags = hashtags(persona, knowledge, maxHashtags);
    if (!tags.isEmpty()) {
      out.append("\n\n").append(String.join(" ", tags));
    }
    return out.toString();
  }

  /** A frame's words: opening, lead-in of the entry's text, lead-in of the second entry, closing line. */
  private record Frame(String opening, String text, String also, String closing) {
  }

  private static final java.util.Map<String, Frame> FRAMES = java.util.Map.of(
      "en", new Frame("Spotlight: ", "In our own words: ", "Also from us: ", "Questions? Send us a message."),
      "vi", new Frame("Giới thiệu: ", "Thông tin sản phẩm: ", "Thêm nữa: ", "Bạn cần tư vấn thêm? Nhắn cho mình nhé!"));

  /**
   * "vi" when at least a quarter of the text's words carry letters only Vietnamese writes (folded away by
   * {@link #fold}), else "en": "Our new Quận 7 branch opening" is English with a Vietnamese place name in it.
   */
  static String languageOf(String text) {
    String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
    int words = 0;
    int marked = 0;
    for (String w : nfc.split("[^\\p{L}\\p{N}]+")) {
      if (w.isEmpty()) {
        continue;
      }
      words++;
      String lower = w.toLowerCase(Locale.ROOT);
      if (!fold(lower).equals(lower)) {
        marked++;
      }
    }
    return marked > 0 && marked * 4 >= words ? "vi" : "en";
  }

  /** True when the text is written in the language (or no language is asked). */
  private static boolean inLanguage(String text, String language) {
    return language == null || !FRAMES.containsKey(language) || languageOf(text).equals(language);
  }

  /** The persona's first catchphrase in the post's language, null when it has none. */
  private static String catchphrase(Persona persona, String language) {
    for (String c : persona.voice().catchphrases()) {
      if (!c.isBlank() && inLanguage(c, language)) {
        return c.strip();
      }
    }
    return null;
  }

  private static String framed(Persona persona, String brief, String language, List<Persona.KnowledgeEntry> knowledge,
      int maxHashtags, List<String> offers) {
    Frame f = FRAMES.get(language);
    Persona.KnowledgeEntry top = knowledge.get(0);
    String subject = subject(brief);
    StringBuilder out = new StringBuilder();
    // a brief written in the post's language names the subject in that language ("Our centella serum")
    out.append(subject != null && languageOf(subject).equals(language) ? subject : f.opening() + top.title().strip());
    for (String o : offers) {
      if (!fold(out.toString()).contains(fold(o))) {
        out.append("\n").append(o);
      }
    }
    out.append("\n").append(f.text()).append(quoted(withoutTitle(top)));
    if (knowledge.size() > 1 && offers.isEmpty() && !names(brief, top)) {
      Persona.KnowledgeEntry second = knowledge.get(1);
      out.append("\n").append(f.also()).append(titled(second, quoted(withoutTitle(second))));
    }
    for (String c : persona.voice().catchphrases()) {
      if (languageOf(c).equals(language)) {
        out.append("\n").append(c.strip());
        break;
      }
    }
    out.append("\n").append(f.closing());
    List<String> tags = hashtags(persona, knowledge, maxHashtags);
    if (!tags.isEmpty()) {
      out.append("\n\n").append(String.join(" ", tags));
    }
    return out.toString();
  }

  /**
   * An entry's text without its own title in front ("Trà ô long kem muối: ô long rang ..." under the title line is
   * "ô long rang ..."): a title is said once. A text that goes on from its title as a sentence ("Trà ô long kem muối
   * là ...") is kept whole.
   */
  static String withoutTitle(Persona.KnowledgeEntry k) {
    String text = k.text().strip();
    String title = k.title().strip();
    if (title.isEmpty() || text.length() <= title.length() || !fold(text).startsWith(fold(title))) {
      return text;
    }
    String rest = text.substring(title.length()).stripLeading();
    if (rest.isEmpty() || ":–-—".indexOf(rest.charAt(0)) < 0) {
      return text;
    }
    rest = rest.substring(1).strip();
    return rest.isEmpty() ? text : rest.substring(0, rest.offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT)
        + rest.substring(rest.offsetByCodePoints(0, 1));
  }

  /** True when an offer of the brief names the entry by its whole title (folded words). */
  private static boolean offersName(List<String> offers, Persona.KnowledgeEntry k) {
    String t = words(k.title());
    for (String o : offers) {
      if (t.length() >= 3 && (" " + words(o) + " ").contains(" " + t + " ")) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the brief names the entry by its whole title: the post is about it, and a second entry (a rental
   * beside a maintenance offer, its deposit rule) would only lead the reader away.
   */
  private static boolean names(String brief, Persona.KnowledgeEntry k) {
    String t = words(k.title());
    return brief != null && t.length() >= 3 && (" " + words(brief) + " ").contains(" " + t + " ");
  }

  /** True when the text's first words are the whole title (folded words). */
  private static boolean opensWith(String text, String title) {
    String t = words(title);
    return t.length() >= 3 && (words(text) + " ").startsWith(t + " ");
  }

  /** "Title: text", or the text alone when it already opens with the title. */
  private static String titled(Persona.KnowledgeEntry k, String text) {
    String plain = text.startsWith("\"") ? text.substring(1) : text;
    return fold(plain).startsWith(fold(k.title().strip())) ? text : k.title().strip() + ": " + text;
  }

  /**
   * The entries with the one the brief names first: the persona's entry whose whole title the brief holds (folded,
   * longest title first, "Ra mắt trà ô long kem muối mùa đông" names "Trà ô long kem muối"), taken from all the
   * persona's knowledge when the search did not rank it, followed by the entries that are no other product (tagged
   * {@code product}/{@code sản phẩm}); the list as given when the brief names none.
   */
  static List<Persona.KnowledgeEntry> namedFirst(Persona persona, String brief, List<Persona.KnowledgeEntry> knowledge) {
    if (brief == null || brief.isBlank()) {
      return knowledge;
    }
    String b = " " + words(brief) + " ";
    Persona.KnowledgeEntry named = null;
    int longest = 0;
    for (Persona.KnowledgeEntry k : persona.knowledge()) {
      String t = words(k.title());
      if (t.length() > longest && t.length() >= 3 && b.contains(" " + t + " ")) {
        named = k;
        longest = t.length();
      }
    }
    if (named == null || (!knowledge.isEmpty() && knowledge.get(0).id().equals(named.id()))) {
      return knowledge;
    }
    List<Persona.KnowledgeEntry> out = new ArrayList<>();
    out.add(named);
    for (Persona.KnowledgeEntry k : knowledge) {
      if (!k.id().equals(named.id()) && !product(k)) {
        out.add(k); // another product would lead the reader away from the one launched; a policy line may stay
      }
    }
    return out;
  }

  private static boolean product(Persona.KnowledgeEntry k) {
    for (String t : k.tags()) {
      String f = fold(t.strip()).replace('-', ' ');
      if (f.equals("product") || f.equals("products") || f.equals("san pham")) {
        return true;
      }
    }
    return false;
  }

  private static String words(String text) {
    return fold(Normalizer.normalize(text, Normalizer.Form.NFC)).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  /** Folded words of a brief's clause that make it an offer (a discount, free shipping, a gift, a voucher). */
  private static final List<String> OFFER_WORDS = List.of("uu dai", "khuyen mai", "giam gia", "giam ", "freeship",
      "free ship", "mien phi", "tang kem", "qua tang", "voucher", "ma giam", "dong gia", "mua 1 tang 1", "sale",
      "% off", "off ", "discount", "free shipping", "free delivery", "free gift", "bogo", "buy one", "coupon",
      "promo");

  /**
   * The clauses of a brief that state an offer ("ưu đãi freeship đơn từ 150k", "giảm 20% cuối tuần", "free shipping
   * over $40"), as written, first letter upper case, without trailing punctuation; empty when it states none.
   */
  static List<String> offers(String brief) {
    List<String> out = new ArrayList<>();
    if (brief == null) {
      return out;
    }
    String[] clauses = Normalizer.normalize(brief, Normalizer.Form.NFC).split("[,;!?…\n]+|\\.(?!\\d)");
    for (int i = 0; i < clauses.length; i++) {
      String c = clauses[i].strip();
      if (i + 1 < clauses.length && deadline(clauses[i + 1])) {
        c = c + ", " + clauses[++i].strip(); // "giảm 20%, đến hết 31/12": the offer ends with its date
      }
      String f = " " + fold(c) + " ";
      boolean offer = false;
      for (String w : OFFER_WORDS) {
        offer |= f.contains(w.endsWith(" ") ? " " + w : w);
      }
      if (!offer || c.length() < 6) {
        continue;
      }
      // "ưu đãi freeship đơn từ 150k" is the brand's wording; a request in front of it is not ("Viết bài về ...")
      String subject = subject(c);
      c = subject != null ? subject : c.substring(0, c.offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT)
          + c.substring(c.offsetByCodePoints(0, 1));
      out.add(c);
    }
    return out;
  }

  /** Folded words that say until when an offer runs. */
  private static final List<String> DEADLINE_WORDS = List.of("den het", "den ngay", "toi het", "toi ngay", "het ngay",
      "han chot", "chi den", "until", "till", "through", "ends", "ending", "expires", "valid to", "valid until");

  /** True when a clause says until when something runs ("đến hết 31/12", "until Dec 31", "this weekend only"). */
  private static boolean deadline(String clause) {
    String f = " " + fold(clause.strip()) + " ";
    for (String w : DEADLINE_WORDS) {
      if (f.contains(" " + w + " ")) {
        return true;
      }
    }
    return false;
  }

  private static String quoted(String text) {
    String t = text.strip();
    while (!t.isEmpty() && ".!?…".indexOf(t.charAt(t.length() - 1)) >= 0) {
      t = t.substring(0, t.length() - 1);
    }
    return "\"" + t + "\".";
  }

  private static String sentence(String text) {
    String t = text.strip();
    char last = t.isEmpty() ? '.' : t.charAt(t.length() - 1);
    return (last == '.' || last == '!' || last == '?' || last == '…') ? t : t + ".";
  }

  /** Longest brief subject used as a first line, in characters. */
  static final int MAX_SUBJECT = 120;

  /**
   * Requests a brief starts with, folded (no diacritics, lower case), longest first: they are the brand's request,
   * not words of the post.
   */
  private static final List<String> REQUESTS = List.of(
      "viet mot bai dang gioi thieu ", "viet mot bai dang ve ", "viet mot bai gioi thieu ", "viet mot bai ve ",
      "viet bai dang gioi thieu ", "viet bai dang ve ", "viet bai gioi thieu ", "viet bai quang ba ", "viet bai ve ",
      "dang bai gioi thieu ", "dang bai ve ", "bai dang ve ", "bai dang gioi thieu ", "gioi thieu ve ", "gioi thieu ",
      "quang ba ", "thong bao ve ", "thong bao ", "cong bo ", "chia se ve ",
      "write a short post about ", "write a post introducing ", "write a post about ", "write a post on ",
      "write about ", "a post about ", "post about ", "introduce ", "introducing ", "announce ", "announcing ",
      "promote ", "promoting ", "showcase ", "present ", "ra mat ", "launch ", "launching ");

  /** Words of a clause that tells how to write (tone, length, emoji), not what: the subject ends before it. */
  private static final Set<String> STYLE_WORDS = Set.of(
      "giong", "van", "tone", "style", "emoji", "emojis", "hashtag", "hashtags", "ngan", "dai", "vui", "hai",
      "nhon", "tre", "trung", "trang", "formal", "casual", "playful", "funny", "friendly", "short", "long",
      "words", "chu", "tu", "cau", "voice", "gen", "genz");

  /**
   * The subject of a brief: the brief without a leading request ("Giới thiệu", "Write a post about") and without the
   * clauses from the first one that tells how to write ("..., giọng vui nhộn", "..., keep it short"), first letter
   * upper case; {@code null} when the brief starts with no request, or what is left is shorter than 8 or longer
   * than {@value #MAX_SUBJECT} characters.
   */
  static String subject(String brief) {
    if (brief == null) {
      return null;
    }
    String b = brief.strip().replaceAll("\\s+", " ");
    String folded = fold(b);
    String rest = null;
    for (String r : REQUESTS) {
      if (folded.startsWith(r)) {
        rest = b.substring(r.length());
        break;
      }
    }
    if (rest == null) {
      return null;
    }
    StringBuilder kept = new StringBuilder();
    for (String clause : rest.split("(?<=[,;.!?])")) {
      boolean style = false;
      for (String w : fold(clause).split("[^\\p{L}\\p{N}]+")) {
        style |= STYLE_WORDS.contains(w);
      }
      if (style) {
        break;
      }
      kept.append(clause);
    }
    String out = kept.toString().strip();
    while (!out.isEmpty() && ",;.".indexOf(out.charAt(out.length() - 1)) >= 0) {
      out = out.substring(0, out.length() - 1).strip();
    }
    if (out.length() < 8 || out.length() > MAX_SUBJECT) {
      return null;
    }
    return out.substring(0, out.offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT)
        + out.substring(out.offsetByCodePoints(0, 1));
  }

  /** Lower case without diacritics, one char per char ('đ' -> 'd'), so offsets match the original text. */
  static String fold(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = Character.toLowerCase(s.charAt(i));
      if (c == 'đ') {
        b.append('d');
        continue;
      }
      String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
      b.append(d.isEmpty() ? c : d.charAt(0));
    }
    return b.toString();
  }

  /**
   * Tags that sort the knowledge for the brand (what an entry is: a policy, the shop's contact, its hours) rather
   * than say what a post is about: never hashtags ("#policy #shipping" under a cake).
   */
  static final Set<String> ORGANISING_TAGS = Set.of(
      "product", "products", "policy", "policies", "shipping", "delivery", "returns", "return", "refund", "refunds",
      "contact", "contacts", "hours", "opening-hours", "store", "stores", "location", "address", "faq", "info",
      "information", "service", "services", "support", "pricing", "price", "prices", "payment", "payments",
      "warranty", "legal", "terms", "privacy", "about", "company", "general", "misc", "internal",
      "chinh-sach", "giao-hang", "lien-he", "cua-hang", "dia-chi", "gio-mo-cua", "thanh-toan", "bao-hanh",
      "doi-tra", "san-pham", "hoi-dap",
      // what an entry holds (its price, sizes, a hotline), not what a post is about
      "gia", "gia-ca", "bang-gia", "kich-co", "size", "sizes", "size-chart", "bang-size", "ship", "phi-ship",
      "hoan-tien", "hotline", "mua-online", "tags", "tag");

  /** Hashtags from the best entry's title, the entries' tags and the brand, at most {@code max}. */
  static List<String> hashtags(Persona persona, List<Persona.KnowledgeEntry> knowledge, int max) {
    Set<String> tags = new LinkedHashSet<>();
    if (!knowledge.isEmpty()) {
      String t = titleTag(knowledge.get(0).title(), persona.brand());
      if (t != null) {
        tags.add(t);
      }
    }
    tags.add(tagOf(persona.brand()));
    for (Persona.KnowledgeEntry k : knowledge) {
      for (String tag : k.tags()) {
        String t = tagOf(tag);
        if (t != null && !ORGANISING_TAGS.contains(fold(tag.strip()).replace(' ', '-').replace('_', '-'))) {
          tags.add(t);
        }
      }
    }
    tags.remove(null);
    List<String> out = new ArrayList<>(tags);
    return out.subList(0, Math.max(0, Math.min(max, out.size())));
  }

  /**
   * A hashtag as a platform user types it: lower case, without diacritics ("#dautay", not "#dâutây"), letters and
   * digits only, at most {@value #MAX_TAG} characters after the '#'.
   */
  static String tagOf(String words) {
    StringBuilder b = new StringBuilder("#");
    fold(Normalizer.normalize(words, Normalizer.Form.NFC)).codePoints().filter(cp -> Character.isLetterOrDigit(cp))
        .forEach(b::appendCodePoint);
    return b.length() < 3 || b.length() > MAX_TAG + 1 ? null : b.toString();
  }

  /** Longest hashtag, in characters after the '#'. */
  static final int MAX_TAG = 24;
  /** Most words a title's hashtag keeps. */
  static final int TITLE_TAG_WORDS = 5;

  /**
   * The hashtag of a product title: its leading words up to the brand's name, a size or volume ("30ml", "SPF50+"),
   * punctuation (": bảng size") or {@value #TITLE_TAG_WORDS} words ("Kem chống nắng Sen Đá SPF50+ PA++++ 50ml" ->
   * "#kemchongnang", "Serum rau má Sen Đá 30ml" -> "#serumrauma"); null when nothing is left.
   */
  static String titleTag(String title, String brand) {
    List<String> brandWords = List.of(fold(brand == null ? "" : brand).split("[^\\p{L}\\p{N}]+"));
    String[] raw = Normalizer.normalize(title.strip(), Normalizer.Form.NFC).split("\\s+");
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < raw.length && kept.size() < TITLE_TAG_WORDS; i++) {
      String w = fold(raw[i]);
      String letters = w.replaceAll("[^\\p{L}]", "");
      if (letters.isEmpty() || !letters.equals(w.replaceAll("[,;:.!?)]+$", "")) || startsWith(raw, i, brandWords)) {
        break; // a size, a symbol or the brand: the name has ended
      }
      kept.add(letters);
      if (!w.equals(letters)) {
        break; // "Sen Đá:": the name ends at its punctuation
      }
    }
    return kept.isEmpty() ? null : tagOf(String.join("", kept));
  }

  private static boolean startsWith(String[] words, int at, List<String> phrase) {
    if (phrase.isEmpty() || phrase.get(0).isEmpty() || at + phrase.size() > words.length) {
      return false;
    }
    for (int j = 0; j < phrase.size(); j++) {
      if (!fold(words[at + j]).replaceAll("[^\\p{L}\\p{N}]", "").equals(phrase.get(j))) {
        return false;
      }
    }
    return true;
  }
}
