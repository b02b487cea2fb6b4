package com.personaruntime.composer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text normalisation shared by retrieval, intent and language detection.
 *
 * <p>Vietnamese is typed with full diacritics, without any ("kem chong nang"), or in teencode
 * ("sp nay bn tien"). Every token therefore keeps its lower-cased surface form ({@code raw}) and
 * its folded form (NFD, combining marks stripped, đ to d). Keywords are matched "tone-aware": a
 * keyword matches a token with the same diacritics or a token typed with none at all, but not a
 * token with different ones ("giá" matches "gia", not "giả"; "mua" does not match "mùa").
 */
final class Text {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");

    /** Teencode and no-diacritic shorthand (single words of abbreviations.tsv), expanded to full Vietnamese words. */
    private static final Map<String, String> TEENCODE = teencode();

    private static Map<String, String> teencode() {
        Map<String, String> m = new java.util.HashMap<>(Abbreviations.shared().singleWords("vi"));
        m.put("k", "không"); // not in the data file: after a number "k" is a thousand (see tokens)
        return Map.copyOf(m);
    }

    private Text() {
    }

    /** Lower-case, decompose, drop combining marks, map đ to d. */
    static String fold(String s) {
        String nfd = Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(nfd.length());
        for (int i = 0; i < nfd.length(); i++) {
            char c = nfd.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            b.append(c == 'đ' ? 'd' : c);
        }
        return b.toString();
    }

    /** One word: its lower-cased NFC surface form and its folded form. */
    record Token(String raw, String folded) {
        static Token of(String raw) {
            String r = Normalizer.normalize(raw.toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
            return new Token(r, fold(r));
        }

        /** True when the surface form carries no diacritics (typed "plain"). */
        boolean plain() {
            return raw.equals(folded);
        }

        boolean numeric() {
            return !folded.isEmpty() && folded.chars().allMatch(Character::isDigit);
        }

        /** Tone-aware equality with a keyword token, see the class comment. */
        boolean matches(Token keyword) {
            return raw.equals(keyword.raw) || (plain() && folded.equals(keyword.folded));
        }
    }

    /** Splits into word tokens (letters and digits), without teencode expansion. */
    static List<Token> words(String text) {
        List<Token> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = TOKEN.matcher(Normalizer.normalize(text, Normalizer.Form.NFC));
        while (m.find()) {
            out.add(Token.of(m.group()));
        }
        return out;
    }

    /**
     * Splits into word tokens and expands teencode. "bn" means "bạn" (you) except before a
     * money word or after "giá", where it means "bao nhiêu" (how much); a lone "k" after a number
     * is the thousand unit, elsewhere "không".
     */
    static List<Token> tokens(String text) {
        List<Token> words = words(text);
        List<Token> out = new ArrayList<>(words.size() + 4);
        for (int i = 0; i < words.size(); i++) {
            Token t = words.get(i);
            String key = t.raw();
            if (key.equals("bn") || key.equals("bnh") || key.equals("bnhiu")) {
                String next = i + 1 < words.size() ? words.get(i + 1).folded() : "";
                String prev = !out.isEmpty() ? out.get(out.size() - 1).folded() : "";
                boolean money = next.equals("tien") || next.equals("d") || next.equals("k") || next.equals("vnd")
                        || next.equals("ngay") || next.equals("lau") || prev.equals("gia") || prev.equals("het")
                        || prev.equals("la") || prev.equals("mat") || prev.equals("phi") || !key.equals("bn");
                add(out, money ? "bao nhiêu" : "bạn");
            } else if (key.equals("k") && i > 0 && words.get(i - 1).numeric()) {
                out.add(t);
            } else if (TEENCODE.containsKey(key)) {
                add(out, TEENCODE.get(key));
            } else {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Adds an expansion's words (letters and digits only: "TP.HCM" is "tp", "hcm"). Words the text already has just
     * before the short form are not added again: "TP.HCM" typed in full, whose "HCM" is itself short for "TP.HCM",
     * reads "tp hcm", not "tp tp hcm".
     */
    private static void add(List<Token> out, String phrase) {
        List<Token> words = words(phrase);
        int skip = 0;
        for (int n = Math.min(words.size() - 1, out.size()); n > 0 && skip == 0; n--) {
            boolean same = true;
            for (int j = 0; j < n && same; j++) {
                same = out.get(out.size() - n + j).folded().equals(words.get(j).folded());
            }
            if (same) {
                skip = n;
            }
        }
        out.addAll(words.subList(skip, words.size()));
    }

    /** Tokens of a keyword phrase, no teencode expansion. */
    static Token[] phrase(String phrase) {
        return words(phrase).toArray(Token[]::new);
    }

    /** True when {@code phrase} occurs as a contiguous run in {@code tokens} (tone-aware). */
    static boolean contains(List<Token> tokens, Token[] phrase) {
        return indexOf(tokens, phrase, 0) >= 0;
    }

    static int indexOf(List<Token> tokens, Token[] phrase, int from) {
        if (phrase.length == 0) {
            return -1;
        }
        for (int i = from; i + phrase.length <= tokens.size(); i++) {
            if (matchesAt(tokens, i, phrase)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * True when {@code phrase} occurs (tone-aware) in {@code tokens} starting at index {@code at}, and not as a syllable
     * of a {@link #COMPOUNDS compound word} that reaches outside it ("giá" of "đánh giá" is no price).
     */
    static boolean matchesAt(List<Token> tokens, int at, Token[] phrase) {
        if (at + phrase.length > tokens.size()) {
            return false;
        }
        for (int j = 0; j < phrase.length; j++) {
            if (!tokens.get(at + j).matches(phrase[j])) {
                return false;
            }
        }
        return !(at > 0 && compound(tokens.get(at - 1), tokens.get(at)))
                && !(at + phrase.length < tokens.size() && compound(tokens.get(at + phrase.length - 1),
                tokens.get(at + phrase.length)));
    }

    /**
     * Two-syllable Vietnamese words whose syllables are cue words alone but not inside them: "đánh giá" (a review) and
     * "giá trị" (value) are no price, "tiền sử" (a medical history) and "tiền mặt" (cash) no amount of money, "giao
     * tiếp", "giao diện", "giao lưu", "giao thông", "giao dịch" no delivery, "toán" of "thanh toán" (paying) no mathematics. First syllable to second, as written.
     */
    private static final List<Token[]> COMPOUNDS = List.of(pair("đánh giá"), pair("giá trị"), pair("tiền sử"),
            pair("tiền mặt"), pair("giao tiếp"), pair("giao diện"), pair("giao lưu"), pair("giao thông"),
            pair("giao dịch"), pair("thanh toán"));

    private static Token[] pair(String word) {
        String[] s = word.split(" ");
        return new Token[] {Token.of(s[0]), Token.of(s[1])};
    }

    /** Whether two adjacent tokens form one of the {@link #COMPOUNDS} (each typed plain or with its own marks). */
    private static boolean compound(Token first, Token second) {
        for (Token[] c : COMPOUNDS) {
            if (first.matches(c[0]) && second.matches(c[1])) {
                return true;
            }
        }
        return false;
    }
}
