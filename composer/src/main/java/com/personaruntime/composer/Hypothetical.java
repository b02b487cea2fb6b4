package com.personaruntime.composer;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether the harsh words of a message sit inside a condition asked about rather than in something that happened:
 * "nếu sp bị vỡ thì sao", "neu hang bi loi thi sao shop", "lỡ giao sai hàng thì sao ạ", "What if the bag arrives
 * broken?", "If my order never arrived, what happens?". Such a message asks for the policy; it reports no fault, so
 * it gets no apology and no complaint line. A fault reported before the condition ("hàng bị vỡ rồi, nếu đổi thì
 * sao", "It arrived broken. If I return it, what happens?") is still a complaint: only words after a conditional
 * opener and within its sentence count, and only in a sentence that asks.
 *
 * <p>Token scan only (no regular expressions on the message); input is any text, null reads as no condition.
 */
final class Hypothetical {

    /** Words that open a condition (folded matching covers "neu", "gia su"; "lỡ" typed "lo" is also accepted). */
    private static final List<Text.Token[]> OPENERS = IntentDetector.phrases("nếu", "nếu như", "lỡ", "lỡ như",
            "lỡ mà", "nhỡ", "nhỡ như", "nhỡ mà", "giả sử", "giả như", "trường hợp", "phòng khi", "if", "what if",
            "in case", "suppose", "supposing");
    /** Words that ask what follows from the condition, for sentences without a question mark. */
    private static final List<Text.Token[]> ASKS = IntentDetector.phrases("thì sao", "thì thế nào", "thì làm sao",
            "thì làm thế nào", "xử lý sao", "xử lý thế nào", "làm sao", "được không", "đc không", "dc ko", "đc ko",
            "có được", "được đổi", "có đổi", "có hoàn", "thì shop", "thì bên", "what happens", "what then",
            "then what", "what do i do", "what should i do", "can i", "do i", "will i", "will you", "do you",
            "would you", "could i");

    private Hypothetical() {
    }

    /**
     * True when every sentence of {@code message} holding one of {@code harsh} holds it only after a conditional
     * opener and asks (a question mark, a "what if" opener, or a consequent such as "thì sao"/"what happens");
     * false when any harsh words stand outside such a condition, and when there are none.
     */
    static boolean only(String message, List<Text.Token[]> harsh) {
        if (message == null || message.isBlank()) {
            return false;
        }
        boolean found = false;
        for (String sentence : sentences(message)) {
            List<Text.Token> tokens = Text.tokens(sentence);
            int first = firstOf(tokens, harsh);
            if (first < 0) {
                continue;
            }
            found = true;
            int opener = firstOf(tokens, OPENERS);
            if (opener < 0 || opener > first) {
                return false;
            }
            boolean whatIf = opener + 1 < tokens.size() && tokens.get(opener).folded().equals("what");
            if (!(sentence.indexOf('?') >= 0 || whatIf || IntentDetector.any(tokens, ASKS))) {
                return false;
            }
        }
        return found;
    }

    /** The index of the earliest token where one of {@code phrases} starts, or -1. */
    private static int firstOf(List<Text.Token> tokens, List<Text.Token[]> phrases) {
        int best = -1;
        for (Text.Token[] p : phrases) {
            int at = Text.indexOf(tokens, p, 0);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best;
    }

    /** Sentences ('.', '!', '?', ';', new line); a comma stays inside ("nếu bị vỡ, thì sao"). */
    private static List<String> sentences(String message) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n') {
                out.add(message.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < message.length()) {
            out.add(message.substring(start));
        }
        out.removeIf(String::isBlank);
        return out;
    }
}
