package com.personaruntime.composer;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static com.personaruntime.composer.IntentDetector.phrases;

/**
 * Who or what a suitability question is about ("có hợp da dầu không", "is it ok for kids?", "bà bầu dùng được
 * không", "I'm allergic to fish", "is it dairy free?"): the person or condition, never a product. A question names
 * one or more {@link Group}s; a knowledge sentence answers it only when it speaks of the same group ("Không dùng
 * cho trẻ dưới 12 tuổi" answers kids, not pregnancy), else the composer says it does not know.
 *
 * <p>Matching is tone-aware on tokens, as every cue list (see {@link Text}): "tre em", "trẻ em" and "tre" typed
 * plain all read as children.
 */
final class Suitability {

    private Suitability() {
    }

    /** A kind of person or condition a product may or may not suit. */
    enum Group {
        CHILDREN(phrases("kid", "kids", "child", "children", "toddler", "toddlers", "baby", "babies", "infant", "infants",
                "year old", "years old", "year olds", "yr old", "month old", "months old", "teen", "teens", "teenager",
                "teenagers", "trẻ em", "trẻ nhỏ", "trẻ con", "cho trẻ", "cho bé", "em bé", "=bé", "tuổi", "tháng tuổi",
                "học sinh"),
                phrases("trẻ", "tuổi", "=bé", "em bé", "kid", "kids", "child", "children", "ages", "aged", "years old",
                        "year old", "toddler", "toddlers", "baby", "babies", "infant", "infants", "người lớn", "adult",
                        "adults")),
        PREGNANCY(phrases("pregnant", "pregnancy", "expecting", "breastfeeding", "breast feeding", "nursing mother",
                "nursing mothers", "có thai", "mang thai", "bà bầu", "mẹ bầu", "đang bầu", "bầu bí", "cho con bú",
                "sau sinh"),
                phrases("có thai", "mang thai", "bà bầu", "mẹ bầu", "cho con bú", "pregnant", "pregnancy",
                        "breastfeeding", "nursing")),
        MEDICATION(phrases("medication", "medications", "medicine", "medicines", "meds", "blood thinner",
                "blood thinners", "anticoagulant", "anticoagulants", "prescription", "=thuốc", "uống thuốc", "dùng thuốc",
                "thuốc chống đông", "chống đông", "chống đông máu"),
                phrases("=thuốc", "chống đông", "medication", "medications", "medicine", "medicines", "blood thinner",
                        "blood thinners", "anticoagulant", "anticoagulants")),
        ALLERGY(phrases("allergy", "allergies", "allergic", "dị ứng", "intolerant", "intolerance"),
                phrases("allergy", "allergies", "allergic", "dị ứng", "intolerant", "intolerance")),
        SKIN(phrases("sensitive", "sensitive skin", "oily", "oily skin", "dry skin", "combination skin", "acne prone",
                "all skin types", "skin type", "skin types", "nhạy cảm", "da nhạy cảm", "da dầu", "da khô",
                "da hỗn hợp", "da mụn", "mọi loại da", "mọi làn da", "loại da", "da nhờn", "greasy skin",
                "acne prone", "acne-prone", "flaky skin"),
                phrases("sensitive", "oily", "dry skin", "combination", "acne prone", "skin types", "skin type",
                        "nhạy cảm", "da dầu", "da khô", "hỗn hợp", "da mụn", "mọi loại da", "mọi làn da", "loại da")),
        DAIRY(phrases("dairy", "dairy free", "lactose", "milk free"),
                phrases("dairy", "lactose", "milk", "cream", "butter", "cheese", "sữa", "phô mai")),
        GLUTEN(phrases("gluten", "gluten free", "celiac", "coeliac", "wheat"),
                phrases("gluten", "wheat", "bột mì", "lúa mì")),
        // "nuts" of an English question to Vietnamese knowledge reads "hạt" (categories.tsv): "does it contain hạt?"
        NUTS(phrases("nut", "nuts", "peanut", "peanuts", "tree nut", "tree nuts", "đậu phộng", "hạt điều", "hạnh nhân",
                "=contain hạt", "=contains hạt"),
                phrases("nut", "nuts", "peanut", "peanuts", "almond", "almonds", "hazelnut", "hazelnuts", "cashew",
                        "cashews", "walnut", "walnuts", "pecan", "pecans", "pistachio", "pistachios", "macadamia",
                        "đậu phộng", "hạt điều", "hạnh nhân", "óc chó", "hồ đào", "hạt dẻ", "=hạt")),
        VEGAN(phrases("vegan", "vegetarian", "plant based", "ăn chay", "người ăn chay", "đồ chay"),
                phrases("vegan", "vegetarian", "plant based", "chay"));

