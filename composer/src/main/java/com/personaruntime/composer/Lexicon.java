package com.personaruntime.composer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns text into retrieval terms: folded, teencode-expanded tokens; shop vocabulary mapped to
 * language-neutral concepts (so "ship", "giao hàng" and "delivery" are one term); function words
 * of both languages and bare numbers removed; light English stemming; plus bigrams of adjacent terms (Vietnamese
 * words are mostly two syllables, so bigrams carry much of the meaning).
 */
final class Lexicon {

    static final String SHIP = "§ship";
    static final String RETURN = "§return";
    static final String HOURS = "§hours";
    static final String ORDER = "§order";
    static final String STORE = "§store";
    static final String SUBSCRIBE = "§subscribe";
    static final String CONTACT = "§contact";
    static final String PAY = "§pay";
    /** Air travel ("máy bay", "plane", "carry-on"): a fact about flying found across languages. */
    static final String FLIGHT = "§flight";
    /** Testing on animals ("thử nghiệm trên động vật", "cruelty-free", "tested on animals"). */
    static final String ANIMAL_TESTING = "§animal-testing";
    /** Noise cancelling ("chống ồn", "ANC"). */
    static final String NOISE = "§noise";

    /** Folded phrases, longest first when matched. */
    private static final Map<String, String> CONCEPTS = Map.ofEntries(
            Map.entry("thu nghiem tren dong vat", ANIMAL_TESTING), Map.entry("thu tren dong vat", ANIMAL_TESTING),
            Map.entry("thu nghiem dong vat", ANIMAL_TESTING), Map.entry("cruelty free", ANIMAL_TESTING),
            Map.entry("animal testing", ANIMAL_TESTING), Map.entry("animal tested", ANIMAL_TESTING),
            Map.entry("tested on animals", ANIMAL_TESTING), Map.entry("test on animals", ANIMAL_TESTING),
            Map.entry("testing on animals", ANIMAL_TESTING), Map.entry("tests on animals", ANIMAL_TESTING),
            Map.entry("giao hang", SHIP), Map.entry("van chuyen", SHIP), Map.entry("ship", SHIP),
            Map.entry("shipping", SHIP), Map.entry("shipped", SHIP), Map.entry("ships", SHIP),
            Map.entry("freeship", SHIP), Map.entry("delivery", SHIP), Map.entry("deliver", SHIP),
            Map.entry("delivered", SHIP), Map.entry("deliveries", SHIP), Map.entry("gui hang", SHIP),
            Map.entry("chuyen phat", SHIP), Map.entry("postage", SHIP), Map.entry("courier", SHIP),
            Map.entry("dispatch", SHIP), Map.entry("dispatched", SHIP), Map.entry("giao", SHIP),
            // collecting the customer's item and bringing it back ("pick up my bike", "đưa đón xe", "tận nơi")
            Map.entry("pick up", SHIP), Map.entry("picks up", SHIP), Map.entry("pickup", SHIP),
            Map.entry("drop off", SHIP), Map.entry("tan noi", SHIP), Map.entry("dua don", SHIP),
            Map.entry("doi tra", RETURN), Map.entry("tra hang", RETURN), Map.entry("doi hang", RETURN),
            Map.entry("hoan tien", RETURN), Map.entry("tra lai", RETURN), Map.entry("return", RETURN),
            Map.entry("returns", RETURN), Map.entry("returned", RETURN), Map.entry("refund", RETURN),
            Map.entry("refunds", RETURN), Map.entry("exchange", RETURN), Map.entry("exchanges", RETURN),
            Map.entry("doi size", RETURN), Map.entry("doi mau", RETURN), Map.entry("doi san pham", RETURN),
            Map.entry("doi sp", RETURN),
            Map.entry("thanh toan", PAY), Map.entry("tra tien", PAY), Map.entry("payment", PAY),
            Map.entry("payments", PAY), Map.entry("pay", PAY), Map.entry("chuyen khoan", PAY),
            Map.entry("paypal", PAY), Map.entry("momo", PAY), Map.entry("credit card", PAY),
            Map.entry("tra gop", PAY), Map.entry("installment", PAY), Map.entry("installments", PAY),
            // ways to pay, each also read as its own method (see METHODS): "thẻ tín dụng" is the credit card
            Map.entry("the tin dung", PAY), Map.entry("the visa", PAY), Map.entry("the ngan hang", PAY),
            Map.entry("the atm", PAY), Map.entry("quet the", PAY), Map.entry("visa", PAY), Map.entry("mastercard", PAY),
            Map.entry("master card", PAY), Map.entry("debit card", PAY), Map.entry("credit cards", PAY),
            Map.entry("by card", PAY), Map.entry("with card", PAY), Map.entry("with a card", PAY),
            Map.entry("tien mat", PAY), Map.entry("cash", PAY), Map.entry("bank transfer", PAY),
            Map.entry("transfer", PAY), Map.entry("zalopay", PAY), Map.entry("zalo pay", PAY),
            Map.entry("vnpay", PAY), Map.entry("shopeepay", PAY), Map.entry("apple pay", PAY),
            Map.entry("google pay", PAY), Map.entry("vi dien tu", PAY), Map.entry("e wallet", PAY),
            Map.entry("thanh toan khi nhan hang", PAY), Map.entry("tra tien khi nhan hang", PAY),
            Map.entry("gio mo cua", HOURS), Map.entry("mo cua", HOURS), Map.entry("dong cua", HOURS),
            Map.entry("gio lam viec", HOURS), Map.entry("open", HOURS), Map.entry("opening", HOURS),
            Map.entry("opens", HOURS), Map.entry("hours", HOURS), Map.entry("close", HOURS),
            Map.entry("closes", HOURS), Map.entry("closing", HOURS),
            Map.entry("dat hang", ORDER), Map.entry("dat mua", ORDER), Map.entry("dat don", ORDER),
            Map.entry("len don", ORDER), Map.entry("chot don", ORDER), Map.entry("order", ORDER),
            Map.entry("orders", ORDER), Map.entry("ordering", ORDER), Map.entry("buy", ORDER),
            Map.entry("purchase", ORDER), Map.entry("mua", ORDER), Map.entry("checkout", ORDER),
            Map.entry("cua hang", STORE), Map.entry("chi nhanh", STORE), Map.entry("store", STORE),
            Map.entry("stores", STORE), Map.entry("cafe", STORE),
            // "shop" alone is how Vietnamese audiences address the seller ("shop ơi"): a shop is a place after a
            // determiner ("where is your shop?", an entry titled "Our shop")
            Map.entry("our shop", STORE), Map.entry("your shop", STORE), Map.entry("the shop", STORE),
            Map.entry("this shop", STORE), Map.entry("shop address", STORE), Map.entry("store address", STORE),
            // where the shop is: "địa chỉ", "address", "located"; but an e-mail or web address is a contact and a
            // delivery address is shipping ("What's your email address?", "đổi địa chỉ giao hàng được không")
            Map.entry("dia chi", STORE), Map.entry("address", STORE), Map.entry("located", STORE),
            Map.entry("location", STORE), Map.entry("locations", STORE),
            Map.entry("email address", CONTACT), Map.entry("mail address", CONTACT),
            Map.entry("e mail address", CONTACT), Map.entry("e mail", CONTACT), Map.entry("website address", CONTACT),
            Map.entry("web address", CONTACT), Map.entry("dia chi email", CONTACT),
            Map.entry("dia chi mail", CONTACT), Map.entry("dia chi gmail", CONTACT), Map.entry("dia chi web", CONTACT),
            Map.entry("dia chi website", CONTACT), Map.entry("gmail", CONTACT),
            Map.entry("delivery address", SHIP), Map.entry("shipping address", SHIP),
            Map.entry("dia chi giao hang", SHIP), Map.entry("dia chi nhan hang", SHIP),
            Map.entry("dia chi giao", SHIP), Map.entry("dia chi nhan", SHIP),
            Map.entry("subscription", SUBSCRIBE), Map.entry("subscriptions", SUBSCRIBE),
            Map.entry("subscribe", SUBSCRIBE), Map.entry("subscribed", SUBSCRIBE),
            Map.entry("dinh ky", SUBSCRIBE),
            Map.entry("lien he", CONTACT), Map.entry("hotline", CONTACT), Map.entry("contact", CONTACT),
            Map.entry("email", CONTACT), Map.entry("phone", CONTACT), Map.entry("website", CONTACT),
            Map.entry("trang web", CONTACT), Map.entry("so dien thoai", CONTACT),
            Map.entry("may bay", FLIGHT), Map.entry("plane", FLIGHT), Map.entry("planes", FLIGHT),
            Map.entry("airplane", FLIGHT), Map.entry("aeroplane", FLIGHT), Map.entry("flight", FLIGHT),
            Map.entry("flights", FLIGHT), Map.entry("fly", FLIGHT), Map.entry("flying", FLIGHT),
            Map.entry("carry on", FLIGHT), Map.entry("hand luggage", FLIGHT), Map.entry("hanh ly xach tay", FLIGHT),
            Map.entry("chong on", NOISE), Map.entry("noise cancelling", NOISE), Map.entry("noise canceling", NOISE),
            Map.entry("noise cancellation", NOISE), Map.entry("anc", NOISE));

