package com.personaruntime.composer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NEVER-INVENT rule for attributes, and skin types as senses across languages, on two personas the rules never
 * saw (Sương, a Vietnamese skincare shop with Vietnamese entries; Fen, an English one), asked in Vietnamese with and
 * without diacritics and in English:
 * <ul>
 *   <li>an attribute the asked product's entry does not state while another product's entry does ("gel trà xanh có
 *   ceramide không" when only the cream has ceramide) is said to be unknown, and the other product's sentence is never
 *   lent; a word only another product's text uses does not name that product too;</li>
 *   <li>a skin type asked ("da dầu", "oily skin", "dry skin", "da khô") is answered by a sentence about that type, in
 *   either language, never by the note about sensitive skin or by a combo whose title holds the type; a question
 *   naming no product lists the products said to suit it;</li>
 *   <li>"can be returned" is no colour ("be" is beige only after "màu").</li>
 * </ul>
 */
class AttributesNotLentTest {

    static final ComposerPersona SUONG = new ComposerPersona(
            "suong", "Sương", "Sương Mai", List.of("vi", "en"),
            "Chào bạn, mình là Sương, trợ lý AI của Sương Mai!",
            List.of(),
            List.of(
                    new Knowledge("kem", "Kem dưỡng ẩm ceramide 50ml",
                            "Kem dưỡng ẩm với ceramide và bơ hạt mỡ, hợp da khô và da thường. Giá 320.000đ. Thoa sáng và "
                                    + "tối sau serum.",
                            List.of("sản phẩm", "kem dưỡng")),
                    new Knowledge("gel", "Gel dưỡng trà xanh 50ml",
                            "Gel dưỡng mỏng nhẹ, kiềm dầu, hợp da dầu và da mụn. Giá 280.000đ. Không chứa cồn.",
                            List.of("sản phẩm", "gel")),
                    new Knowledge("toner", "Nước hoa hồng hoa cúc 150ml",
                            "Toner chiết xuất hoa cúc, dịu nhẹ cho da nhạy cảm. Giá 210.000đ.",
                            List.of("sản phẩm", "toner")),
                    new Knowledge("di-ung", "Dị ứng và da nhạy cảm",
                            "Người có da nhạy cảm hoặc tiền sử dị ứng nên thử sản phẩm trên vùng da nhỏ trong 24 giờ "
                                    + "trước khi dùng.",
                            List.of("lưu ý", "dị ứng")),
                    new Knowledge("combo", "Combo da dầu",
                            "Combo gồm gel dưỡng trà xanh và nước hoa hồng hoa cúc, giá 450.000đ.",
                            List.of("combo", "da dầu"))),
            null, null);

    static final ComposerPersona FEN = new ComposerPersona(
            "fen", "Fen", "Fennel Skin", List.of("en", "vi"),
            "Hi, I'm Fen, Fennel Skin's AI assistant.",
            List.of(),
            List.of(
                    new Knowledge("barrier", "Barrier Cream",
                            "Rich cream with shea butter for dry skin. $28 for 50 ml. Fragrance-free.",
                            List.of("product", "cream")),
                    new Knowledge("clay", "Clay Gel",
                            "Light oil-control gel for oily and acne-prone skin. $24 for 50 ml. Contains niacinamide.",
                            List.of("product", "gel")),
                    new Knowledge("returns", "Returns",
                            "Unopened products can be returned within 30 days for a refund.",
                            List.of("policy", "returns"))),
            null, null);

    private static ComposerChatModel suong;
    private static ComposerChatModel fen;

    private static synchronized String reply(String persona, String q) {
        if (suong == null) {
            suong = new ComposerChatModel(SUONG, KnowledgeIndex.build(SUONG.knowledge()), Runnable::run);
            fen = new ComposerChatModel(FEN, KnowledgeIndex.build(FEN.knowledge()), Runnable::run);
        }
        return ("suong".equals(persona) ? suong : fen).compose(q, List.of(), null).text();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "suong|gel dưỡng trà xanh có bơ hạt mỡ không|chưa có thông tin|ceramide và bơ hạt mỡ",
            "suong|gel duong tra xanh co bo hat mo khong|chưa có thông tin|ceramide và bơ hạt mỡ",
            "suong|nước hoa hồng có bơ hạt mỡ không|chưa có thông tin|ceramide và bơ hạt mỡ",
            "suong|Nước hoa hồng có chứa cồn không?|chưa có thông tin|Không chứa cồn",
            "fen|Does the Clay Gel have shea butter?|don't have|Rich cream",
            "fen|Is the Barrier Cream oil-control?|don't have|acne-prone",
            "fen|Barrier Cream có niacinamide không|chưa có thông tin|Contains niacinamide",
            "fen|barrier cream co niacinamide khong|chưa có thông tin|Contains niacinamide"})
    void anAttributeOnlyAnotherProductStatesIsUnknownAndNotLent(String persona, String q, String honest, String lent) {
        String r = reply(persona, q);
        assertThat(r).contains(honest).doesNotContain(lent);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "suong|Gel dưỡng trà xanh có chứa cồn không?|Không chứa cồn",
            "suong|kem dưỡng ẩm có ceramide không|ceramide và bơ hạt mỡ",
            "fen|Does the Clay Gel contain niacinamide?|niacinamide"})
    void anAttributeTheProductsOwnEntryStatesIsAnswered(String persona, String q, String fact) {
        String r = reply(persona, q);
        assertThat(r).contains(fact).doesNotContain("chưa có thông tin").doesNotContain("don't have");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "suong|Nước hoa hồng có hợp da dầu không?",
            "suong|nuoc hoa hong co hop da dau khong",
            "suong|Kem dưỡng ẩm có hợp da dầu không?",
            "fen|Is the Barrier Cream OK for oily skin?",
            "fen|Barrier Cream có hợp da dầu không?"})
    void aSkinTypeNoSentenceNamesIsUnknownNotTheSensitiveNoteOrACombo(String persona, String q) {
        String r = reply(persona, q);
        assertThat(r).containsAnyOf("chưa có thông tin", "don't have").doesNotContain("24 giờ")
                .doesNotContain("450.000").doesNotContain("oily and acne-prone").doesNotContain("mỏng nhẹ");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "suong|Gel dưỡng trà xanh có hợp da dầu không?|hợp da dầu",
            "suong|Is the green tea gel OK for oily skin?|hợp da dầu",
            "suong|Nước hoa hồng có hợp da nhạy cảm không?|dịu nhẹ cho da nhạy cảm",
            "fen|Barrier Cream có hợp da khô không?|for dry skin",
            "fen|clay gel co hop da dau khong|oily"})
    void aSkinTypeIsReadInBothLanguages(String persona, String q, String fact) {
        String r = reply(persona, q);
        assertThat(r).contains(fact).doesNotContain("24 giờ").doesNotContain("450.000");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "suong|I have dry skin, what would you recommend?|Kem dưỡng ẩm|rather not guess",
            "suong|mình da khô thì nên dùng gì|Kem dưỡng ẩm|Gel dưỡng",
            "suong|What's good for oily skin?|Gel dưỡng|Kem dưỡng ẩm",
            "fen|mình da khô thì nên dùng gì|Barrier Cream|Clay Gel",
            "fen|toi bi da dau nen dung san pham nao|Clay Gel|Barrier Cream",
            "fen|I have oily skin, what do you recommend?|Clay Gel|rather not guess"})
    void aSkinTypeWithNoProductNamedListsTheProductsSaidToSuitIt(String persona, String q, String suits, String not) {
        String r = reply(persona, q);
        assertThat(r).contains(suits).doesNotContain(not);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "What colours does the Clay Gel come in?",
            "Clay Gel có màu gì"})
    void canBeReturnedIsNoColour(String q) {
        assertThat(reply("fen", q)).doesNotContain("returned").containsAnyOf("don't have", "chưa có thông tin");
    }
}
