package com.personaruntime.composer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Product names that carry numbers, model codes and short syllables: a number inside a name is part of the
 * name, never a quantity; the product a message names (with or without diacritics, in teencode, in part)
 * wins over the one in focus. Two shops of its own (a Vietnamese kitchenware shop, an English bike shop).
 */
class ProductNamesTest {

    private static final ComposerPersona BEP = new ComposerPersona("bep", "Na", "Bếp Nhà Na", List.of("vi", "en"),
            "Chào bạn, mình là Na, trợ lý AI của Bếp Nhà Na!", List.of(), List.of(
            new Knowledge("fryer", "Nồi chiên không dầu 5L",
                    "Nồi chiên không dầu dung tích 5 lít, công suất 1500W, giá 1.590.000đ. Lau lòng nồi bằng khăn mềm sau khi nguội.",
                    List.of("product")),
            new Knowledge("knives", "Bộ dao 3 món",
                    "Bộ dao thép không gỉ gồm dao thái, dao gọt và dao chặt, giá 450.000đ. Rửa tay, lau khô ngay sau khi dùng.",
                    List.of("product")),
            new Knowledge("pan", "Chảo chống dính 28cm",
                    "Chảo chống dính đường kính 28 cm, dùng được bếp từ, giá 390.000đ. Không dùng xẻng kim loại.",
                    List.of("product")),
            new Knowledge("blender", "Máy xay sinh tố B2",
                    "Máy xay sinh tố 2 cối, 600W, giá 890.000đ. Xay tối đa 60 giây mỗi lần.",
                    List.of("product")),
            new Knowledge("lunchbox", "Hộp cơm 2 tầng",
                    "Hộp cơm inox 2 tầng giữ nhiệt, giá 150.000đ. Dùng được trong lò vi sóng khi bỏ nắp inox.",
                    List.of("product")),
            new Knowledge("jasmine", "Trà Lài Hoa",
                    "Trà xanh ướp hoa lài, gói 100 g, giá 95.000đ.", List.of("product")),
            new Knowledge("returns", "Đổi trả",
                    "Đổi trả trong 15 ngày nếu sản phẩm chưa qua sử dụng.", List.of("returns"))),
            null, "hotro@bepnhana.example");

    private static final ComposerPersona SPOKE = new ComposerPersona("spoke", "Jo", "Spoke & Chain", List.of("en"),
            null, List.of(), List.of(
            new Knowledge("roadster", "Roadster 7-Speed Bike",
                    "City bike with a 7-speed hub and fenders, 14 kg. Price: $540.", List.of("product")),
            new Knowledge("kids", "Kids Bike 16 inch",
                    "For ages 4 to 6, with training wheels. Price: $210.", List.of("product")),
            new Knowledge("lock", "U-Lock 2.0",
                    "Hardened steel U-lock with two keys. Price: $45.", List.of("product")),
            new Knowledge("helmet", "Helmet H3",
                    "Commuter helmet with a rear light and a dial fit system. Price: $79.", List.of("product")),
            new Knowledge("light", "3-in-1 Bike Light",
                    "Front light, rear light and bell in one, USB rechargeable. Price: $35.", List.of("product"))),
            null, "hello@spoke.example");

    private static final ComposerChatModel BEP_MODEL = ComposerChatModel.create(BEP, Runnable::run);
    private static final ComposerChatModel SPOKE_MODEL = ComposerChatModel.create(SPOKE, Runnable::run);

