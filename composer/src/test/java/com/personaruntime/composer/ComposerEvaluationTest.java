package com.personaruntime.composer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the evaluation harness in CI and prints the share of turns right per kind. The bars are the
 * figures reached when they were set (see README, "Offline composer"), so a change that makes the
 * composer worse fails the build.
 */
class ComposerEvaluationTest {

    private static ComposerEvaluation evaluation;

    @BeforeAll
    static void load() throws Exception {
        evaluation = new ComposerEvaluation();
    }

    /** Runs the set, prints its report, and holds it to at least {@code turns} turns and {@code bar} of them right. */
    private static void holds(String set, int turns, double bar) throws Exception {
        List<ComposerEvaluation.Result> results = evaluation.run(set);
        System.out.println(ComposerEvaluation.report(results));
        assertThat(results).hasSizeGreaterThanOrEqualTo(turns);
        assertThat(ComposerEvaluation.share(results)).isGreaterThanOrEqualTo(bar);
    }

    @Test
    void tunedConversations() throws Exception {
        holds("tuned", 75, 0.90);
    }

    @Test
    void heldBackConversations() throws Exception {
        holds("heldback", 30, 0.75);
    }

    /** Written after tuning, with a persona (Sen, a shoe shop) the rules never saw. */
    @Test
    void secondHeldBackSet() throws Exception {
        holds("heldback2", 25, 0.75);
    }

    /**
     * Written before the fixes of the newcomer's faults (numbers inside product names, names without
     * diacritics mid-conversation, the persona's own pronouns, mixed-language replies, let-through
     * injections), with four personas the rules never saw.
     */
    @Test
    void thirdHeldBackSet() throws Exception {
        holds("heldback3", 50, 0.75);
    }

    /**
     * Written before the fixes of the newcomer's second round of faults (a shared head noun naming the wrong
     * product, unknown names cut short, frustration carried into later replies, product names across
     * languages, attribute questions such as "waterproof" read as another facet), with four personas the
     * rules never saw (Na, Wren, Mochi, Ivy).
     */
    @Test
    void fourthHeldBackSet() throws Exception {
        holds("heldback4", 60, 0.75);
    }

    /**
     * Written and run before the fixes it measures, with four personas of kinds the rules never saw (An, a
     * supplement brand that must refuse disease claims; Juniper, an English bookstore-cafe; Tín, a Vietnamese
     * electronics shop asked in English; Fern, English knitwear asked in Vietnamese): suitability questions,
     * categories across languages, materials as whole words, honest answers to what the knowledge lacks.
     */
    @Test
    void fifthHeldBackSet() throws Exception {
        holds("heldback5", 60, 0.75);
    }

    /**
     * Written and run before any fix, from a newcomer's chat (Mộc, a tea shop, and the demo Milo) and more of
     * the same kinds over Tín: which sentence of an entry answers a facet question (caffeine, temperature,
     * grams, pause/skip, battery, warranty), size variants with their own price, facet words read as part of a
     * product name, "1 gói" read as an order. 14/25 before the fixes, 24/25 after (the miss left: a comparison on an
     * attribute the knowledge lacks, "which is less acidic"); the bar allows no turn fewer.
     */
    @Test
    void sixthHeldBackSet() throws Exception {
        holds("heldback6", 24, 0.95);
    }

    /**
     * Written before any run or fix, with three personas of kinds the rules never saw (Vani, a Vietnamese bakery;
     * Nova, an English skincare brand asked in Vietnamese; Hòa, a Vietnamese home-appliance shop asked in English):
     * comparisons on attributes the knowledge holds for both, one or neither product, suitability questions that
     * name no product ("ok for sensitive skin?"), product names across languages that no category list holds
     * ("hair dryer" for "Máy sấy tóc"), an English name inside a Vietnamese question ("Bread Club tạm dừng được
     * không"), material words inside names ("Silken", "homemade"). 25/48 on its first run (main 86c0156), 48/48 after
     * the fixes; the bar allows no turn fewer.
     */
    @Test
    void seventhHeldBackSet() throws Exception {
        holds("heldback7", 48, 1.0);
    }

    /**
     * Written and run before any fix, from a newcomer's chat with Mây Bakery (knowledge only in Vietnamese) and more
     * of the same kinds over Sóc Nâu (Vietnamese knowledge) and Hearth & Crumb (English knowledge asked in
     * Vietnamese): sizes and packs priced on their own, storage and ingredient facets, questions in the other
     * language than the knowledge. 11/45 before any fix, 44/45 after, 45/45 since "Do you have gluten-free bread?"
     * says no bread is described so (with the croissant's "Có chứa gluten"); the bar allows no turn fewer.
     */
    @Test
    void eighthHeldBackSet() throws Exception {
        holds("heldback8", 45, 1.0);
    }

