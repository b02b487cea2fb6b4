package com.personaruntime.composer;

import java.util.List;
import java.util.Set;

/**
 * Amounts a question names as a free-shipping threshold rather than as an order's value: "is it free over 500k?",
 * "đơn trên 500k có free ship không", "free for orders above $60?". Such an amount asks about the shipping rule,
 * so nothing is ordered and no basket is built from it (the product in focus is not counted once against it).
 * The words are read before the amount, at most {@link #WORDS} of them, without regular expressions (the text is
 * the audience's).
 */
final class Thresholds {

    /** How many words before an amount are read. */
    static final int WORDS = 3;

    /** Folded words (or the last word of a phrase) that make the amount after them a threshold. */
    private static final Set<String> BEFORE = Set.of("over", "above", "from", "least", "tren", "tu", "hon",
            "thieu", "beyond", "exceeding", "exceeds");

    private Thresholds() {
    }

    /** True when every amount of {@code text} is phrased as a threshold (and there is at least one). */
    static boolean allAsked(String text, List<Money> amounts) {
        if (amounts.isEmpty()) {
            return false;
        }
        for (Money m : amounts) {
            if (!asked(text, m)) {
                return false;
            }
        }
        return true;
    }

    /** True when the word just before {@code m} in {@code text} (or "trở lên" just after it) marks a threshold. */
    static boolean asked(String text, Money m) {
        String head = text.substring(0, Math.min(m.start(), text.length())).stripTrailing();
        if (head.endsWith(">") || head.endsWith(">=") || head.endsWith("≥")) {
            return true;
        }
        List<String> before = folded(head);
        for (int i = before.size() - 1, n = 0; i >= 0 && n < WORDS; i--, n++) {
            String w = before.get(i);
            if (BEFORE.contains(w)) {
                return true;
            }
            if (!(w.equals("orders") || w.equals("order") || w.equals("don") || w.equals("hang") || w.equals("of")
                    || w.equals("cho") || w.equals("gia") || w.equals("tri") || w.equals("an"))) {
                break; // "over orders of", "trên đơn", "từ giá trị": filler between the word and the amount
            }
        }
        List<String> after = folded(text.substring(Math.min(m.end(), text.length())));
        return after.size() >= 2 && after.get(0).equals("tro") && after.get(1).equals("len"); // "500k trở lên"
    }

    private static List<String> folded(String text) {
        return Text.words(text).stream().map(Text.Token::folded).toList();
    }
}
