package com.personaruntime.composer;

import java.util.List;
import java.util.Set;

/**
 * Tells Vietnamese from English in short chat messages, with or without diacritics.
 *
 * <p>Evidence for Vietnamese: letters only Vietnamese uses (ă, đ, ơ, ư, ĩ, ũ and the tone-marked
 * vowels of the Latin Extended Additional block), weaker evidence from accents it shares with
 * French (é, à, ê ... as in "Lumière" or "café"), and common Vietnamese words typed without
 * diacritics or in teencode ("bao nhieu", "gia", "khong", "ko", "shop oi"). Evidence for English:
 * common English function and shop words. The side with more evidence wins; none at all gives
 * {@code null}.
 */
public final class LanguageDetector {

    private static final Set<String> VI_WORDS = Set.copyOf(List.of(
            "bao", "nhieu", "nhiu", "gia", "khong", "ko", "hok", "khum", "kh", "bn", "sp", "dc", "đc", "j", "ntn",
            "minh", "mk", "ban", "oi", "nha", "nhe", "nhi", "vay", "z", "the", "nao", "sao", "cho", "hoi", "mua",
            "giao", "hang", "ngay", "co", "la", "duoc", "tien", "chao", "cam", "on", "kem", "chong",
            "nang", "da", "toi", "em", "anh", "chi", "gi", "lam", "nay", "roi", "chua", "voi", "cua", "thi", "ma",
            "nhu", "neu", "khi", "dau", "lau", "tra", "doi", "san", "pham", "ak", "ah", "ạ", "u", "ne", "luon",
            "dat", "giup", "xin", "thoi", "tiet", "hom", "bi", "sua", "rua", "mat", "cai", "muon", "can", "dung",
            "vui", "long", "shop", "ship", "ad", "mn", "ib", "r", "vs", "cx", "trc", "bh",
            // frequent words typed without diacritics (folded forms that are not English words)
            "nguoi", "phai", "biet", "bik", "gio", "nhung", "cung", "trong", "ngoai", "xuong", "rat", "nua", "het",
            "dang", "chung", "mot", "nen", "tai", "lai", "khoe", "dep", "thich", "nghe", "hieu", "tot", "xau",
            "thang", "tuan", "hum", "ha", "hong", "hem", "nguyen", "duong", "nhat", "truoc", "tuoi", "vang",
            "dieu", "viec", "thuoc", "benh", "mun", "kho", "uong", "tinh", "nhanh", "cham", "dong", "kiem"));
    private static final Set<String> VI_ONLY_WITH_OTHERS = Set.of("the", "long", "can", "shop", "ship", "u",
            "ban", "chi", "cam", "on", "da", "ma", "la", "ad", "r");
    private static final Set<String> EN_WORDS = Set.of(
            "the", "a", "an", "is", "are", "was", "were", "be", "do", "does", "did", "you", "your", "i", "me",
            "my", "we", "our", "it", "this", "that", "what", "how", "much", "many", "when", "where", "which",
            "who", "why", "can", "could", "would", "will", "to", "of", "for", "in", "on", "at", "with", "from",
            "about", "and", "or", "please", "hi", "hello", "hey", "there", "any", "have", "has", "get", "tell",
            "want", "need", "price", "cost", "costs", "shipping", "delivery", "order", "buy", "thanks", "thank",
            "long", "take", "open", "hours", "return", "returns", "refund", "weather", "good", "morning",
            "s", "m", "ll", "re", "ve", "t", "sell", "coffee", "beans", "bag", "just", "they", "them", "if",
            "not", "no", "yes", "so", "some", "like", "love", "day", "days", "today", "win", "shop");

    private LanguageDetector() {
    }

    /** What {@link #RECENT} holds for a text with no evidence either way (the map holds no nulls). */
    private static final String NONE = "";
    /** Longest text whose detection is remembered (longer ones are rare and detected each time). */
    static final int REMEMBERED_MAX_CHARS = 2_000;