    /**
     * Ways to pay, each a term of its own beside {@link #PAY} (folded phrase to method term): a question about a credit
     * card finds the sentence about cards ("Không nhận thẻ tín dụng"), not the one listing cash and MoMo.
     */
    static final Map<String, String> METHODS = Map.ofEntries(
            Map.entry("credit card", "§pay-card"), Map.entry("credit cards", "§pay-card"),
            Map.entry("the tin dung", "§pay-card"), Map.entry("the visa", "§pay-card"),
            Map.entry("the ngan hang", "§pay-card"), Map.entry("the atm", "§pay-card"), Map.entry("quet the", "§pay-card"),
            Map.entry("visa", "§pay-card"), Map.entry("mastercard", "§pay-card"), Map.entry("master card", "§pay-card"),
            Map.entry("debit card", "§pay-card"), Map.entry("by card", "§pay-card"), Map.entry("with card", "§pay-card"),
            Map.entry("with a card", "§pay-card"),
            Map.entry("tien mat", "§pay-cash"), Map.entry("cash", "§pay-cash"),
            Map.entry("chuyen khoan", "§pay-transfer"), Map.entry("bank transfer", "§pay-transfer"),
            Map.entry("transfer", "§pay-transfer"),
            Map.entry("momo", "§pay-momo"), Map.entry("zalopay", "§pay-zalopay"), Map.entry("zalo pay", "§pay-zalopay"),
            Map.entry("vnpay", "§pay-vnpay"), Map.entry("shopeepay", "§pay-shopeepay"), Map.entry("paypal", "§pay-paypal"),
            Map.entry("apple pay", "§pay-applepay"), Map.entry("google pay", "§pay-googlepay"),
            Map.entry("thanh toan khi nhan hang", "§pay-cod"), Map.entry("tra tien khi nhan hang", "§pay-cod"),
            Map.entry("tra gop", "§pay-installment"), Map.entry("installment", "§pay-installment"),
            Map.entry("installments", "§pay-installment"));

