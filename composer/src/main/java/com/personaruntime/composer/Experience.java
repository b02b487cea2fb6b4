package com.personaruntime.composer;

import java.util.List;
import java.util.Set;

/**
 * A question about the persona's own experience of a product or service: "bạn đã từng đạp thử xe địa hình chưa",
 * "em dùng thử serum này chưa", "ban tung uong chua", "have you tried the Ethiopia beans?", "did you ever ride one?",
 * "do you use it yourself?". The persona is an AI and has used nothing (and must never claim it has, see the
 * architecture's "no fake experience" duty), so such a clause gets that answer, not the product's price.
 *
 * <p>Read on teencode-expanded tokens ({@link Text#tokens}): a second-person word, then within four words an
 * experience marker (đã, từng, bao giờ, thử; ever, tried, yourself) and a verb of using. Typed without diacritics the
 * marker must be "tung" or "bao gio" ("da" is also skin, "ban" also to sell). Linear in the number of tokens.
 */
final class Experience {

    /** Second-person words the audience calls the persona by (as typed with diacritics). */
    private static final Set<String> YOU_VI = Set.of("bạn", "em", "cậu", "ad", "admin", "bồ");
    /** Markers of having done something (as typed with diacritics). */
    private static final Set<String> MARKERS_VI = Set.of("đã", "từng", "thử", "giờ");
    /** Verbs of using or trying something, as typed with diacritics. */
    private static final Set<String> VERBS_VI = Set.of("thử", "dùng", "xài", "đạp", "chạy", "uống", "ăn", "mặc", "đeo",
            "bôi", "thoa", "trải", "lái", "chơi", "ngủ", "đi", "mang", "nếm");
    /** The same typed without diacritics (folded), only those no other common word folds to. */
    private static final Set<String> VERBS_PLAIN = Set.of("thu", "dung", "xai", "dap", "chay", "uong", "mac", "deo",
            "boi", "thoa", "trai");
    /** Words that end the reach of a second-person word: a vocative "ơi", another person speaking. */
    private static final Set<String> BREAK = Set.of("ơi", "oi", "mình", "minh", "tôi", "toi", "tớ", "tui", "t", "mk");
    /** English verbs of using or trying (plain), in the forms "have you / did you / do you" take. */
    private static final Set<String> VERBS_EN = Set.of("tried", "try", "used", "use", "ridden", "ride", "rode",
            "tasted", "taste", "drunk", "drank", "drink", "eaten", "eat", "ate", "worn", "wear", "wore", "owned", "own",
            "tested", "test", "driven", "drive", "played", "play", "stayed", "stay", "slept", "sleep", "had");
    private static final Set<String> AUX_EN = Set.of("have", "did", "do", "would", "haven", "didn", "don");

    /** Words before "bạn" that make it the brand's side ("bên bạn", "shop của bạn"), folded. */
    private static final Set<String> OWNER = Set.of("ben", "cua", "shop", "tiem", "cty");

    private Experience() {
    }

    /** True when the tokens ask the persona about its own use of something (see the class comment). */
    static boolean asked(List<Text.Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            Text.Token t = tokens.get(i);
            if (t.folded().equals("you") && t.plain() && i > 0 && AUX_EN.contains(tokens.get(i - 1).folded())) {
                // "have you tried", "did you ever ride", "do you personally use", "have you had"
                for (int j = i + 1; j < Math.min(tokens.size(), i + 4); j++) {
                    String w = tokens.get(j).folded();
                    if (VERBS_EN.contains(w)) {
                        String aux = tokens.get(i - 1).folded();
                        // "do you use X" is only about the persona with "yourself"/"personally"/"ever"
                        return !aux.equals("do") && !aux.equals("don") || mentions(tokens, "yourself", "personally",
                                "ever");
                    }
                    if (!(w.equals("ever") || w.equals("personally") || w.equals("actually") || w.equals("really")
                            || w.equals("already") || w.equals("yet") || w.equals("not") || w.equals("t"))) {
                        break;
                    }
                }
                continue;
            }
            boolean you = YOU_VI.contains(t.raw()) || (t.plain() && (t.folded().equals("ban") || t.folded().equals("em")));
            String before = i > 0 ? tokens.get(i - 1).folded() : "";
            if (!you || OWNER.contains(before)) {
                continue; // "bên bạn", "shop của bạn": the brand, not the assistant's own use
            }
            boolean marker = false;
            boolean strong = false;
            boolean verb = false;
            for (int j = i + 1; j < Math.min(tokens.size(), i + 6); j++) {
                Text.Token w = tokens.get(j);
                if (BREAK.contains(w.raw())) {
                    break;
                }
                if (MARKERS_VI.contains(w.raw()) && !(w.raw().equals("giờ") && !tokens.get(j - 1).raw().equals("bao"))) {
                    marker = true;
                }
                if (w.plain() && (w.folded().equals("tung")
                        || (w.folded().equals("gio") && tokens.get(j - 1).folded().equals("bao")))) {
                    marker = true;
                    strong = true;
                }
                if (w.raw().equals("từng") || w.raw().equals("thử")) {
                    strong = true;
                }
                String after = j + 1 < tokens.size() ? tokens.get(j + 1).folded() : "";
                if (w.folded().equals("thu") && (after.equals("nghiem") || after.equals("thach"))) {
                    marker = false; // "thử nghiệm trên động vật": testing, not trying
                    strong = false;
                    break;
                }
                if (VERBS_VI.contains(w.raw()) || (w.plain() && VERBS_PLAIN.contains(w.folded()))) {
                    verb = true;
                }
            }
            if (marker && verb && (strong || !t.plain())) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentions(List<Text.Token> tokens, String... words) {
        for (Text.Token t : tokens) {
            for (String w : words) {
                if (t.folded().equals(w)) {
                    return true;
                }
            }
        }
        return false;
    }
}