        final List<Text.Token[]> asked;
        final List<Text.Token[]> answers;

        Group(List<Text.Token[]> asked, List<Text.Token[]> answers) {
            this.asked = asked;
            this.answers = answers;
        }
    }

    /** Single words of the groups' question phrases, as retrieval terms (see {@link Lexicon#terms}). */
    private static final Set<String> CONDITION_TERMS = conditionTerms();

    private static Set<String> conditionTerms() {
        Set<String> out = new java.util.HashSet<>();
        List<List<Text.Token[]>> lists = new java.util.ArrayList<>();
        for (Group g : Group.values()) {
            lists.add(g.asked);
        }
        lists.add(Cues.SUITABILITY); // "suitable" of "Suitable for sensitive skin" names no product either
        for (List<Text.Token[]> list : lists) {
            for (Text.Token[] p : list) {
                if (p.length == 1) {
                    out.add(Lexicon.stem(p[0].folded().replace("\u0000", "")));
                }
            }
        }
        return Set.copyOf(out);
    }

    /**
     * True when a retrieval term is a person or condition word ("dairy", "kids", "allergic"): it says who a
     * product is for, so it names no product by occurring in its text.
     */
    static boolean conditionTerm(String term) {
        return CONDITION_TERMS.contains(term);
    }

    /** Groups asked about what a product contains ("does it contain nuts?", "is it dairy free?"). */
    private static final Set<Group> CONTENTS = EnumSet.of(Group.ALLERGY, Group.DAIRY, Group.GLUTEN, Group.NUTS,
            Group.VEGAN);

    /** True when the groups ask what it contains: the question is about them, not every ingredient. */
    static boolean contents(Set<Group> groups) {
        return groups.stream().anyMatch(CONTENTS::contains);
    }

    /** Groups that also call for a doctor's advice when the knowledge does not answer them. */
    static final Set<Group> MEDICAL = EnumSet.of(Group.PREGNANCY, Group.MEDICATION);

    /** The groups a question's tokens ask about (empty when none). */
    static Set<Group> asked(List<Text.Token> tokens) {
        EnumSet<Group> out = EnumSet.noneOf(Group.class);
        for (Group g : Group.values()) {
            if (IntentDetector.any(tokens, g.asked)) {
                out.add(g);
            }
        }
        return out;
    }

    /**
     * Which tokens belong to a group's phrase: the person or condition asked about ("sensitive skin", "bà bầu",
     * "a 4 year old"), never part of a product's name.
     */
    static boolean[] covered(List<Text.Token> tokens) {
        boolean[] out = new boolean[tokens.size()];
        for (Group g : Group.values()) {
            for (Text.Token[] p : g.asked) {
                for (int at = Text.indexOf(tokens, p, 0); at >= 0; at = Text.indexOf(tokens, p, at + 1)) {
                    for (int j = 0; j < p.length; j++) {
                        out[at + j] = true;
                    }
                    if (g == Group.ALLERGY) {
                        allergen(tokens, at, at + p.length, out);
                    }
                }
            }
        }
        return out;
    }

    /** The words naming what the audience is allergic to: "fish" of "allergic to fish", "hạt" of "dị ứng hạt". */
    static List<Text.Token> allergens(List<Text.Token> tokens) {
        List<Text.Token> out = new java.util.ArrayList<>();
        boolean[] any = new boolean[tokens.size()];
        for (Text.Token[] p : Group.ALLERGY.asked) {
            for (int at = Text.indexOf(tokens, p, 0); at >= 0; at = Text.indexOf(tokens, p, at + 1)) {
                allergen(tokens, at, at + p.length, any);
                for (int j = at; j < at + p.length; j++) {
                    any[j] = false;
                }
            }
        }
        for (int i = 0; i < any.length; i++) {
            if (any[i] && tokens.get(i).folded().length() >= 2) {
                out.add(tokens.get(i));
            }
        }
        return out;
    }

    /** Words saying what to: "fish" of "allergic to fish", "dị ứng cá", "a nut allergy". */
    private static final Set<String> BEFORE_ALLERGEN = Set.of("to", "with", "voi");

    private static void allergen(List<Text.Token> tokens, int from, int to, boolean[] out) {
        int i = to;
        if (i < tokens.size() && BEFORE_ALLERGEN.contains(tokens.get(i).folded())) {
            i++;
        }
        if (i < tokens.size() && !Lexicon.STOPWORDS.contains(tokens.get(i).folded())) {
            out[i] = true; // "allergic to fish", "dị ứng cá"
        }
        if (from > 0 && !Lexicon.STOPWORDS.contains(tokens.get(from - 1).folded())) {
            out[from - 1] = true; // "a nut allergy", "fish allergy"
        }
    }

