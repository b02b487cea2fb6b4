package com.personaruntime.composer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keyword-based intent detection for Vietnamese and English, with or without diacritics and in
 * teencode. Matching is tone-aware (see {@link Text}): "giá" and "gia" are a price cue, "giả" is not;
 * a few keywords whose undiacritised form is another common word ("kém" vs "kem") match only when
 * typed with their diacritics.
 *
 * <p>Precedence when several cues occur: complaint, off-topic, shipping, price, purchase intent,
 * product question, thanks, greeting. Social words are read in context: an acknowledgement ("ok",
 * "great") inside a message that asks something is no thanks, and a salutation is a greeting only where
 * a sentence opens with it (see {@link Signals#asks()}). A message with no cue is {@link Intent#OFF_TOPIC} here; the
 * composer upgrades it to a product question when the knowledge matches it.
 */
public final class IntentDetector {

    /**
     * What one message contains, before knowledge is consulted: its intent cues, whether it is off topic or
     * asks for the catalogue, whether it is phrased as a question, and whether that question {@code asks}
     * for something beyond thanks, acknowledgements, salutations and social words ("ok for sensitive skin?"
     * asks; "thanks shop?" does not).
     */
    record Signals(Set<Intent> cues, boolean offTopic, boolean catalog, boolean question, boolean asks) {
        Signals {
            cues = java.util.Collections.unmodifiableSet(cues); // shared between callers (see RECENT)
        }

        boolean has(Intent intent) {
            return cues.contains(intent);
        }
    }

    /**
     * Salutations: a greeting only where a sentence opens with one ("Chào shop", "ok, hi there", "Linh ơi,
     * chào em"). Inside a sentence the same word is something else: "nấu được chao không" typed without
     * diacritics means "chảo" (a pan), not "chào".
     */
    private static final List<Text.Token[]> SALUTATION = phrases(
            "xin chào", "chào", "chao xìn", "hello", "hi", "hii", "hey", "heyy", "hế lô", "alo", "a lô", "helo",
            "hallo", "good morning", "good afternoon", "good evening", "howdy", "hiya", "greetings");
    /** Words that may stand before a salutation at the start of a sentence ("dạ chào shop", "oh hi"). */
    private static final List<Text.Token[]> SALUTATION_LEAD = phrases(
            "dạ", "à", "ờ", "ồ", "ơ", "ok", "oke", "okay", "oh", "well", "và", "and", "um", "uh", "ừ", "vâng");
    /** Questions about who is answering: a greeting-like opener wherever they occur. */
    private static final List<Text.Token[]> IDENTITY = phrases(
            "bạn là ai", "em là ai", "bạn tên gì", "em tên gì", "who are you", "are you a bot", "are you human",
            "are you real", "are you an ai", "are you ai", "your name", "bạn là người", "bạn là bot",
            "bạn là ai vậy", "real person", "are you a person", "are you a robot", "is this a bot",
            "bạn là người thật", "người thật", "bạn là máy", "talking to a bot", "talking to a human");
    /** Gratitude and leave-taking: thanks even beside a question ("cảm ơn, còn giá bao nhiêu?"). */
    private static final List<Text.Token[]> THANKS = phrases(
            "cảm ơn", "cám ơn", "thanks", "thank", "tysm", "appreciate", "appreciated", "merci",
            "thank you", "bye", "goodbye", "tạm biệt");
    /**
     * Acknowledgements ("ok", "great"): closing words on their own, but inside a question they ask
     * ("ok for sensitive skin?", "oke cho da dầu không?") and are no thanks.
     */
    private static final List<Text.Token[]> ACKNOWLEDGEMENT = phrases(
            "ok", "oke", "okay", "okie", "vâng", "dạ vâng", "ừ", "got it", "cool", "great",
            "perfect", "tuyệt", "tuyệt vời", "awesome");
    /**
     * Words that carry no request by themselves: a question mark after only these and social words
     * ("thanks shop?", "ok nha?") asks nothing.
     */
    private static final List<Text.Token[]> SOCIAL_FILLER = phrases(
            "shop", "ad", "admin", "bạn", "em", "chị", "anh", "mình", "ạ", "nhé", "nha", "nhá", "ơi", "à", "ờ", "ừ",
            "dạ", "you", "so", "much", "very", "a", "lot", "again", "all", "oh", "well", "and", "và", "nhiều",
            "rất", "lắm", "luôn", "nè", "nhỉ", "hả", "ha", "vậy", "thế", "the", "there", "everyone", "guys", "rồi",
            "then", "too", "cũng", "sir", "madam", "ma", "am", "quá", "z", "nhe");
    /** Words of a fault reported ("bị vỡ", "broken", "never arrived"); also read by the composer. */
    static final List<Text.Token[]> COMPLAINT = phrases(
            "khiếu nại", "phàn nàn", "thất vọng", "=tệ", "quá tệ", "=kém", "lừa đảo", "=lừa", "=hỏng", "bị hỏng",
            "bị lỗi", "=lỗi", "=vỡ", "bị vỡ", "=bể", "bị bể", "bị móp", "=móp", "giao sai", "gửi sai", "nhầm hàng",
            "sai hàng", "chưa nhận được", "chưa nhận", "chưa tới", "chưa thấy hàng", "chậm quá", "lâu quá",
            "hàng giả", "hàng fake", "không hài lòng", "=bực", "bực mình", "=chán", "=dở", "không dùng được",
            "trả lại tiền", "hoàn tiền cho", "complain", "complaint", "broken", "damaged", "defective",
            "wrong item", "wrong order", "never arrived", "hasn t arrived", "has not arrived", "not arrived",
            "didn t arrive", "did not arrive", "still waiting", "still haven t", "terrible", "awful", "horrible",
            "disappointed", "disappointing", "worst", "bad service", "rude", "scam", "unacceptable", "angry",
            "upset", "leaking", "leaked", "spilled", "stale", "cracked", "arrived late", "want a refund",
            "want my money back", "money back", "not happy", "unhappy", "ripped off", "broke", "broken", "tore",
            "torn", "ripped", "fell apart", "falling apart", "stopped working", "doesn t work", "does not work",
            "not working", "faulty", "peeling", "leaks", "came apart", "missing parts", "=rách", "bị rách", "bung chỉ",
            "tuột chỉ", "phai màu", "bạc màu", "không hoạt động", "hư rồi", "=hư", "bị hư", "thiếu hàng", "giao thiếu");
    /** Symptoms: a complaint when reported, a product question when asked ("có gây kích ứng không?"). */
    private static final List<Text.Token[]> SYMPTOM = phrases(
            "dị ứng", "kích ứng", "nổi mụn", "mẩn đỏ", "=rát", "=ngứa", "allergic", "rash", "breakout",
            "broke out", "irritation", "irritated", "itchy", "burning");
    private static final List<Text.Token[]> SHIPPING = phrases(
            "ship", "shipping", "ships", "shipped", "giao hàng", "giao", "vận chuyển", "phí ship", "freeship",
            "gửi hàng", "chuyển phát", "nhận hàng", "nhận được hàng", "cod", "delivery", "deliver", "delivered",
            "postage", "courier", "dispatch", "tracking", "arrive", "arrives", "where is my order", "giao tận",
            "giao tới", "giao đến", "giao ra");
    private static final List<Text.Token[]> PRICE = phrases(
            "giá", "bao nhiêu tiền", "mấy tiền", "nhiêu tiền", "bao tiền", "bảng giá", "giá cả", "=đắt",
            "=rẻ", "giảm giá", "khuyến mãi", "sale", "price", "prices", "pricing", "priced", "cost", "costs",
            "expensive", "cheap", "discount", "=tiền");
    /** "how much" / "bao nhiêu" ask a price only before these words or at the end ("how much caffeine" does not). */
    private static final List<Text.Token[]> HOW_MUCH = phrases("how much", "bao nhiêu", "bao nhiu");
    private static final List<Text.Token[]> PRICE_FOLLOWERS = phrases("is", "are", "does", "do", "for", "would",
            "will", "was", "it", "s", "vậy", "ạ", "a", "shop", "admin", "em", "chị", "anh", "bạn", "thế", "nhỉ",
            "nha", "tiền", "đ", "k", "một", "1", "hả", "the", "z", "thì");
    /** Words that ask to buy or order ("đặt hàng", "add to cart"); also cue words that name no product. */
    static final List<Text.Token[]> PURCHASE = phrases(
            "mua", "muốn mua", "đặt hàng", "đặt mua", "=đặt", "dat hang", "order", "buy", "purchase", "chốt đơn",
            "=chốt", "lên đơn", "lấy cho", "add to cart", "checkout", "check out", "i ll take", "i will take",
            "subscribe", "sign up", "cách mua", "cách đặt", "mình lấy", "em lấy", "cho mình lấy", "cho em lấy",
            "lấy 1", "lấy 2", "lấy một", "lấy hai", "i ll get", "i will get", "i want one", "take one", "i ll buy");
    private static final List<Text.Token[]> PRODUCT = phrases(
            "là gì", "=dùng", "cách dùng", "sử dụng", "thành phần", "có tốt không", "phù hợp", "loại da",
            "công dụng", "tác dụng", "review", "what is", "what s", "tell me about", "do you have",
            "ingredients", "recommend", "suggest", "which", "best", "difference", "how to use", "how do i use",
            "good for", "suitable", "open", "opening", "hours", "return", "returns", "refund", "exchange",
            "subscription", "đổi trả", "mở cửa", "sản phẩm", "product", "products", "menu", "=bán", "=có bán",
            "loại nào", "nên dùng", "hạn sử dụng", "bảo quản", "made", "roast", "flavor", "flavour", "taste",
            "origin", "policy", "chính sách", "cửa hàng", "store", "address", "địa chỉ", "ở đâu", "where");
    private static final List<Text.Token[]> CATALOG = phrases(
            "bán gì", "bán những gì", "có những sản phẩm", "sản phẩm nào", "những sản phẩm", "what do you sell",
            "what products", "your products", "menu", "what do you have", "what do you offer", "catalog",
            "catalogue", "your range", "có những gì", "có gì", "có những loại", "những loại nào");
    private static final List<Text.Token[]> OFF_TOPIC = phrases(
            "bầu cử", "election", "elections", "president", "tổng thống", "chính trị", "politics", "political",
            "thời tiết", "weather", "bóng đá", "football", "soccer", "world cup", "tôn giáo", "religion",
            "chứng khoán", "stock market", "stocks", "bitcoin", "crypto", "xổ số", "lottery", "thủ đô",
            "capital of", "chiến tranh", "war", "tin tức", "news", "homework", "bài tập", "joke", "chuyện cười",
            "math", "=toán", "vote", "bỏ phiếu", "government", "chính phủ", "movie", "phim", "who will win",
            "ai sẽ thắng", "ai thắng", "horoscope", "tử vi", "girlfriend", "boyfriend", "người yêu",
            "write code", "viết code", "lyrics", "lời bài hát");
    private static final List<Text.Token[]> QUESTION_ENDINGS = phrases("không", "chưa", "hả", "ha", "nhỉ", "à");
    /** Question words asked in place (see {@link #vietnameseQuestionWord}). */
    private static final List<Text.Token[]> QUESTION_WORDS = phrases("=gì", "bao nhiêu", "bao nhiu", "bao lâu",
            "=mấy", "ở đâu", "=nào", "thế nào", "như thế nào", "ntn", "làm sao", "=sao", "khi nào", "bao giờ",
            "được không", "đc ko", "dc ko");
    private static final Set<String> QUESTION_STARTS = Set.of("do", "does", "did", "is", "are", "can", "could",
            "will", "would", "should", "what", "how", "which", "why", "when", "where", "who", "có");
    private static final Pattern MONEY = Pattern.compile(
            "[$€£₫]|\\d\\s*(?:k|đ|vnd|vnđ|usd|eur)\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private IntentDetector() {
    }

    /** The intent of one message, from its text alone. */
    public static Intent detect(String text) {
        Signals s = analyze(text);
        for (Intent i : List.of(Intent.COMPLAINT)) {
            if (s.has(i)) {
                return i;
            }
        }
        if (s.offTopic()) {
            return Intent.OFF_TOPIC;
        }
        for (Intent i : List.of(Intent.SHIPPING, Intent.PRICE, Intent.PURCHASE_INTENT, Intent.PRODUCT_QUESTION,
                Intent.THANKS, Intent.GREETING)) {
            if (s.has(i)) {
                return i;
            }
        }
        return Intent.OFF_TOPIC;
    }

    /**
     * Recent analyses by text: one chat turn analyses the same message several times (the audience's
     * sentiment on the event loop, then insights' question, intent and sentiment signals on a worker), and
     * the phrase scan is the composer's costliest lexical step. Analyses are pure functions of the text.
     */
    private static final Map<String, Signals> RECENT = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Signals> eldest) {
            return size() > 2048;
        }
    };

    static Signals analyze(String text) {
        String key = text == null ? "" : text;
        if (key.length() > 2000) {
            return analyzeNow(key);
        }
        Signals known;
        synchronized (RECENT) {
            known = RECENT.get(key);
        }
        if (known == null) {
            known = analyzeNow(key);
            synchronized (RECENT) {
                RECENT.put(key, known);
            }
        }
        return known;
    }

    private static Signals analyzeNow(String text) {
        String t = text;
        List<Text.Token> tokens = Text.tokens(t);
        boolean question = t.contains("?") || (!tokens.isEmpty()
                && (QUESTION_STARTS.contains(tokens.get(0).folded())
                || endsWithAny(tokens, QUESTION_ENDINGS) || vietnameseQuestionWord(tokens)));
        Set<Intent> cues = EnumSet.noneOf(Intent.class);
        if (any(tokens, IDENTITY) || salutationOpensSentence(t)) {
            cues.add(Intent.GREETING);
        }
        boolean asks = question && asksSomething(tokens);
        if (any(tokens, THANKS) || (!asks && any(tokens, ACKNOWLEDGEMENT))) {
            cues.add(Intent.THANKS);
        }
        // "nếu sp bị vỡ thì sao", "what if it arrives broken?": a condition asked about reports no fault
        if ((any(tokens, COMPLAINT) && !Hypothetical.only(t, COMPLAINT))
                || (!question && any(tokens, SYMPTOM))) {
            cues.add(Intent.COMPLAINT);
        }
        if (any(tokens, SHIPPING)) {
            cues.add(Intent.SHIPPING);
        }
        if (any(tokens, PRICE) || MONEY.matcher(t).find() || howMuchAsksPrice(tokens)) {
            cues.add(Intent.PRICE);
        }
        if (any(tokens, PURCHASE)) {
            cues.add(Intent.PURCHASE_INTENT);
        }
        boolean catalog = any(tokens, CATALOG);
        if (catalog || any(tokens, PRODUCT) || (question && any(tokens, SYMPTOM))) {
            cues.add(Intent.PRODUCT_QUESTION);
        }
        return new Signals(cues, any(tokens, OFF_TOPIC), catalog, question, asks);
    }

    /** Sentence separators: a salutation counts at the start of the message or of one of its sentences. */
    private static final Pattern SENTENCE_BREAK = Pattern.compile("[.,!?;:\\n]+");

    /** True when a sentence of {@code text} opens (after at most a lead word such as "dạ") with a salutation. */
    private static boolean salutationOpensSentence(String text) {
        for (String sentence : SENTENCE_BREAK.split(text)) {
            List<Text.Token> tokens = Text.tokens(sentence);
            int at = 0;
            while (at < tokens.size() && at < 2 && startsWithAny(tokens.get(at), SALUTATION_LEAD)) {
                at++;
            }
            for (Text.Token[] p : SALUTATION) {
                if (Text.matchesAt(tokens, at, p)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True when the message holds a word beyond thanks, acknowledgements, salutations, questions about who
     * is answering ("bạn là ai?") and social fillers: "ok for sensitive skin?" asks, "thanks shop?" does not.
     */
    private static boolean asksSomething(List<Text.Token> tokens) {
        int i = 0;
        outer:
        while (i < tokens.size()) {
            for (List<Text.Token[]> social : List.of(IDENTITY, THANKS, ACKNOWLEDGEMENT, SALUTATION, SOCIAL_FILLER)) {
                for (Text.Token[] p : social) {
                    if (Text.matchesAt(tokens, i, p)) {
                        i += p.length;
                        continue outer;
                    }
                }
            }
            return true;
        }
        return false;
    }

    /**
     * What "how much" / "bao nhiêu" measures when it is no price: a weight, a height, a length, a capacity ("How much
     * does the Cove frame weigh?", "monstera cao bao nhiêu", "nặng bao nhiêu", "túi này đựng được bao nhiêu", "how
     * much does it hold"). Vietnamese measure words stand just before "bao nhiêu", typed with their own diacritics
     * ("nang" typed plain may be the sun of "kem chống nắng"); English measure verbs anywhere in the clause.
     */
    private static final Set<String> MEASURED_BEFORE = Set.of("cao", "nặng", "dài", "rộng", "sâu", "dày");
    private static final List<Text.Token[]> MEASURED_PHRASES = phrases("cân nặng", "chiều cao", "chiều dài",
            "đựng được", "chứa được");
    private static final List<Text.Token[]> MEASURE_VERBS = phrases("weigh", "weighs", "weight", "heavy", "hold",
            "holds", "capacity");

    private static boolean howMuchAsksPrice(List<Text.Token> tokens) {
        if (any(tokens, MEASURE_VERBS)) {
            return false; // "How much does the Cove frame weigh?": a weight, not a price
        }
        for (Text.Token[] p : HOW_MUCH) {
            int at = Text.indexOf(tokens, p, 0);
            while (at >= 0) {
                int next = at + p.length;
                if (measuredBefore(tokens, at)) {
                    at = Text.indexOf(tokens, p, at + 1); // "cao bao nhiêu": a height
                    continue;
                }
                if (next >= tokens.size() || startsWithAny(tokens.get(next), PRICE_FOLLOWERS)) {
                    return true;
                }
                at = Text.indexOf(tokens, p, at + 1);
            }
        }
        return false;
    }

    /** A measure word ends just before {@code at} ("cao bao nhiêu", "đựng được bao nhiêu"). */
    private static boolean measuredBefore(List<Text.Token> tokens, int at) {
        if (at > 0 && MEASURED_BEFORE.contains(tokens.get(at - 1).raw())) {
            return true;
        }
        for (Text.Token[] m : MEASURED_PHRASES) {
            if (at - m.length >= 0 && Text.matchesAt(tokens, at - m.length, m)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(Text.Token token, List<Text.Token[]> words) {
        for (Text.Token[] w : words) {
            if (w.length == 1 && token.matches(w[0])) {
                return true;
            }
        }
        return false;
    }

    static boolean any(List<Text.Token> tokens, List<Text.Token[]> phrases) {
        if (phrases instanceof Phrases indexed) {
            return indexed.occursIn(tokens);
        }
        for (Text.Token[] p : phrases) {
            if (Text.contains(tokens, p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A Vietnamese question word inside the message ("mèo 4kg ăn bao nhiêu gram", "giáo viên có bằng cấp gì", "đổi
     * sang hạt mới thì làm sao"): Vietnamese asks in place, not by word order. Words whose plain spelling is another
     * word ("mấy"/"máy", "nào"/"não", "sao" a star) count only with their diacritics; "không có gì" and "không sao"
     * answer, they ask nothing, and a lone "đâu" denies ("không sao đâu"), only "ở đâu" asks where.
     */
    /** Words before "nào" that make "not … at all" rather than "which" ("chút nào", "tí nào", "xíu nào"), folded. */
    private static final Set<String> AT_ALL = Set.of("chut", "ti", "xiu");

    static boolean vietnameseQuestionWord(List<Text.Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            for (Text.Token[] p : QUESTION_WORDS) {
                if (!Text.matchesAt(tokens, i, p)) {
                    continue;
                }
                boolean answer = (p[0].folded().endsWith("gi") && i >= 2 && tokens.get(i - 2).folded().equals("khong")
                        && tokens.get(i - 1).folded().equals("co"))
                        || (p[0].folded().endsWith("sao") && i >= 1 && tokens.get(i - 1).folded().equals("khong"))
                        // "không bết chút nào", "chẳng thích tí nào": the "at all" of a negation
                        || (tokens.get(i).folded().equals("nao") && i >= 1 && AT_ALL.contains(tokens.get(i - 1).folded()));
                if (!answer) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Words that may follow a Vietnamese question's final word and still end the question: politeness particles
     * and forms of address ("dùng được không ạ", "có size M k shop", "còn hàng không chị ơi").
     */
    private static final List<Text.Token[]> QUESTION_TRAILERS = phrases("ạ", "shop", "sốp", "ad", "admin", "nha",
            "nhé", "ơi", "vậy", "em", "chị", "anh", "bạn", "ah", "ak", "zậy", "z", "nhen", "hen");

    /** True when the last word, after any {@link #QUESTION_TRAILERS}, is one of the one-word {@code phrases}. */
    private static boolean endsWithAny(List<Text.Token> tokens, List<Text.Token[]> phrases) {
        int at = tokens.size() - 1;
        while (at > 0 && startsWithAny(tokens.get(at), QUESTION_TRAILERS)) {
            at--;
        }
        Text.Token last = tokens.get(at);
        for (Text.Token[] p : phrases) {
            if (p.length == 1 && last.matches(p[0])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Keyword phrases; a leading {@code =} means the keyword matches only with exactly these
     * diacritics, because its plain form is another common word ("=kém" must not match "kem").
     */
    static List<Text.Token[]> phrases(String... phrases) {
        List<Text.Token[]> out = new ArrayList<>();
        for (String p : phrases) {
            if (p.startsWith("=")) {
                Text.Token[] words = Text.phrase(p.substring(1));
                for (int i = 0; i < words.length; i++) {
                    words[i] = new Text.Token(words[i].raw(), "\u0000" + words[i].folded());
                }
                out.add(words);
            } else {
                out.add(Text.phrase(p));
            }
        }
        return new Phrases(out);
    }
}
