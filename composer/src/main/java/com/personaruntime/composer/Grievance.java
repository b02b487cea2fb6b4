package com.personaruntime.composer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether the harsh words of a message are aimed at someone other than us: a competitor insulted ("Be honest,
 * Innisfree is garbage right?", "Cocoon dở tệ, Sen Đá có hơn không?") or fakes asked about ("shop có bán hàng fake
 * không", "are these counterfeit?"). Such a message is no frustration with the brand: it gets no apology and no
 * complaint line, only the answer to what it asks. A harsh clause that names no competitor and asks no question
 * about fakes ("your serum broke", "mình nhận phải hàng fake") is still ours to apologise for.
 */
final class Grievance {

    /** Words of fakes and authenticity (folded, whole words or phrases). */
    private static final List<Text.Token[]> FAKE = IntentDetector.phrases("fake", "fakes", "counterfeit",
            "counterfeits", "knock off", "knockoff", "knock offs", "replica", "replicas", "hàng giả", "hàng nhái",
            "hàng fake", "hàng dỏm", "chính hãng", "authentic", "genuine", "real or fake");
    /** Folded words that make a Vietnamese clause a question ("có ... không", "ko"). */
    private static final Set<String> VI_QUESTION = Set.of("khong", "ko", "k", "hong", "hok", "chua", "ha", "hem");

    private Grievance() {
    }

    /**
     * True when the message holds harsh words and every clause holding them names a competitor or asks about
     * fakes; false when any of them is about us, and when there are none.
     */
    static boolean aimedElsewhere(String message, List<String> competitors) {
        boolean harsh = false;
        for (String clause : clauses(message)) {
            List<Text.Token> tokens = Text.tokens(clause);
            if (!(IntentDetector.any(tokens, Cues.INSULT) || IntentDetector.any(tokens, Cues.FRUSTRATED)
                    || IntentDetector.analyze(clause).has(Intent.COMPLAINT))) {
                continue;
            }
            harsh = true;
            if (!(namesCompetitor(tokens, competitors) || asksAboutFakes(clause, tokens))) {
                return false;
            }
        }
        return harsh;
    }

    private static boolean namesCompetitor(List<Text.Token> tokens, List<String> competitors) {
        for (String c : competitors == null ? List.<String>of() : competitors) {
            Text.Token[] name = Text.phrase(c);
            if (name.length > 0 && Text.contains(tokens, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean asksAboutFakes(String clause, List<Text.Token> tokens) {
        if (!IntentDetector.any(tokens, FAKE)) {
            return false;
        }
        if (clause.contains("?")) {
            return true;
        }
        for (Text.Token t : tokens) {
            if (VI_QUESTION.contains(t.folded())) {
                return true;
            }
        }
        return false;
    }

    /** Sentences and comma-separated parts: "Cocoon is trash, is yours better?" is two. */
    private static List<String> clauses(String message) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == ',' || c == '.' || c == ';' || c == '!' || c == '?' || c == '\n') {
                out.add(message.substring(start, Math.min(message.length(), i + 1)));
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