    /**
     * The Vietnamese concept phrases as written with diacritics: a word typed with other diacritics is
     * another word ("Trà Lài" is a tea, not "trả lại"), so a concept matches a token typed plain or with
     * exactly these marks (the tone-aware rule of {@link Text}).
     */
    private static final Map<String, String[]> SURFACE = surface("giao hàng", "vận chuyển", "gửi hàng", "chuyển phát",
            "đổi trả", "trả hàng", "đổi hàng", "hoàn tiền", "trả lại", "đổi size", "đổi màu", "đổi sản phẩm", "đổi sp",
            "thanh toán", "trả tiền", "chuyển khoản", "trả góp", "giờ mở cửa", "mở cửa", "đóng cửa", "giờ làm việc",
            "đặt hàng", "đặt mua", "đặt đơn", "lên đơn", "chốt đơn", "cửa hàng", "chi nhánh", "định kỳ", "liên hệ",
            "số điện thoại", "máy bay", "hành lý xách tay", "chống ồn", "địa chỉ", "địa chỉ email", "địa chỉ mail",
            "địa chỉ gmail", "địa chỉ web", "địa chỉ website", "địa chỉ giao hàng", "địa chỉ nhận hàng", "địa chỉ giao",
            "địa chỉ nhận", "tận nơi", "đưa đón", "thẻ tín dụng", "thẻ visa", "thẻ ngân hàng", "thẻ atm", "quẹt thẻ", "tiền mặt", "ví điện tử",
            "thanh toán khi nhận hàng", "trả tiền khi nhận hàng");

    private static Map<String, String[]> surface(String... phrases) {
        Map<String, String[]> out = new java.util.HashMap<>();
        for (String p : phrases) {
            out.put(Text.fold(p), p.split(" "));
        }
        return Map.copyOf(out);
    }

