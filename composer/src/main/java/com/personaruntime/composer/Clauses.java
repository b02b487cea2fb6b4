package com.personaruntime.composer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a message into the questions it asks: at question marks and sentence ends, then at
 * conjunctions that start a new question ("..., and do you ship to Canada?", "giá bao nhiêu và
 * dùng thế nào?", "còn ... thì sao"). A piece that carries no question of its own (no cue, no
 * product name: "vitamin C and E") is joined back to the piece before it.
 */
final class Clauses {

    private static final Pattern HARD = Pattern.compile("(?<=[?!;])\\s*|(?<=[.])\\s+(?=\\p{L})|\\n+");
    private static final Pattern SOFT = Pattern.compile(
            "(?iu)\\s*,\\s*(?:and|also|plus|và|với lại|còn|rồi|thêm nữa|ngoài ra)?\\s+|\\s+(?:and also|and|also|plus|as well as|và|với lại|còn|thêm nữa|ngoài ra|&)\\s+");

    private Clauses() {
    }

    /** The clauses of a message, in order, each stripped; never empty for a non-blank message. */
    static List<String> split(String message, java.util.function.Predicate<String> asksSomething) {
        List<String> out = new ArrayList<>();
        for (String sentence : HARD.split(message)) {
            if (sentence.isBlank()) {
                continue;
            }
            List<String> pieces = new ArrayList<>();
            Matcher m = SOFT.matcher(sentence);
            int start = 0;
            while (m.find()) {
                pieces.add(sentence.substring(start, m.start()));
                start = m.start();
                // keep the conjunction with the piece it introduces ("còn serum thì sao")
                start = m.start() + leadingSeparatorLength(m.group());
            }
            pieces.add(sentence.substring(start));
            List<String> merged = new ArrayList<>();
            for (String p : pieces) {
                String piece = p.strip();
                if (piece.isEmpty()) {
                    continue;
                }
                if (!merged.isEmpty() && (!asksSomething.test(piece) || !asksSomething.test(merged.get(merged.size() - 1)))) {
                    merged.set(merged.size() - 1, merged.get(merged.size() - 1) + " " + piece);
                } else {
                    merged.add(piece);
                }
            }
            out.addAll(merged);
        }
        if (out.isEmpty() && !message.isBlank()) {
            out.add(message.strip());
        }
        return out;
    }

    /** Drops the comma and the plain connectives "and/và", keeps "còn" (it marks a follow-up). */
    private static int leadingSeparatorLength(String separator) {
        String s = separator.strip().toLowerCase(java.util.Locale.ROOT);
        if (s.endsWith("còn")) {
            return separator.toLowerCase(java.util.Locale.ROOT).lastIndexOf("còn");
        }
        return separator.length();
    }
}
