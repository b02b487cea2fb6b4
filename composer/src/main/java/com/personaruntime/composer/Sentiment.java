package com.personaruntime.composer;

import java.util.List;

/**
 * The audience's mood in a message, which sets the reply's tone: {@link #FRUSTRATED} gets a calm,
 * apologetic reply without cheer or catchphrases; {@link #EXCITED} a warm one.
 */
public enum Sentiment {
    /** Complaining, insulting, impatient (complaint words, insults, "!!!", shouting in capitals). */
    FRUSTRATED,
    /** Enthusiastic ("love it!", "thích quá"). */
    EXCITED,
    /** Neither. */
    NEUTRAL;

    /** A word of three or more capital letters (shouting); "SPF" alone does not make a shout, two such words do. */
    private static final java.util.regex.Pattern SHOUT = java.util.regex.Pattern.compile("(?<![\\p{L}])\\p{Lu}{3,}(?![\\p{L}])");

    /** Lower-case name, as templates and prompts see it. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The sentiment of one message, from its words and punctuation alone. The tone of a reply follows the
     * message it answers: frustration in an earlier message is not carried into later replies (a calm
     * follow-up question after a complaint gets a plain answer, not another apology).
     */
    public static Sentiment of(String text) {
        if (text == null || text.isBlank()) {
            return NEUTRAL;
        }
        List<Text.Token> tokens = Text.tokens(text);
        IntentDetector.Signals s = IntentDetector.analyze(text);
        int negative = 0;
        if (s.has(Intent.COMPLAINT)) {
            negative += 2;
        }
        if (IntentDetector.any(tokens, Cues.INSULT)) {
            negative += 2;
        }
        if (IntentDetector.any(tokens, Cues.FRUSTRATED)) {
            negative += 2;
        }
        int shouted = 0;
        java.util.regex.Matcher caps = SHOUT.matcher(text);
        while (caps.find()) {
            shouted++;
        }
        if (shouted >= 2) {
            negative++;
        }
        boolean bangs = text.contains("!!") || text.contains("??") || text.contains("?!");
        int positive = IntentDetector.any(tokens, Cues.EXCITED) ? 2 : 0;
        if (negative > 0 && (negative >= 2 || bangs)) {
            return FRUSTRATED;
        }
        if (positive > 0) {
            return EXCITED;
        }
        return NEUTRAL;
    }

}
