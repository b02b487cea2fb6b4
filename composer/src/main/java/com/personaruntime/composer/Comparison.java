package com.personaruntime.composer;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question comparing products on one attribute: "which is less acidic, the Yirgacheffe or the House Blend?",
 * "which uses less power, the hair dryer or the dehumidifier?", "which is quieter", "bánh nào ít ngọt hơn, A hay
 * B", "máy nào tốn điện hơn". The composer answers it with each product's sentence about the attribute when every
 * product has one, and otherwise says it cannot compare them (never "I don't see 'less acidic'", nor an overview
 * beside the point).
 *
 * <p>The attribute is the word after "less"/"more"/"fewer" ("less acidic", "uses less power"), an English
 * comparative in a comparing frame ("is quieter", "lasts longer", "gentler than"), or the word(s) before "hơn" or
 * "nhất" in Vietnamese ("ít ngọt hơn", "tốn điện hơn", "êm nhất"). Which sentences speak of it comes from a small
 * table of attribute families (power: "1800W", "công suất"; sweetness: "ngọt", "sweet"; acidity; noise; weight;
 * gentleness ...); an attribute outside the table is looked for as the word itself. "better", "tốt hơn" and
 * other judgements name no attribute: they are no comparison here.
 */
final class Comparison {

    /** What was asked: the words as typed ("less acidic", "ít ngọt hơn") and the sentences that speak of it. */
    record Asked(String typed, Pattern answer, boolean price) {
        /** A sentence of the entry about the attribute, or null. */
        String sentence(Knowledge k) {
            String best = null;
            int bestScore = 0;
            for (String s : Facts.sentences(k.text())) {
                int n = 0;
                if (price) {
                    n = Money.findAll(s).isEmpty() ? 0 : 1;
                } else {
                    Matcher m = answer.matcher(s);
                    while (m.find()) {
                        n++;
                    }
                }
                if (n > bestScore) {
                    bestScore = n;
                    best = Facts.trimEnd(s.strip());
                }
            }
            return best;
        }
    }

    /** Attribute families: the words that ask it (folded stems' starts) and the pattern of a sentence about it. */
    private record Family(Set<String> asked, Pattern answer) {
    }

    private static final List<Family> FAMILIES = List.of(
            family("power|watt|energy|electricity|dien|cong suat|manh|powerful", "(?iuU)(\\b\\d+(?:[.,]\\d+)?\\s?k?W\\b"
                    + "|\\b(công suất|watts?|kWh)\\b)"),
            family("sweet|sugar|ngot|duong", "(?iuU)\\b(ngọt|sweet|sweetness|đường|sugar|sugary)\\b"),
            family("acid|acidic|acidity|sour|chua", "(?iuU)\\b(acid\\w*|chua|sour|sourness)\\b"),
            family("bitter|dang", "(?iuU)\\b(đắng|bitter\\w*)\\b"),
            family("quiet|noise|noisy|loud|on|em|silent", "(?iuU)(\\b\\d+\\s?dB\\b|\\b(ồn|êm|quiet|noise|silent|loud)\\w*)"),
            family("light|heavy|weight|nhe|nang", "(?iuU)(\\b\\d+(?:[.,]\\d+)?\\s?(kg|g|gram|grams|lb|lbs|oz)\\b"
                    + "|\\b(weighs?|weight|nặng|trọng lượng)\\b)"),
            family("big|small|large|capacity|lon|nho|to", "(?iuU)(\\b\\d+(?:[.,]\\d+)?\\s?(ml|l|lít|litres?|liters?|oz|cm|m²|m2)\\b"
                    + "|\\b(dung tích|capacity|kích thước)\\b)"),
            family("gentle|mild|harsh|irritat|kich ung|diu", "(?iuU)\\b(gentle|mild|dịu|nhạy cảm|sensitive|kích ứng|irritat\\w*|"
                    + "tingle\\w*|sting\\w*|rát)\\b"),
            family("caffeine|caffein|cafein|kich thich", "(?iu)(caff?ein|cafein|decaf|kích thích)"),
            family("battery|pin|last|long|lau|ben|durable", "(?iuU)\\b(pin|battery|runtime|bền|durable|lasts?|hours? of)\\b"),
            family("warm|warmth|am|insulat", "(?iuU)(\\b(warm\\w*|ấm|insulat\\w*|giữ nhiệt)\\b|\\d\\s?°)"),
            family("fast|quick|nhanh", "(?iuU)\\b(nhanh|fast|quick\\w*|giây|seconds?)\\b"),
            family("spicy|hot|cay", "(?iuU)\\b(cay|spicy|hot)\\b"),
            family("strong|bold|dam|intense", "(?iuU)\\b(đậm|strong|bold|intense)\\b"),
            family("fresh|tuoi|shelf", "(?iuU)\\b(tươi|fresh|hạn sử dụng|bảo quản|shelf life|best before|ngày|days?)\\b"));

    private static Family family(String asked, String answer) {
        return new Family(Set.of(asked.split("\\|")), Pattern.compile(answer));
    }

    /** Judgements, not attributes: "better", "tốt hơn", "hay hơn". */
    private static final Set<String> JUDGEMENTS = Set.of("better", "best", "worse", "good", "bad", "tot", "hay", "dep",
            "ngon", "xin", "recommend", "nicer", "popular");
    /** Words in a comparing frame before an English comparative ("which is quieter", "which one lasts longer"). */
    private static final Set<String> FRAME = Set.of("is", "are", "s", "one", "gets", "get", "lasts", "last", "stays",
            "runs", "feels", "tastes", "works", "sounds", "which", "more", "much", "way", "bit", "little", "even");
    private static final Set<String> CHOICE = Set.of("which", "or", "nao", "hay", "hoac", "vs", "versus", "so");