    /**
     * The senses of {@link Group#SKIN}: a question about oily skin is not answered by a sentence about sensitive skin
     * ("Người có da nhạy cảm ... nên thử" says nothing of "da dầu"), and each type reads the same in both languages
     * ("dry skin" is "da khô"). Each type has the phrases that ask it and the phrases of a sentence that answers it.
     */
    enum SkinType {
        OILY(phrases("oily", "oily skin", "greasy skin", "da dầu", "da nhờn", "nhiều dầu", "đổ dầu"),
                phrases("oily", "da dầu", "da nhờn", "kiềm dầu", "oil control")),
        DRY(phrases("dry skin", "dry", "da khô", "khô da", "bong tróc", "flaky skin"),
                phrases("dry skin", "dry and", "dry or", "da khô", "khô và", "khô hoặc", "normal to dry", "thường đến khô")),
        SENSITIVE(phrases("sensitive", "sensitive skin", "nhạy cảm", "da nhạy cảm", "dễ kích ứng", "easily irritated"),
                phrases("sensitive", "nhạy cảm", "dịu nhẹ cho da")),
        COMBINATION(phrases("combination skin", "combination", "da hỗn hợp", "hỗn hợp"),
                phrases("combination", "hỗn hợp")),
        ACNE(phrases("acne", "acne prone", "acne-prone", "breakouts", "da mụn", "bị mụn", "nổi mụn"),
                phrases("acne", "breakouts", "mụn"));

        final List<Text.Token[]> asked;
        final List<Text.Token[]> answers;

        SkinType(List<Text.Token[]> asked, List<Text.Token[]> answers) {
            this.asked = asked;
            this.answers = answers;
        }
    }

    /** A sentence saying a product suits every skin type answers each of them. */
    private static final List<Text.Token[]> ALL_SKIN = phrases("all skin types", "every skin type", "any skin type",
            "mọi loại da", "mọi làn da", "tất cả các loại da", "mọi loại da kể cả");

    /** The skin types a question's tokens ask about (empty when none or when it asks of skin types in general). */
    static Set<SkinType> skinTypes(List<Text.Token> tokens) {
        EnumSet<SkinType> out = EnumSet.noneOf(SkinType.class);
        for (SkinType t : SkinType.values()) {
            if (IntentDetector.any(tokens, t.asked)) {
                out.add(t);
            }
        }
        return out;
    }

    /** How many of the groups' words a knowledge sentence uses: 0 when it says nothing about them. */
    static int score(String sentence, Set<Group> groups) {
        return score(sentence, groups, Set.of());
    }

    /**
     * As {@link #score(String, Set)}, the skin group read by its senses when the question names skin types
     * ({@code skins} not empty): only a sentence about one of those types, or about every skin type, answers it.
     */
    static int score(String sentence, Set<Group> groups, Set<SkinType> skins) {
        List<Text.Token> tokens = Text.words(sentence);
        int n = 0;
        for (Group g : groups) {
            if (g == Group.SKIN && !skins.isEmpty()) {
                List<Text.Token[]> said = new java.util.ArrayList<>(ALL_SKIN);
                for (SkinType t : skins) {
                    said.addAll(t.answers);
                }
                for (Text.Token[] p : said) {
                    for (int at = Text.indexOf(tokens, p, 0); at >= 0; at = Text.indexOf(tokens, p, at + 1)) {
                        n++;
                    }
                }
                continue;
            }
            for (Text.Token[] p : g.answers) {
                for (int at = Text.indexOf(tokens, p, 0); at >= 0; at = Text.indexOf(tokens, p, at + 1)) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * True when every occurrence of the phrases in the tokens lies inside a group's phrase: "bà bầu dùng được
     * không" names a condition to check against the knowledge, "có giảm mỡ máu không" claims an effect.
     */
    static boolean onlyConditions(List<Text.Token> tokens, List<Text.Token[]> phrases) {
        boolean[] covered = covered(tokens);
        boolean any = false;
        for (Text.Token[] p : phrases) {
            for (int at = Text.indexOf(tokens, p, 0); at >= 0; at = Text.indexOf(tokens, p, at + 1)) {
                any = true;
                for (int j = 0; j < p.length; j++) {
                    if (!covered[at + j]) {
                        return false;
                    }
                }
            }
        }
        return any;
    }
}