    /**
     * The concept phrases by their first word, longest first: at each word, {@link #terms} tries only the
     * phrases that can start there (one hash lookup per word instead of every phrase at every word).
     */
    private static final Map<String, List<Phrase>> CONCEPT_PHRASES = conceptPhrases();

    /** One folded concept phrase and the concept term it stands for. */
    private record Phrase(String[] words, String concept) {
    }

    private static Map<String, List<Phrase>> conceptPhrases() {
        Map<String, List<Phrase>> byFirst = new java.util.HashMap<>();
        CONCEPTS.forEach((phrase, concept) -> {
            String[] words = phrase.split(" ");
            byFirst.computeIfAbsent(words[0], k -> new ArrayList<>()).add(new Phrase(words, concept));
        });
        Map<String, List<Phrase>> frozen = new java.util.HashMap<>();
        byFirst.forEach((first, phrases) -> {
            phrases.sort(Comparator.comparingInt((Phrase p) -> p.words().length).reversed());
            frozen.put(first, List.copyOf(phrases));
        });
        return Map.copyOf(frozen);
    }

    /** Function words and question/price vocabulary that never identify an entry (folded). */
    static final Set<String> STOPWORDS = Set.copyOf(List.of(
            // Vietnamese
            "la", "co", "khong", "cua", "va", "cho", "voi", "thi", "ma", "nay", "kia", "nao", "gi", "sao", "the",
            "vay", "a", "ah", "ak", "oi", "nhe", "nha", "nhi", "ha", "ban", "minh", "toi", "em", "anh", "chi",
            "admin", "duoc", "bao", "nhieu", "gia", "tien", "may", "mat", "hoi", "muon", "can", "lam", "cai",
            "nhu", "neu", "khi", "roi", "chua", "se", "dang", "bi", "o", "tai", "ve", "den", "tu", "trong",
            "hay", "hoac", "cung", "rat", "qua", "nhung", "cac", "mot", "hang", "dau", "day", "do", "ay", "vi",
            "nen", "thoi", "con", "ai", "biet", "xin", "chao", "cam", "on", "ne", "luon", "duoi", "tren", "ra",
            "vao", "len", "xuong", "het", "bay", "gio", "hom", "lau", "mai", "moi", "vang", "u", "uh", "oke",
            "ok", "luc", "vui", "long", "giup", "hien", "thu", "sau", "truoc", "shop", "san", "pham", "loai", "chai", "lo", "hop", "tuyp", "goi", "bich",
            // English
            "the", "an", "is", "are", "was", "were", "be", "been", "do", "does", "did", "you", "your", "yours",
            "i", "me", "my", "we", "our", "us", "it", "its", "this", "that", "these", "those", "what", "how",
            "much", "many", "when", "where", "which", "who", "why", "can", "could", "would", "should", "will",
            "to", "of", "for", "in", "on", "at", "by", "with", "from", "about", "and", "or", "if", "so",
            "please", "hi", "hello", "hey", "there", "any", "some", "have", "has", "had", "get", "got", "tell",
            "know", "want", "need", "like", "price", "prices", "pricing", "cost", "costs", "s", "m", "re", "ve",
            "ll", "d", "t", "just", "also", "there", "here", "they", "them", "their", "he", "she", "his", "her",
            "thanks", "thank", "long", "take", "takes", "usd", "vnd", "dong", "one", "be", "am", "not", "no",
            "yes", "yeah", "okay", "now", "today", "then", "than", "too", "very", "really", "still", "product",
            "item", "thing", "stuff", "sell", "offer", "available", "a",
            // indefinite pronouns and contact verbs: nothing a shop sells ("is there anything with nut oil?",
            // "Call me at ...", "Text me when ...")
            "anything", "something", "everything", "nothing", "anyone", "someone", "anybody", "somebody",
            "call", "calling", "text", "texting"));

    /**
     * The Vietnamese spellings of the stopwords whose folded form is also a content word typed with other tones:
     * "cam" stops as "cảm" (of "cảm ơn") but "cám" is bran, "cam" an orange; "mat" stops as "mất" (takes) but "mật" is
     * honey and "mặt" a face; "dau" as "đâu" but "dầu" is oil, "dâu" a strawberry, "đậu" a bean; "den" as "đến" but
     * "đen" is black and "đèn" a lamp; "toi" as "tôi"/"tới" but "tỏi" is garlic; "len" as "lên" but "len" is wool;
     * "chi" as "chị"/"chỉ" but "chì" is lead; "nhung" as "những"/"nhưng" but "nhung" is velvet. A token typed with
     * diacritics is a stopword only in one of these spellings; typed plain it stays one.
     */
    private static final Map<String, Set<String>> TONED_STOPWORDS = Map.of(
            "cam", Set.of("cảm"), "mat", Set.of("mất"), "dau", Set.of("đâu"), "den", Set.of("đến"),
            "toi", Set.of("tôi", "tới"), "len", Set.of("lên"), "chi", Set.of("chị", "chỉ"),
            "nhung", Set.of("những", "nhưng"));

