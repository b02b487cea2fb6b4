package com.personaruntime.composer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kinds of fault of the ninth held-back set, each with cases of its own on two personas the rules never saw:
 * Tide &amp; Tallow, an English-only candle and soap maker (languages [en], English knowledge, a contact phone), and
 * Giày Lá, a Vietnamese shoe shop. A Vietnamese question to the English-only persona is framed in Vietnamese with the
 * knowledge quoted; the "ask a human" line names the phone; words after a product's whole name ask about it (no
 * unknown "Harbor melt"); a kind the knowledge has asked with an attribute none of it is described with is answered
 * "none is described so" (with what the entries do say), while another kind of thing ("beeswax wraps") stays unknown;
 * the product whose size was asked stays in focus.
 */
class UnwrittenQuestionsTest {

    static final ComposerPersona TIDE = new ComposerPersona("tide", "Mara", "Tide & Tallow", List.of("en"),
            "Hi, I'm Mara, Tide & Tallow's AI assistant!", List.of(),
            List.of(
                    new Knowledge("harbor", "Harbor",
                            "Soy wax candle scented with sea salt and driftwood. 40-hour burn time. Price £22. "
                                    + "Contains fragrance oils; keep away from children and pets.",
                            List.of("product", "candle")),
                    new Knowledge("fig", "Fig Leaf Candle",
                            "Coconut wax candle with fig leaf and cedar. 30-hour burn time. Price £18. Colours: white "
                                    + "and sage.",
                            List.of("product", "candle")),
                    new Knowledge("soap", "Oat Milk Soap",
                            "Cold-process soap bar with oat milk and shea butter, unscented. 100 g bar £6, box of 3 "
                                    + "bars £15. Contains milk.",
                            List.of("product", "soap")),
                    new Knowledge("shipping", "Shipping",
                            "UK delivery in 2-3 days, £3.50; free over £40. We do not ship candles abroad.",
                            List.of("shipping", "policy"))),
            "https://tideandtallow.example/help", null, List.of(), List.of(), Abbreviations.EMPTY, List.of(),
            "020 7946 0811");

    static final ComposerPersona LA = new ComposerPersona("la", "Lá", "Giày Lá", List.of("vi", "en"),
            "Chào bạn, mình là Lá, trợ lý AI của Giày Lá!", List.of(),
            List.of(
                    new Knowledge("sneaker", "Giày sneaker vải canvas",
                            "Giày sneaker vải canvas đế cao su. Màu trắng và đen. Giá 450.000đ.",
                            List.of("sản phẩm", "giày")),
                    new Knowledge("sandal", "Giày sandal quai dù",
                            "Sandal quai dù đế EVA nhẹ, đi mưa được. Màu be. Giá 320.000đ.",
                            List.of("sản phẩm", "giày")),
                    new Knowledge("ship", "Giao hàng", "Giao toàn quốc 2-4 ngày, phí 30.000đ.",
                            List.of("shipping", "policy"))),
            null, "hotro@giayla.example", List.of(), List.of(), Abbreviations.EMPTY, List.of(), "028 3822 1199");

    private static ComposerChatModel tide;
    private static ComposerChatModel la;

    private static synchronized String tide(String q, String... history) {
        if (tide == null) {
            tide = new ComposerChatModel(TIDE, KnowledgeIndex.build(TIDE.knowledge()), Runnable::run);
        }
        return tide.compose(q, List.of(history), null).text();
    }

    private static synchronized String la(String q, String... history) {
        if (la == null) {
            la = new ComposerChatModel(LA, KnowledgeIndex.build(LA.knowledge()), Runnable::run);
        }
        return la.compose(q, List.of(history), null).text();
    }

