package com.personaruntime.composer;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an entry says about a size being out of stock: "Size M đang tạm hết hàng, về lại ngày 15/12/2026", "Size L is
 * sold out until January 20". A size named in an answer (the row asked, the size recommended for a measurement) is
 * followed by that sentence, so a reply never offers a size the knowledge says cannot be bought now. Read word by
 * word on the folded text, no regular expression.
 */
final class Stock {

    /** Folded phrases saying something cannot be bought now or comes back later. */
    private static final List<List<String>> OUT = List.of(List.of("het", "hang"), List.of("tam", "het"),
            List.of("out", "of", "stock"), List.of("sold", "out"), List.of("unavailable"), List.of("back", "in", "stock"),
            List.of("ve", "lai"), List.of("restock"), List.of("restocked"), List.of("restocking"), List.of("ngung", "ban"),
            List.of("discontinued"), List.of("chay", "hang"));
    /** Words that name a size before its label ("size M", "cỡ 38"). */
    private static final Set<String> SIZE_WORDS = Set.of("size", "sizes", "co");

    private Stock() {
    }

    /** The sentence of {@code text} saying size {@code label} is out of stock, or null. */
    static String outOf(String text, String label) {
        if (text == null || label == null || label.isBlank()) {
            return null;
        }
        List<String> want = words(label);
        for (String sentence : Facts.sentences(text)) {
            List<String> w = words(sentence);
            if (namesSize(w, want) && says(w)) {
                return Facts.trimEnd(sentence.strip());
            }
        }
        return null;
    }

    /** True when the text names a size by its label ("size M", "cỡ 38", "size L"). */
    static boolean namesASize(String text) {
        List<String> w = words(text == null ? "" : text);
        for (int i = 0; i + 1 < w.size(); i++) {
            if (SIZE_WORDS.contains(w.get(i)) && w.get(i + 1).length() <= 4) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code sentence} speaks of other sizes than the one {@code clause} names ("Size 38 đang hết hàng"
     * for "size 37 còn hàng không"): it says nothing of the size asked.
     */
    static boolean aboutOtherSize(String sentence, String clause) {
        Set<String> asked = labels(words(clause == null ? "" : clause));
        if (asked.isEmpty()) {
            return false;
        }
        Set<String> named = labels(words(sentence));
        return !named.isEmpty() && java.util.Collections.disjoint(named, asked);
    }

    private static Set<String> labels(List<String> w) {
        Set<String> out = new java.util.HashSet<>();
        for (int i = 0; i + 1 < w.size(); i++) {
            if (SIZE_WORDS.contains(w.get(i)) && w.get(i + 1).length() <= 4) {
                out.add(w.get(i + 1));
            }
        }
        return out;
    }

    /** True when the folded words hold an out-of-stock phrase. */
    static boolean says(List<String> words) {
        for (List<String> phrase : OUT) {
            if (java.util.Collections.indexOfSubList(words, phrase) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean namesSize(List<String> words, List<String> label) {
        if (label.isEmpty()) {
            return false;
        }
        for (int at = java.util.Collections.indexOfSubList(words, label); at >= 0;) {
            if (at > 0 && SIZE_WORDS.contains(words.get(at - 1))) {
                return true;
            }
            int next = java.util.Collections.indexOfSubList(words.subList(at + 1, words.size()), label);
            at = next < 0 ? -1 : at + 1 + next;
        }
        return false;
    }

    private static List<String> words(String text) {
        return Text.words(text.toLowerCase(Locale.ROOT)).stream().map(Text.Token::folded).toList();
    }
}