    private static final Text.Token HON = Text.Token.of("hơn");
    private static final Text.Token NHAT = Text.Token.of("nhất");

    private Comparison() {
    }

    /**
     * The comparison a message asks, or null. Tokens are the message's with product names masked (see
     * ReplyComposer.maskNames), so a name's words ("Light Roast") are no attribute.
     */
    static Asked read(List<Text.Token> tokens) {
        boolean choice = tokens.stream().anyMatch(t -> CHOICE.contains(t.folded()));
        if (!choice) {
            return null;
        }
        for (int i = 0; i < tokens.size(); i++) {
            String f = tokens.get(i).folded();
            // English: "less acidic", "more caffeine", "fewer calories"
            if ((f.equals("less") || f.equals("more") || f.equals("fewer")) && i + 1 < tokens.size()) {
                Text.Token a = tokens.get(i + 1);
                if (!Lexicon.STOPWORDS.contains(a.folded()) && !JUDGEMENTS.contains(a.folded())) {
                    return asked(tokens.get(i).raw() + " " + a.raw(), List.of(a.folded()));
                }
            }
            // English comparative in a comparing frame: "which is quieter", "lasts longer", "gentler than"
            if (f.length() > 4 && f.endsWith("er") && tokens.get(i).plain() && !JUDGEMENTS.contains(f)
                    && ((i > 0 && FRAME.contains(tokens.get(i - 1).folded()))
                    || (i + 1 < tokens.size() && tokens.get(i + 1).folded().equals("than")))) {
                List<String> bases = bases(f);
                if (bases.stream().anyMatch(b -> familyOf(b) != null || PRICE_WORDS.contains(b))) {
                    return asked(tokens.get(i).raw(), bases);
                }
            }
            // Vietnamese: "ít ngọt hơn", "tốn điện hơn", "êm nhất"
            if (i > 0 && (tokens.get(i).matches(HON) || tokens.get(i).matches(NHAT))) {
                int from = i - 1;
                String a = tokens.get(from).folded();
                // a word typed with its diacritics is no English-looking function word ("êm", "ấm", "ồn")
                if (JUDGEMENTS.contains(a) || (Lexicon.STOPWORDS.contains(a) && tokens.get(from).plain()
                        && !a.equals("re"))) {
                    continue;
                }
                String attribute = a;
                if (from > 0 && familyOf(tokens.get(from - 1).folded() + " " + a) != null) {
                    attribute = tokens.get(from - 1).folded() + " " + a; // "công suất"
                    from--;
                }
                if (from > 0 && Set.of("it", "nhieu", "ton", "kem").contains(tokens.get(from - 1).folded())) {
                    from--;
                }
                StringBuilder typed = new StringBuilder();
                for (int j = from; j <= i; j++) {
                    typed.append(j > from ? " " : "").append(tokens.get(j).raw());
                }
                return asked(typed.toString(), List.of(attribute));
            }
        }
        return null;
    }

    /**
     * True when a price comparison asks for the dearer product ("đắt hơn", "mắc hơn", "more expensive", "pricier",
     * "costs more"); false for the cheaper one ("rẻ hơn", "cheaper", "less expensive", "cost less").
     */
    static boolean asksDearer(Asked asked) {
        List<Text.Token> words = Text.tokens(asked.typed());
        boolean less = false;
        for (Text.Token t : words) {
            String f = t.folded();
            if (f.equals("less") || f.equals("fewer") || f.startsWith("cheap") || f.equals("re") || f.equals("it")) {
                less = true;
            }
        }
        return !less;
    }

    /** Attributes answered by the price ("cheaper", "rẻ hơn", "less expensive"). */
    private static final Set<String> PRICE_WORDS = Set.of("cheap", "expensive", "pricey", "re", "dat", "mac", "tien", "gia", "price",
            "cost", "costly");

    private static Asked asked(String typed, List<String> attributes) {
        for (String a : attributes) {
            if (PRICE_WORDS.contains(a)) {
                return new Asked(typed, null, true);
            }
        }
        for (String a : attributes) {
            Family fam = familyOf(a);
            if (fam != null) {
                return new Asked(typed, fam.answer(), false);
            }
        }
        String a = attributes.get(0);
        return new Asked(typed, Pattern.compile("(?iuU)\\b" + Pattern.quote(a) + "\\w*"), false);
    }

    /** The family an attribute word belongs to (by the start of the word: "acidic" is acidity). */
    private static Family familyOf(String word) {
        for (Family fam : FAMILIES) {
            for (String a : fam.asked()) {
                if (word.equals(a) || (a.length() >= 4 && word.startsWith(a))) {
                    return fam;
                }
            }
        }
        return null;
    }

    /** An English comparative's base forms: "quieter" quiet, "gentler" gentle, "bigger" big, "heavier" heavy. */
    private static List<String> bases(String comparative) {
        String stem = comparative.substring(0, comparative.length() - 2);
        String r = comparative.substring(0, comparative.length() - 1);
        String y = stem.endsWith("i") ? stem.substring(0, stem.length() - 1) + "y" : stem;
        String undoubled = stem.length() > 2 && stem.charAt(stem.length() - 1) == stem.charAt(stem.length() - 2)
                ? stem.substring(0, stem.length() - 1) : stem;
        return List.of(stem, r, y, undoubled);
    }
}
