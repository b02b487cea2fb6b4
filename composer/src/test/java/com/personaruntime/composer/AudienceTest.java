package com.personaruntime.composer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tone by audience segment and sentiment, in the composer's replies. */
class AudienceTest {

    private static final ComposerPersona LINH = new ComposerPersona("linh", "Linh", "Lumière", List.of("vi", "en"),
            null, List.of(), TestPersonas.LINH.knowledge(), "https://lumiere.example/lien-he", "cskh@lumiere.example",
            List.of(new ComposerPersona.Segment("genz", List.of("được dùng từ lóng nhẹ nhàng", "vui vẻ, năng động")),
                    new ComposerPersona.Segment("professionals", List.of("lịch sự, đi thẳng vào vấn đề"))),
            List.of("GlowCo"), Abbreviations.EMPTY);
    private static final ComposerChatModel MODEL = ComposerChatModel.create(LINH, Runnable::run);

    @Test
    void sentimentOfAMessage() {
        assertThat(Sentiment.of("Sao chưa giao hàng vậy, chờ mãi!!")).isEqualTo(Sentiment.FRUSTRATED);
        assertThat(Sentiment.of("THIS IS RIDICULOUS, WHERE IS MY ORDER")).isEqualTo(Sentiment.FRUSTRATED);
        assertThat(Sentiment.of("omg I love it!! so excited")).isEqualTo(Sentiment.EXCITED);
        assertThat(Sentiment.of("kem chống nắng giá bao nhiêu?")).isEqualTo(Sentiment.NEUTRAL);
    }

    /** The tone follows the current message: an earlier message's frustration is not carried into later replies. */
    @Test
    void frustrationIsNotCarriedIntoLaterMessages() {
        List<String[]> rows = List.of(
                new String[] {"hàng bị vỡ, thất vọng quá", "còn serum?"},
                new String[] {"Đơn của mình giao trễ cả tuần rồi, bực mình quá!", "kem chống nắng giá bao nhiêu vậy"},
                new String[] {"don hang giao tre qua, buc minh ghe", "serum gia bn"},
                new String[] {"chờ mãi ko thấy ai trả lời, bực quá", "ok cảm ơn nha"},
                new String[] {"My order still hasn't arrived, this is ridiculous.", "How much is the serum?"},
                new String[] {"WHERE IS MY ORDER, I'M SO ANNOYED", "and the sunscreen?"});
        for (String[] r : rows) {
            assertThat(Audience.resolve(LINH, null, r[0], List.of()).sentiment()).as(r[0]).isEqualTo(Sentiment.FRUSTRATED);
            assertThat(Audience.resolve(LINH, null, r[1], List.of(r[0])).sentiment()).as(r[1] + " after " + r[0])
                    .isNotEqualTo(Sentiment.FRUSTRATED);
            String reply = MODEL.compose(r[1], List.of(r[0]), null).text().toLowerCase(java.util.Locale.ROOT);
            assertThat(reply).as(r[1] + " after " + r[0]).doesNotContain("xin lỗi").doesNotContain("sorry");
        }
        // a frustrated follow-up still gets the calm apology
        assertThat(Audience.resolve(LINH, null, "còn serum thì sao, chờ mãi!!", List.of("giá kem?")).sentiment())
                .isEqualTo(Sentiment.FRUSTRATED);
    }

    @Test
    void aChosenSegmentSetsTheRegisterAndAnUnknownOneIsIgnored() {
        Audience formal = Audience.resolve(LINH, "professionals", "giá serum?", List.of());
        assertThat(formal.segment()).isEqualTo("professionals");
        assertThat(formal.inferred()).isFalse();
        assertThat(formal.register()).isEqualTo(Audience.Register.FORMAL);
        assertThat(Audience.resolve(LINH, "GENZ", "giá serum?", List.of()).register()).isEqualTo(Audience.Register.CASUAL);
        assertThat(Audience.resolve(LINH, "nobody", "giá serum?", List.of()).segment()).isNull();
    }

    @Test
    void aSegmentIsInferredFromHowTheAudienceWrites() {
        Audience slang = Audience.resolve(LINH, null, "ad ơi kcn bn tiền z, mua dc ko", List.of());
        assertThat(slang.segment()).isEqualTo("genz");
        assertThat(slang.inferred()).isTrue();
        assertThat(Audience.resolve(LINH, null, "Kính gửi quý công ty, xin vui lòng báo giá serum", List.of()).segment())
                .isEqualTo("professionals");
        assertThat(Audience.resolve(LINH, null, "giá serum?", List.of()).segment()).isNull();
    }

    @Test
    void theReplyFollowsTheSegmentAndTheSentiment() {
        String formal = MODEL.compose("Cho mình hỏi giá serum", List.of(),
                Audience.resolve(LINH, "professionals", "Cho mình hỏi giá serum", List.of())).text();
        assertThat(formal).startsWith("Dạ,").contains("450.000đ").endsWith("ạ.");
        String casual = MODEL.compose("Cho mình hỏi giá serum", List.of(),
                Audience.resolve(LINH, "genz", "Cho mình hỏi giá serum", List.of())).text();
        assertThat(casual).contains("450.000đ").contains("nè").doesNotContain(" ạ.");
        String calm = MODEL.compose("Chờ mãi không ai trả lời, serum giá sao??", List.of(), null).text();
        assertThat(calm).startsWith("Mình xin lỗi").contains("450.000đ");
        String warm = MODEL.compose("I love it!! how much is the serum?", List.of(), null).text();
        assertThat(warm).startsWith("Love the enthusiasm!").contains("450.000đ");
    }
}