    /**
     * Written and run before any fix, for personas and questions nobody on the team wrote before: Kettle &amp; Crow (an
     * English-only coffee roaster asked in Vietnamese), Lan Mộc Cosmetics (Vietnamese knowledge asked without
     * diacritics, in teencode and in English) and Sóng Audio (a bilingual electronics shop): variants, follow-ups on
     * the product in focus, attributes no product has, health claims about a known product, the contact phone in the
     * "ask a human" line. 30/55 on its first run (main 6f09947), 47/55 after the first round of fixes; the bar allows
     * no turn fewer.
     */
    @Test
    void ninthHeldBackSet() throws Exception {
        holds("heldback9", 55, 47 / 55.0);
    }

    /**
     * Written and run before any fix, from a newcomer's chat with Mai của Sen Đá (Vietnamese cosmetics, knowledge only
     * in Vietnamese) and the same kinds over Linden (English clothing and body care, asked in both languages), Sóc
     * Nâu and Nhà Hòa: a free-shipping amount in a shipping question read as an order, a size's stock state, the
     * product named by a size-chart title or an allergy entry, English questions to Vietnamese facts and back,
     * meaningless words quoted as unknown things, a competitor insulted or fakes asked read as frustration.
     * 19/47 on its first run (main 337782c), 40/47 after the fixes of its kinds; the bar allows no turn fewer.
     */
    @Test
    void tenthHeldBackSet() throws Exception {
        holds("heldback10", 47, 40 / 47.0);
    }

    /**
     * Written and run before any fix, with two personas of kinds the rules never saw, their knowledge pasted the way a
     * brand pastes it: Mướp of Nhà Mướp (a Vietnamese pet-food brand: a price table with one product a line, an FAQ of
     * "Hỏi:/Đáp:" pairs) and Kai of Bright Path English (a language centre: a course table with "|" columns, fees in
     * "6,500,000 VND", knowledge only in English asked in Vietnamese). 33/66 on its first run (main 6a48017), 38/66 once
     * pasted tables and FAQs are read row by row, Vietnamese questions asked in place are questions and "how long"
     * finds the sentence with a duration, 46/66 with pet and class words across languages
     * (glossary.tsv, categories.tsv), 49/66 when an entry about several things answers the topic asked (opening hours,
     * not the address) and days are read across languages, 50/66 when a word only another product's sheet uses is
     * what a yes/no question asks of the product it names ("hạt mèo lớn có taurine không"); the bar allows no turn
     * fewer.
     */
    @Test
    void eleventhHeldBackSet() throws Exception {
        holds("heldback11", 66, 50 / 66.0);
    }

    /**
     * Written and run before any fix, with two personas of kinds the rules never saw: Lá of Vườn Nhà Lá (a Vietnamese
     * houseplant shop, knowledge only in Vietnamese) and Iris of Northlight Optics (an English opticians, knowledge only
     * in English), asked in both languages, Vietnamese with and without diacritics: an attribute the asked product's
     * entry does not state while another entry does (never lent), which product suits a condition across languages
     * (little light, a round face), a clause asking one thing of an entry that says several, delivery with its title
     * once. 40/74 on its first run (main 6329f57), 45/74 when an attribute the asked product's entry does not state
     * is said to be unknown and never lent from another entry (invent 3/9 -> 8/9), 47/74 when a measure asked with
     * "how much"/"bao nhiêu" is no price ("monstera cao bao nhiêu", "How much does the Cove frame weigh?"); the bar
     * allows no turn fewer.
     */
    @Test
    void twelfthHeldBackSet() throws Exception {
        holds("heldback12", 74, 47 / 74.0);
    }

    /**
     * Written and run before any fix, with two personas of business kinds the rules never saw: Tâm of Xe Máy Phố Hội (a
     * motorbike rental and day-tour agency in Hội An, knowledge only in Vietnamese) and Clef of Cadence Music School (an
     * English music school, knowledge only in English), asked in Vietnamese with and without diacritics, in teencode and
     * in English: rentals and lessons priced per day, month or length, English names of Vietnamese entries, word forms
     * (include/included, park/parking), Vietnamese words with a function-word syllable ("áo phao", "vé vào cửa"), totals
     * asked without a "total" word, price questions naming no item, a topic word inside another thing ("phone holder",
     * "by phone"). 47/87 on its first run (main 9f32293), 48/87 when a contact word naming a thing or the means of
     * doing something is no contact question; the bar allows no turn fewer.
     */
    @Test
    void thirteenthHeldBackSet() throws Exception {
        holds("heldback13", 87, 48 / 87.0);
    }
}
