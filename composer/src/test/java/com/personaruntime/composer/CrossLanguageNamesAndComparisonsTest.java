package com.personaruntime.composer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The kinds of fault of the seventh held-back set, on a persona the rules never saw (Mận, a Vietnamese home and
 * bakery shop with one English-titled product): names read across languages word by word where no category lists
 * them ("clothes dryer" is the "Máy sấy quần áo", "coconut cake" the "Bánh dừa nướng", "máy sấy tóc" the "Ionic Hair
 * Dryer"), a head noun naming another kind of thing ("air conditioner", "máy điều hòa" are not the "Quạt điều hòa
 * mini"); comparisons on an attribute both products state, or that one lacks; people and conditions are no product
 * ("nồi chiên bà bầu dùng được không"); a count of pieces the knowledge prices on its own is that variant ("hộp 20
 * cái"); how long it keeps; what an allergy is to; what a product is made of when its sentence lists it; a plan
 * named by its title stays in focus; a yes-or-no question beside a name asks ("co gio mat ko"). Vietnamese with and
 * without diacritics, English.
 */
class CrossLanguageNamesAndComparisonsTest {

    static final ComposerPersona MAN = new ComposerPersona(
            "man", "Mận", "Nhà Mận", List.of("vi", "en"),
            "Chào bạn, mình là Mận, trợ lý AI của Nhà Mận!",
            List.of(),
            List.of(
                    new Knowledge("fryer", "Nồi chiên không dầu 5 lít",
                            "Nồi chiên không dầu dung tích 5 lít, công suất 1500W, hẹn giờ 60 phút. Giá 1.890.000đ. "
                                    + "Bảo hành 12 tháng.",
                            List.of("sản phẩm")),
                    new Knowledge("clothes-dryer", "Máy sấy quần áo 9 kg",
                            "Máy sấy quần áo sấy bằng hơi nóng, công suất 2000W, có nút gió mát. Giá 5.490.000đ. "
                                    + "Bảo hành 24 tháng.",
                            List.of("sản phẩm")),
                    new Knowledge("cooler", "Quạt điều hòa mini",
                            "Quạt làm mát bằng hơi nước, bình 5 lít, công suất 60W. Giá 990.000đ.",
                            List.of("sản phẩm")),
                    new Knowledge("coconut", "Bánh dừa nướng",
                            "Bánh dừa nướng giòn với dừa sấy, bơ và mật ong. Hộp 10 cái giá 80.000 đ, hộp 20 cái giá "
                                    + "150.000 đ. Có trứng, sữa và hạt điều. Ngon nhất trong 5 ngày, để nơi khô mát.",
                            List.of("sản phẩm")),
                    new Knowledge("hair-dryer", "Ionic Hair Dryer",
                            "Compact 1200W travel hair dryer with ionic care and a cool shot button. Price 450.000đ.",
                            List.of("product")),
                    new Knowledge("club", "Cake Club",
                            "Gói bánh định kỳ: mỗi tuần giao 1 hộp bánh, 200.000 đ mỗi tháng. Tạm dừng hoặc hủy gói "
                                    + "trước thứ Sáu hằng tuần.",
                            List.of("gói định kỳ")),
                    new Knowledge("ship", "Giao hàng",
                            "Giao nội thành Huế trong ngày, phí 20.000 đ; các tỉnh khác 2-4 ngày.",
                            List.of("shipping", "policy"))),
            "https://nhaman.example/lien-he", null);

    private static ComposerChatModel man;

    private static synchronized ComposerChatModel man() {
        if (man == null) {
            man = new ComposerChatModel(MAN, KnowledgeIndex.build(MAN.knowledge()), Runnable::run);
        }
        return man;
    }

    private static String reply(String q, String... history) {
        return man().compose(q, List.of(history), null).text();
    }

    /** A name no category lists whole, read word by word in the other language: the product's own price. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "How much is the clothes dryer?|5.490.000đ",
            "clothes dryer price?|5.490.000đ",
            "how much is a box of coconut cakes|80.000",
            "coconut cake giá bao nhiêu|80.000",
            "máy sấy tóc giá bao nhiêu|450.000đ",
            "may say toc gia bao nhieu|450.000đ"})
    void aNameIsReadWordByWordAcrossLanguages(String q, String price) {
        assertThat(reply(q)).contains(price).doesNotContain("I don't see").doesNotContain("không thấy");
    }

    /** The head noun decides what kind of thing it is: an air conditioner is no air cooler, whatever words they share. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "do you sell air conditioners?|air conditioners",
            "shop có bán máy điều hòa không|máy điều hòa",
            "shop co ban may dieu hoa khong|may dieu hoa"})
    void anotherHeadNounIsAnotherProduct(String q, String quoted) {
        assertThat(reply(q)).contains(quoted).doesNotContain("990.000đ");
        assertThat(reply("quat dieu hoa bao nhieu tien")).contains("990.000đ");
    }

    /** Both products state the attribute: both sentences, no "I don't know". */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "which uses less power, the air fryer or the clothes dryer?",
            "cái nào tốn điện hơn, nồi chiên không dầu hay máy sấy quần áo"})
    void aComparisonTheKnowledgeHoldsGivesBothFacts(String q) {
        assertThat(reply(q)).contains("1500W").contains("2000W").doesNotContain("I don't see")
                .doesNotContain("không thấy").doesNotContain("don't have").doesNotContain("chưa có thông tin");
    }

    /** One product or both lack it: said so, never an unknown product "less noisy", never a guess. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "which is quieter, the air fryer or the clothes dryer?|don't have",
            "which is heavier, the air fryer or the clothes dryer?|don't have",
            "cái nào êm hơn, nồi chiên không dầu hay quạt điều hòa mini|chưa có thông tin",
            "nồi chiên không dầu hay máy sấy quần áo cái nào nhẹ hơn|chưa có thông tin"})
    void aComparisonTheKnowledgeLacksIsSaidHonestly(String q, String honest) {
        assertThat(reply(q)).contains(honest).doesNotContain("I don't see").doesNotContain("không thấy");
    }

    @Test
    void aPriceComparisonGivesBothPrices() {
        assertThat(reply("which is cheaper, the air fryer or the clothes dryer?")).contains("1.890.000đ")
                .contains("5.490.000đ");
    }

    /** People or a condition beside a product's name are who it is for, never part of an unknown product's name. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "nồi chiên không dầu bà bầu dùng được không",
            "noi chien khong dau ba bau dung duoc ko",
            "clothes dryer ok for sensitive skin?"})
    void peopleAreNoProductName(String q) {
        assertThat(reply(q)).doesNotContain("I don't see").doesNotContain("không thấy")
                .doesNotContain("can't promise we have it");
    }

    /** A count of pieces the knowledge prices on its own is that variant, not so many boxes. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bánh dừa nướng hộp 20 cái giá bao nhiêu",
            "banh dua nuong hop 20 cai gia nhieu"})
    void aCountTheKnowledgePricesIsAVariant(String q) {
        assertThat(reply(q)).contains("150.000").doesNotContain("×").doesNotContain("không thấy");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bánh dừa nướng để được bao lâu",
            "how long does the coconut cake stay fresh"})
    void howLongItKeepsIsAnsweredByItsSentence(String q) {
        assertThat(reply(q)).contains("5 ngày").doesNotContain("không thấy").doesNotContain("I don't see");
    }

    /** What the audience is allergic to, found in the product's sentence; the sentence about eggs says nothing of nuts. */
    @Test
    void anAllergyIsCheckedAgainstWhatItIsTo() {
        assertThat(reply("mình dị ứng hạt thì ăn bánh dừa nướng được không")).contains("hạt điều");
        assertThat(reply("what about the coconut cake?", "does the air fryer contain nuts?")).contains("hạt điều");
    }

    @Test
    void whatItIsMadeOfIsTheSentenceListingIt() {
        assertThat(reply("bánh dừa nướng làm từ gì")).contains("dừa sấy, bơ và mật ong")
                .doesNotContain("chưa có thông tin");
    }

    @Test
    void aPlanNamedByItsTitleStaysInFocus() {
        assertThat(reply("Cake Club tạm dừng được không")).contains("Tạm dừng hoặc hủy gói");
        assertThat(reply("giá bao nhiêu 1 tháng", "Cake Club tạm dừng được không")).contains("200.000")
                .doesNotContain("80.000");
    }

    /** "có gió mát không" typed plain folds like function words ("gio", "mat"): still a question of its own. */
    @Test
    void aYesNoQuestionBesideANameIsNoRepeatOfThePrice() {
        assertThat(reply("may say quan ao co gio mat ko", "máy sấy quần áo giá bao nhiêu")).contains("gió mát");
    }

    @Test
    void aMalformedGlossaryLineIsRefusedWithItsLine() {
        assertThatThrownBy(() -> Glossary.parse("g.tsv", "# c\nhair\ttóc\nfan quạt\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("g.tsv: line 3")
                .hasMessageContaining("fan quạt");
        assertThatThrownBy(() -> Glossary.parse("g.tsv", "hair\ttóc|\n")).hasMessageContaining("line 1")
                .hasMessageContaining("empty phrase");
    }
}