    /** True when the token never identifies an entry: a stopword, in a stopword's spelling (see TONED_STOPWORDS). */
    static boolean stopword(Text.Token t) {
        if (!STOPWORDS.contains(t.folded())) {
            return false;
        }
        Set<String> toned = TONED_STOPWORDS.get(t.folded());
        return toned == null || t.plain() || toned.contains(t.raw());
    }

    private Lexicon() {
    }

    private static final java.util.regex.Pattern HYPHENATED = java.util.regex.Pattern.compile(
            "(?<![\\p{L}\\p{N}])(\\p{L}{1,8})-(\\p{L}{2,12})(?![\\p{L}\\p{N}-])");

    /** Retrieval terms: unigrams (concepts, stems) followed by bigrams of adjacent terms. */
    static List<String> terms(String text) {
        List<String> folded = new ArrayList<>();
        List<Text.Token> tokens = Text.tokens(text);
        for (Text.Token t : tokens) {
            folded.add(t.folded());
        }
        List<String> unigrams = new ArrayList<>();
        for (int i = 0; i < folded.size(); ) {
            String concept = null;
            int length = 0;
            for (Phrase phrase : CONCEPT_PHRASES.getOrDefault(folded.get(i), List.of())) {
                if (matchesAt(folded, i, phrase.words()) && toneMatches(tokens, i, phrase.words())) {
                    concept = phrase.concept();
                    length = phrase.words().length;
                    break;
                }
            }
            if (concept != null && modifier(tokens, i, length, concept)) {
                concept = null; // "contact lenses", "phone case": a thing named by a contact word, not the contact
            }
            if (concept != null) {
                unigrams.add(concept);
                String method = METHODS.get(String.join(" ", folded.subList(i, i + length)));
                if (method != null) {
                    unigrams.add(method);
                }
                i += length;
                continue;
            }
            Text.Token token = tokens.get(i);
            String word = folded.get(i++);
            if (!stopword(token) && !word.chars().allMatch(Character::isDigit)) {
                unigrams.add(stem(word));
            }
        }
        // a hyphenated word is also the word typed joined ("Wi-Fi" is "wifi", "e-reader" "ereader")
        java.util.regex.Matcher hyphen = HYPHENATED.matcher(text);
        while (hyphen.find()) {
            String joined = stem(Text.fold(hyphen.group(1) + hyphen.group(2)));
            if (!STOPWORDS.contains(joined) && !unigrams.contains(joined)) {
                unigrams.add(joined);
            }
        }
        List<String> out = new ArrayList<>(unigrams);
        for (int i = 0; i + 1 < unigrams.size(); i++) {
            String a = unigrams.get(i);
            String b = unigrams.get(i + 1);
            if (!a.startsWith("§") && !b.startsWith("§")) {
                out.add(a + "_" + b);
            }
        }
        return out;
    }