    /** An English-only persona asked in Vietnamese answers in Vietnamese, the English knowledge quoted. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "nến Harbor giá bao nhiêu|£22",
            "xà phòng yến mạch giá bao nhiêu|£6",
            "có giao nến ra nước ngoài không|do not ship candles abroad"})
    void aVietnameseQuestionToAnEnglishOnlyPersonaIsFramedInVietnamese(String q, String fact) {
        String reply = tide(q);
        assertThat(reply).contains(fact);
        String own = reply.replaceAll("\"[^\"]*\"", " ");
        for (Knowledge k : TIDE.knowledge()) {
            own = own.replace(k.title(), " ");
        }
        assertThat(LanguageDetector.detect(own)).as(reply).isIn("vi", null); // a bare "Giá ...:" frame detects none
        assertThat(reply).doesNotContain("price as listed").doesNotContain("I don't").doesNotContain("What I know");
    }

    @Test
    void theAskAHumanLineNamesTheContactPhone() {
        assertThat(tide("What do you think of the football tonight?")).contains("020 7946 0811")
                .contains("https://tideandtallow.example/help");
        assertThat(la("tư vấn giúp mình chuyện học hành với")).contains("028 3822 1199")
                .contains("hotro@giayla.example");
        ComposerPersona noPhone = new ComposerPersona("x", "X", "Xshop", List.of("en"), null, List.of(), List.of(),
                "https://x.example", null);
        String reply = new ComposerChatModel(noPhone, KnowledgeIndex.build(List.of()), Runnable::run)
                .compose("what's the weather?", List.of(), null).text();
        assertThat(reply).contains("https://x.example").doesNotContain(" on ");
    }

    /** Words after a product's whole name ask about it; they make no unknown product with it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "does Harbor melt in a hot car?|Harbor",
            "will Harbor help me sleep better?|Harbor",
            "can Harbor burn all night?|Harbor"})
    void wordsAfterAKnownNameAskAboutIt(String q, String title) {
        assertThat(tide(q)).contains(title).doesNotContainIgnoringCase("harbor melt")
                .doesNotContainIgnoringCase("harbor help").doesNotContainIgnoringCase("harbor burn")
                .doesNotContain("I don't see");
    }

    @Test
    void aHealthClaimAboutAKnownProductNamesIt() {
        assertThat(tide("will Harbor cure my insomnia?")).contains("Harbor").contains("can't promise")
                .doesNotContain("I don't see");
    }

    /** A kind the knowledge has, asked with an attribute none of it is described with: none is listed so. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Do you have any organic candles?|organic",
            "do you sell vegan soap?|vegan",
            "Do you have fragrance-free candles?|fragrance"})
    void anAttributeNoProductOfTheKindHasIsSaidSo(String q, String attribute) {
        assertThat(tide(q)).contains(attribute).contains("None of the products").doesNotContain("I don't see");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "shop có giày màu đỏ không|màu đỏ",
            "có giày không dây không|không dây"})
    void anAttributeNoProductOfTheKindHasIsSaidSoInVietnamese(String q, String attribute) {
        assertThat(la(q)).contains(attribute).contains("không có sản phẩm nào").doesNotContain("không thấy");
    }

    @Test
    void whatTheEntriesDoSayOfTheAttributeIsQuoted() {
        // the soap is made with oat milk: a dairy-free question quotes what it says of milk
        assertThat(tide("Do you have dairy-free soap?")).contains("What our information does say: Oat Milk Soap")
                .contains("milk").doesNotContain("I don't see");
        // the fig candle lists its colours
        assertThat(tide("do you have red candles?")).contains("white").doesNotContain("I don't see");
    }

    @Test
    void anotherKindOfThingStaysUnknown() {
        assertThat(tide("do you have beeswax wraps?")).contains("beeswax wraps").doesNotContain("None of the products");
    }

    @Test
    void theProductOfTheAskedSizeStaysInFocus() {
        assertThat(tide("and a box of 3?", "how much is the Fig Leaf Candle?")).contains("£15");
        assertThat(tide("does it contain milk?", "how much is the Fig Leaf Candle?", "and a box of 3?"))
                .contains("Contains milk").doesNotContain("Fig Leaf");
    }

    /** "brownies" is the plural of "brownie" (not of "browny"); "-y" plurals stay as they were. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"brownies|brownie", "cookies|cookie", "smoothies|smoothie", "hoodies|hoodie",
            "berries|berry", "batteries|battery", "accessories|accessory"})
    void pluralsStemToTheirSingular(String plural, String singular) {
        assertThat(Lexicon.stem(plural)).isEqualTo(Lexicon.stem(singular));
    }

    /**
     * A stopword's folded form typed with other tones is a content word: "cám" (bran) is no "cảm" (of "cảm ơn"),
     * "mật" (honey) no "mất", "dầu" (oil) no "đâu", "đen" (black) no "đến"; typed plain they stay stopwords.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"bánh quy cám|cam", "son mật ong|mat", "dầu dừa|dau", "giày đen|den",
            "tỏi đen|toi"})
    void aTonedContentWordIsNoStopword(String text, String term) {
        assertThat(Lexicon.terms(text)).contains(term);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"cảm ơn shop|cam", "giao mất mấy ngày|mat", "shop ở đâu|dau",
            "bao giờ đến|den", "cam on shop|cam"})
    void aStopwordInItsOwnSpellingStaysOne(String text, String term) {
        assertThat(Lexicon.terms(text)).doesNotContain(term);
    }

    @Test
    void branAndBrowniesFindTheirProducts() {
        ComposerPersona bakery = new ComposerPersona("lua", "Lúa", "Tiệm Lúa", List.of("vi", "en"), null, List.of(),
                List.of(new Knowledge("quy-cam", "Bánh quy cám yến mạch", "Bánh quy cám lúa mì và yến mạch. Giá 45.000đ.",
                                List.of("sản phẩm")),
                        new Knowledge("quy-bo", "Bánh quy bơ", "Bánh quy bơ Pháp. Giá 60.000đ.", List.of("sản phẩm")),
                        new Knowledge("brownie", "Fudge Brownie", "Dark chocolate brownie. 35.000đ each.",
                                List.of("product"))),
                null, null);
        ComposerChatModel m = new ComposerChatModel(bakery, KnowledgeIndex.build(bakery.knowledge()), Runnable::run);
        assertThat(m.compose("bánh quy cám giá bao nhiêu", List.of(), null).text()).contains("45.000")
                .doesNotContain("60.000");
        assertThat(m.compose("how much are the brownies?", List.of(), null).text()).contains("35.000");
    }

    /** How long it keeps and how to store it are one facet: one gap is said once. */
    @Test
    void storageAndShelfLifeAreOneFacet() {
        // the soap's entry says nothing of keeping it: one gap, said once (it was said for "shelf life" and "storage")
        String reply = tide("how long does the Oat Milk Soap keep, and how should I store it?");
        assertThat(reply.split("I don't have information", -1)).hasSizeLessThanOrEqualTo(2);
        assertThat(reply).doesNotContain("shelf life");
    }
}