    /**
     * Recent detections by text. One chat turn asks for the language of the same message four or five
     * times on two threads: the input guard's language and the reply language on the event loop, then the
     * knowledge retrieval, the insights signals and their sentiment model on workers (docs/benchmarks.md,
     * issue 14). Detection is a pure function of the text, so it is done once and remembered (as
     * {@link IntentDetector} remembers its analyses).
     */
    private static final java.util.Map<String, String> RECENT = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, String> eldest) {
            return size() > 2048;
        }
    };

    /** Detections computed so far (not remembered ones): for tests. */
    private static final java.util.concurrent.atomic.AtomicLong COMPUTED = new java.util.concurrent.atomic.AtomicLong();

    /** {@code "vi"}, {@code "en"}, or {@code null} when the text gives no evidence either way. */
    public static String detect(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > REMEMBERED_MAX_CHARS) {
            return detectNow(text);
        }
        String known;
        synchronized (RECENT) {
            known = RECENT.get(text);
        }
        if (known == null) {
            String detected = detectNow(text);
            known = detected == null ? NONE : detected;
            synchronized (RECENT) {
                RECENT.put(text, known);
            }
        }
        return known.isEmpty() ? null : known;
    }

    /** How many detections were computed rather than remembered, since the class loaded (for tests). */
    static long computed() {
        return COMPUTED.get();
    }

    private static String detectNow(String text) {
        COMPUTED.incrementAndGet();
        double vi = 0;
        double en = 0;
        List<Text.Token> words = Text.words(text);
        List<Boolean> names = names(text);
        int viEvidence = 0;
        for (int i = 0; i < words.size(); i++) {
            Text.Token w = words.get(i);
            if (i < names.size() && names.get(i) && words.size() > 2) {
                // "Da Nang", "Đà Nẵng", "Hanoi", "Bean Bros": a name, with or without its diacritics, is no
                // evidence of the sentence's language ("For Đà Nẵng, please ask the team")
                continue;
            }
            int marks = vietnameseMarks(w.raw());
            if (marks > 0) {
                vi += marks == 2 ? 2 : 0.75;
                viEvidence++;
                continue;
            }
            boolean isVi = VI_WORDS.contains(w.folded());
            boolean isEn = EN_WORDS.contains(w.folded());
            if (isVi && !VI_ONLY_WITH_OTHERS.contains(w.folded())) {
                viEvidence++;
            }
            if (isVi && isEn) {
                vi += 0.25;
                en += 0.25;
            } else if (isVi) {
                vi += 1;
            } else if (isEn) {
                en += 1;
            }
        }
        if (viEvidence == 0) {
            // words shared by both lists alone ("the", "can", "shop") are not Vietnamese evidence
            vi = Math.min(vi, 0.5 * en);
        }
        if (vi == 0 && en == 0) {
            return null;
        }
        return vi > en ? "vi" : vi < en ? "en" : null;
    }

    private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");

    /**
     * For each word of {@link Text#words}: true when it is capitalised but does not open a sentence (a proper
     * name, with or without diacritics, "Ship to Da Nang?"); none when most words are capitalised.
     */
    private static List<Boolean> names(String text) {
        List<Boolean> out = new java.util.ArrayList<>();
        String nfc = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC);
        java.util.regex.Matcher m = WORD.matcher(nfc);
        int previousEnd = -1;
        while (m.find()) {
            boolean opens = previousEnd < 0 || endsSentence(nfc, previousEnd, m.start());
            out.add(!opens && Character.isUpperCase(m.group().charAt(0)));
            previousEnd = m.end();
        }
        if (out.stream().filter(b -> b).count() * 2 > out.size()) {
            // Title Case Typing ("Cho Mình Hỏi Giá Kem") marks no names
            java.util.Collections.fill(out, false);
        }
        return out;
    }

    /**
     * Whether {@code text[from, to)} holds a sentence end ({@code . ! ? :} or a line feed): what the regular
     * expression {@code (?s).*[.!?:\n].*} said of the substring, without compiling it for every word.
     */
    private static boolean endsSentence(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '!' || c == '?' || c == ':' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    /** 2 when the word has a letter only Vietnamese uses, 1 for accents shared with e.g. French, else 0. */
    private static int vietnameseMarks(String word) {
        int result = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if ((c >= '\u1EA0' && c <= '\u1EF9') || "ăđơưĩũạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ".indexOf(c) >= 0) {
                return 2;
            }
            if ("àáâãèéêìíòóôõùúý".indexOf(c) >= 0) {
                result = 1;
            }
        }
        return result;
    }

    /**
     * The reply language: the question's language when the persona speaks it and a template set
     * exists for it, else the persona's first such language, else the first supported language.
     *
     * @param question          the audience's message
     * @param personaLanguages  the persona's languages, default first
     * @param supported         languages with reply templates, preferred fallback first
     */
    public static String replyLanguage(String question, List<String> personaLanguages, List<String> supported) {
        String asked = detect(question);
        if (asked != null && personaLanguages.contains(asked) && supported.contains(asked)) {
            return asked;
        }
        for (String l : personaLanguages) {
            if (supported.contains(l)) {
                return l;
            }
        }
        return supported.get(0);
    }
}