    /**
     * The ways to pay the text names ({@link #METHODS}), each method term with its words as typed (NFC, case kept):
     * "can I pay with Momo?" gives {@code §pay-momo -> Momo}.
     */
    static Map<String, String> methods(String text) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        List<Text.Token> tokens = Text.tokens(text);
        List<String> folded = new ArrayList<>();
        for (Text.Token t : tokens) {
            folded.add(t.folded());
        }
        for (int i = 0; i < folded.size(); i++) {
            for (Phrase phrase : CONCEPT_PHRASES.getOrDefault(folded.get(i), List.of())) {
                if (matchesAt(folded, i, phrase.words()) && toneMatches(tokens, i, phrase.words())) {
                    String method = METHODS.get(String.join(" ", phrase.words()));
                    if (method != null) {
                        List<String> typed = new ArrayList<>();
                        for (int j = 0; j < phrase.words().length; j++) {
                            typed.add(asTyped(text, tokens.get(i + j).raw()));
                        }
                        out.putIfAbsent(method, String.join(" ", typed));
                    }
                    i += phrase.words().length - 1;
                    break;
                }
            }
        }
        return out;
    }

    /** The word as the text writes it (its case), else as given. */
    private static String asTyped(String text, String lowerWord) {
        String nfc = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC);
        int at = nfc.toLowerCase(java.util.Locale.ROOT).indexOf(lowerWord);
        return at < 0 ? lowerWord : nfc.substring(at, at + lowerWord.length());
    }

    /**
     * Which tokens belong to a concept phrase ("tested on animals", "thử nghiệm trên động vật"): words of a known
     * concept, never an unknown thing to quote back ("I don't have information about animals").
     */
    static boolean[] conceptCovered(List<Text.Token> tokens) {
        boolean[] out = new boolean[tokens.size()];
        List<String> folded = new ArrayList<>(tokens.size());
        for (Text.Token t : tokens) {
            folded.add(t.folded());
        }
        for (int i = 0; i < folded.size(); i++) {
            for (Phrase phrase : CONCEPT_PHRASES.getOrDefault(folded.get(i), List.of())) {
                if (matchesAt(folded, i, phrase.words()) && toneMatches(tokens, i, phrase.words())) {
                    if (modifier(tokens, i, phrase.words().length, phrase.concept())) {
                        break;
                    }
                    for (int j = 0; j < phrase.words().length; j++) {
                        out[i + j] = true;
                    }
                    break;
                }
            }
        }
        return out;
    }

    /** The English contact words that also name a thing when a noun follows them ("contact lenses", "phone case"). */
    private static final Set<String> CONTACT_MODIFIERS = Set.of("contact", "phone");
    /**
     * What follows a contact word when it still asks for the contact ("contact number", "phone support", "contact us",
     * "phone 0912 ..."): nouns of the contact itself. Any other word after it is the thing it names.
     */
    private static final Set<String> CONTACT_NOUNS = Set.of("number", "numbers", "no", "detail", "details", "info",
            "information", "email", "mail", "address", "person", "form", "page", "line", "support", "call", "calls",
            "hotline", "phone", "contact", "telephone", "tel", "mobile", "team", "agent", "staff", "service", "center",
            "centre", "customer", "care", "desk", "hour", "hours", "option", "options",
            "channel", "channels", "method", "methods", "list", "directly", "anyone", "someone", "somebody", "anybody",
            "ai", "shop", "admin", "ad", "you", "ban", "minh", "em", "anh", "chi", "sdt", "zalo", "whatsapp", "or",
            "and", "hoac", "va");

    /** Words before "contact" or "phone" used as a verb ("how do I contact", "to phone", "please contact"). */
    private static final Set<String> VERB_BEFORE = Set.of("to", "i", "we", "can", "could", "do", "please", "pls", "plz",
            "should", "how", "will", "would", "you", "may", "must", "and", "or", "cannot", "can't", "cant", "t", "ll",
            "just", "then", "best", "directly", "not", "never");

    /**
     * True when a one-word contact concept ("contact", "phone") is followed by a word that names a thing rather than
     * the contact ("contact lenses", "phone holder", "phone case", "phone charger"): that phrase is no question about
     * how to reach the brand. A contact noun, a number or a function word after it keeps it a contact ("contact number",
     * "phone 0912 ...", "phone or email").
     */
    static boolean modifier(List<Text.Token> tokens, int at, int length, String concept) {
        if (!CONTACT.equals(concept) || length != 1 || !CONTACT_MODIFIERS.contains(tokens.get(at).folded())
                || at + 1 >= tokens.size()) {
            return false;
        }
        if (at == 0 || VERB_BEFORE.contains(tokens.get(at - 1).folded())) {
            return false; // "Contact Lumière", "how do I contact Northlight?", "can I phone the shop": the verb
        }
        Text.Token next = tokens.get(at + 1);
        return !next.numeric() && !CONTACT_NOUNS.contains(next.folded()) && !STOPWORDS.contains(next.folded())
                && next.folded().chars().allMatch(Character::isLetter);
    }

    /** Each token is typed plain or with the concept's own diacritics (see {@link #SURFACE}). */
    private static boolean toneMatches(List<Text.Token> tokens, int at, String[] phrase) {
        String[] surface = SURFACE.get(String.join(" ", phrase));
        if (surface == null) {
            return true;
        }
        for (int j = 0; j < phrase.length; j++) {
            Text.Token t = tokens.get(at + j);
            if (!t.plain() && !t.raw().equals(surface[j])) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesAt(List<String> words, int at, String[] phrase) {
        if (at + phrase.length > words.size()) {
            return false;
        }
        for (int j = 0; j < phrase.length; j++) {
            if (!words.get(at + j).equals(phrase[j])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Nouns whose singular ends in "ie": their plural loses only the "s" ("brownies" is "brownie", not "browny" as
     * "berries" is "berry").
     */
    private static final Set<String> IE_NOUNS = Set.of("brownie", "cookie", "movie", "pie", "tie", "smoothie",
            "hoodie", "veggie", "selfie", "calorie", "zombie", "goodie", "beanie", "rookie", "auntie", "birdie", "genie",
            "prairie", "boogie", "sweetie", "foodie", "newbie", "freebie", "hippie", "techie", "cutie", "pixie",
            "kiddie", "bootie", "magpie", "necktie", "pinkie", "potpie", "lingerie", "bookie", "collie", "coolie",
            "eyrie", "oldie", "budgie", "nightie", "onesie", "scrunchie", "wheelie", "walkie", "talkie", "doggie",
            "pastie", "patisserie", "rotisserie", "brasserie", "sortie", "lie", "die", "vie");

    /**
     * A light English stemmer, one stem for every form of a word: the plural first ("-ies", "-es", "-s"), then "-ing" or
     * "-ed" (a three-letter stem gets its silent "e" back), else a final silent "e" of a longer word, so "include",
     * "includes", "included" and "including" are all "includ", "park" and "parking" "park", "hike", "hikes" and
     * "hiking" "hike", "rent" and "rented" "rent". Vietnamese syllables never take these
     * endings (a folded syllable ending in "e" has at most four letters: "nghe", "khoe", "thue", which stay whole).
     */
    static String stem(String w) {
        String s = w;
        if (s.length() > 4 && s.endsWith("ies") && IE_NOUNS.contains(s.substring(0, s.length() - 1))) {
            s = s.substring(0, s.length() - 1); // "brownies" -> "brownie"
        } else if (s.length() > 4 && s.endsWith("ies")) {
            s = s.substring(0, s.length() - 3) + "y";
        } else if (s.length() > 4 && (s.endsWith("ches") || s.endsWith("shes") || s.endsWith("sses")
                || s.endsWith("xes"))) {
            s = s.substring(0, s.length() - 2);
        } else if (s.length() > 3 && s.endsWith("s") && !s.endsWith("ss") && !s.endsWith("us")) {
            s = s.substring(0, s.length() - 1);
        }
        if ((s.length() > 5 && s.endsWith("ing")) || (s.length() > 4 && s.endsWith("ed") && !s.endsWith("eed"))) {
            String bare = s.substring(0, s.length() - (s.endsWith("ing") ? 3 : 2));
            String undoubled = undouble(bare);
            // "hiked", "taping": a short stem lost its silent e ("hike", "tape"); "hopped" kept its double letter
            s = undoubled.equals(bare) && shortCvc(bare) ? bare + "e" : undoubled;
        } else if (s.length() > 4 && s.endsWith("e") && !s.endsWith("ee")) {
            s = s.substring(0, s.length() - 1); // "include" -> "includ", as "included"
        }
        return s;
    }

    /** Three letters, consonant-vowel-consonant, the last not w, x or y ("hik" of "hiked", "tap" of "taped"). */
    private static boolean shortCvc(String s) {
        return s.length() == 3 && !vowel(s.charAt(0)) && vowel(s.charAt(1)) && !vowel(s.charAt(2))
                && "wxy".indexOf(s.charAt(2)) < 0;
    }

    private static boolean vowel(char c) {
        return "aeiou".indexOf(c) >= 0;
    }

    private static String undouble(String s) {
        int n = s.length();
        if (n > 2 && s.charAt(n - 1) == s.charAt(n - 2) && "bdgkmnprt".indexOf(s.charAt(n - 1)) >= 0) {
            return s.substring(0, n - 1);
        }
        return s;
    }

    /** Concept terms present in the text, e.g. {@link #SHIP}. */
    static Set<String> concepts(String text) {
        Set<String> out = new java.util.HashSet<>();
        for (String t : terms(text)) {
            if (t.startsWith("§")) {
                out.add(t);
            }
        }
        return out;
    }
}