    private static List<String> converse(ComposerChatModel model, String... messages) {
        List<String> history = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        for (String m : messages) {
            replies.add(model.compose(m, history, null).text());
            history.add(m);
        }
        return replies;
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            bep   | Nồi chiên không dầu 5L giá bao nhiêu?        | 1.590.000đ |
            bep   | noi chien khong dau 5l bn tien               | 1.590.000đ |
            bep   | chảo 28cm giá sao                            | 390.000đ   |
            bep   | máy xay b2 giá bao nhiêu                     | 890.000đ   |
            bep   | hop com 2 tang gia bnhiu                     | 150.000đ   |
            bep   | Bộ dao 3 món giá bao nhiêu?                  | 450.000đ   |
            bep   | mua 2 bộ dao 3 món                           | 900.000đ   | 2 ×
            bep   | lấy 3 hộp cơm 2 tầng                         | 450.000đ   | 3 ×
            bep   | hop com 2 tang x2                            | 300.000đ   | 2 ×
            bep   | cho e 2 cai chao chong dinh 28cm nha         | 780.000đ   | 2 ×
            spoke | How much is the Roadster 7-Speed Bike?       | $540       |
            spoke | price of the kids bike 16 inch               | $210       |
            spoke | How much is the U-Lock 2.0?                  | $45        |
            spoke | I'll take 2 Helmet H3 and one U-Lock 2.0, total? | $203   | 2 ×
            spoke | two 3-in-1 bike lights please, how much      | $70        | 2 ×
            spoke | how much for 4 kids bike 16 inch             | $840       | 4 ×
            """)
    void aNumberInsideANameIsPartOfTheName(String shop, String question, String amount, String multiplied) {
        ComposerChatModel model = shop.equals("spoke") ? SPOKE_MODEL : BEP_MODEL;
        String reply = model.compose(question).text();
        assertThat(reply).as(question).contains(amount);
        for (String wrong : List.of("5 ×", "3 ×", "28 ×", "2 ×", "16 ×", "7 ×", "4 ×", "20 ×")) {
            if (!wrong.equals(multiplied)) {
                assertThat(reply).as(question).doesNotContain(wrong);
            }
        }
    }

    @Test
    void theProductANameMentionsWinsOverTheOneInFocus() {
        List<String> vi = converse(BEP_MODEL, "Chảo chống dính 28cm giá bao nhiêu?", "noi chien khong dau ve sinh sao",
                "bo dao 3 mon gia sao", "nó rửa thế nào?", "còn máy xay thì sao");
        assertThat(vi.get(0)).contains("390.000đ");
        assertThat(vi.get(1)).contains("khăn mềm").doesNotContain("Chảo");
        assertThat(vi.get(2)).contains("450.000đ").doesNotContain("1.590.000đ");
        assertThat(vi.get(3)).contains("lau khô").doesNotContain("Nồi");
        assertThat(vi.get(4)).contains("Máy xay sinh tố B2");
        List<String> en = converse(SPOKE_MODEL, "How much is the Roadster?", "and the helmet h3?", "what about the 3-in-1 light",
                "does it charge by usb?");
        assertThat(en.get(0)).contains("$540");
        assertThat(en.get(1)).contains("$79").doesNotContain("$540");
        assertThat(en.get(2)).contains("$35");
        assertThat(en.get(3)).contains("3-in-1 Bike Light").doesNotContain("Helmet");
    }

    @Test
    void aProductTheKnowledgeDoesNotHaveIsNotAnsweredWithTheOneInFocus() {
        List<String> vi = converse(BEP_MODEL, "Chảo chống dính 28cm giá bao nhiêu?", "còn ấm siêu tốc thì sao?",
                "nó dùng bếp từ được không");
        assertThat(vi.get(1)).contains("siêu tốc").doesNotContain("390.000đ");
        assertThat(vi.get(2)).contains("bếp từ");
        List<String> en = converse(TestPersonas.milo(), "How much is the decaf?", "what about the matcha?",
                "and the espresso machine?");
        assertThat(en.get(1)).contains("matcha").doesNotContain("$16");
        assertThat(en.get(2)).contains("espresso machine").doesNotContain("$16");
    }

    @Test
    void namesAreFoundAsTypedAndTheBetterCoveredTitleWins() {
        KnowledgeIndex index = KnowledgeIndex.build(List.of(
                new Knowledge("c15", "Ốp lưng iPhone 15", "Ốp silicon, giá 150.000đ.", List.of("product")),
                new Knowledge("c15pm", "Ốp lưng iPhone 15 Pro Max", "Ốp chống sốc, giá 220.000đ.", List.of("product")),
                new Knowledge("olong", "Trà Ô Long Cầu Đất", "Túi 200 g, giá 280.000đ.", List.of("product")),
                new Knowledge("sen", "Trà Sen Tây Hồ", "Hộp 100 g, giá 450.000đ.", List.of("product"))));
        assertThat(first(index, "ốp iphone 15 còn màu hồng không")).isEqualTo("c15");
        assertThat(first(index, "op lung iphone 15 pro max")).isEqualTo("c15pm");
        assertThat(first(index, "tra o long pha the nao")).isEqualTo("olong");
        assertThat(first(index, "Trà Ô Long giá bao nhiêu")).isEqualTo("olong");
        assertThat(first(index, "TRA SEN TAY HO")).isEqualTo("sen");
        // a word two titles share names neither; a lone number or a code's letter names nothing
        assertThat(index.named("trà nào ngon", java.util.Set.of())).isEmpty();
        assertThat(index.named("mua 15 cái", java.util.Set.of())).isEmpty();
        assertThat(index.mentions("x2 nhé")).isEmpty();
    }

    @Test
    void aNameThatSpellsAServiceWordIsTheProductAndTheServiceWordStillWorks() {
        assertThat(BEP_MODEL.compose("tra lai hoa gia bao nhieu").text()).contains("95.000đ");
        assertThat(BEP_MODEL.compose("Trà Lài Hoa giá bao nhiêu?").text()).contains("95.000đ");
        assertThat(BEP_MODEL.compose("mình muốn trả lại hàng thì sao").text()).contains("15 ngày");
        assertThat(BEP_MODEL.compose("đổi trả thế nào").text()).contains("15 ngày");
    }

    private static String first(KnowledgeIndex index, String text) {
        List<java.util.Map.Entry<Knowledge, Integer>> named = index.named(text, java.util.Set.of());
        assertThat(named).as(text).isNotEmpty();
        return named.get(0).getKey().id();
    }
}
