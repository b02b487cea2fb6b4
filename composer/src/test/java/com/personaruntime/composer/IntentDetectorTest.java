package com.personaruntime.composer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Tables by intent: Vietnamese with and without diacritics, teencode, English. */
class IntentDetectorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Xin chào                          | GREETING
            chao shop                         | GREETING
            hế lô Linh                        | GREETING
            Hello!                            | GREETING
            hi there                          | GREETING
            Good morning                      | GREETING
            bạn là ai vậy                     | GREETING
            are you a bot?                    | GREETING
            """)
    void greetings(String text, Intent intent) {
        assertThat(IntentDetector.detect(text)).isEqualTo(intent);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Kem chống nắng giá bao nhiêu?     | PRICE
            kem chong nang gia bao nhieu      | PRICE
            sp nay bn tien vay shop           | PRICE
            serum mấy tiền ạ                  | PRICE
            có đắt không                      | PRICE
            is it under $20?                  | PRICE
            How much is the House Blend?      | PRICE
            what does the decaf cost          | PRICE
            Chào shop, giá serum nhiu vay     | PRICE
            """)
    void prices(String text, Intent intent) {
        assertThat(IntentDetector.detect(text)).isEqualTo(intent);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ship mất mấy ngày                 | SHIPPING
            ship mat may ngay                 | SHIPPING
            phí ship bao nhiêu                | SHIPPING
            có giao hàng ra Hà Nội không      | SHIPPING
            co freeship k                     | SHIPPING
            bao lâu thì nhận được hàng        | SHIPPING
            How long does delivery take?      | SHIPPING
            Do you ship to Canada?            | SHIPPING
            """)
    void shipping(String text, Intent intent) {
        assertThat(IntentDetector.detect(text)).isEqualTo(intent);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            hàng bị vỡ rồi shop ơi            | COMPLAINT
            hang bi vo roi                    | COMPLAINT
            giao sai hàng                     | COMPLAINT
            chua nhan dc hang                 | COMPLAINT
            mình bị nổi mụn sau khi dùng      | COMPLAINT
            dịch vụ quá tệ                    | COMPLAINT
            My order arrived damaged          | COMPLAINT
            I want a refund, this is terrible | COMPLAINT
            my package never arrived          | COMPLAINT
            """)
    void complaints(String text, Intent intent) {
        assertThat(IntentDetector.detect(text)).isEqualTo(intent);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            mình muốn mua kem chống nắng      | PURCHASE_INTENT
            minh muon dat hang                | PURCHASE_INTENT
            chốt đơn 2 chai                   | PURCHASE_INTENT
            I want to buy some beans          | PURCHASE_INTENT
            How do I order?                   | PURCHASE_INTENT
            """)
    void purchase(String text, Intent intent) {
        assertThat(IntentDetector.detect(text)).isEqualTo(intent);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            kem chống nắng có gây kích ứng không? | PRODUCT_QUESTION
            serum dùng lúc nào                    | PRODUCT_QUESTION
            shop bán những gì                     | PRODUCT_QUESTION
            What are your opening hours?          | PRODUCT_QUESTION
            Which roast do you recommend?         | PRODUCT_QUESTION
            What is your return policy?           | PRODUCT_QUESTION
            """)
    void productQuestions(String text, Intent intent) {
        assertThat(IntentDetector.detect(text)).isEqualTo(intent);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cảm ơn shop nhiều                 | THANKS
            cam on nha                        | THANKS
            tks shop                          | THANKS
            Thanks Milo!                      | THANKS
            thank you so much                 | THANKS
            ok                                | THANKS
            """)
    void thanks(String text, Intent intent) {
        assertThat(IntentDetector.detect(text)).isEqualTo(intent);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            who will win the election?        | OFF_TOPIC
            thời tiết hôm nay thế nào         | OFF_TOPIC
            thoi tiet hom nay the nao         | OFF_TOPIC
            tell me a joke                    | OFF_TOPIC
            What's the capital of France?     | OFF_TOPIC
            asdfgh                            | OFF_TOPIC
            """)
    void offTopic(String text, Intent intent) {
        assertThat(IntentDetector.detect(text)).isEqualTo(intent);
    }

    @Test
    void toneAwareKeywordsDoNotConfuseLookAlikes() {
        // "kem" (cream) is not "kém" (poor); "giả" (fake) is not "giá" (price); "mùa" (season) is not "mua" (buy)
        assertThat(IntentDetector.analyze("kem chong nang").cues()).isEmpty();
        assertThat(IntentDetector.analyze("hàng giả").cues()).containsExactly(Intent.COMPLAINT);
        assertThat(IntentDetector.analyze("mùa hè").has(Intent.PURCHASE_INTENT)).isFalse();
    }

    @Test
    void howMuchAsksAPriceOnlyWhenItIsAboutMoney() {
        assertThat(IntentDetector.analyze("how much caffeine is in the decaf?").has(Intent.PRICE)).isFalse();
        assertThat(IntentDetector.analyze("how much coffee should I use").has(Intent.PRICE)).isFalse();
        assertThat(IntentDetector.analyze("tuýp bao nhiêu ml").has(Intent.PRICE)).isFalse();
        assertThat(IntentDetector.analyze("how much?").has(Intent.PRICE)).isTrue();
        assertThat(IntentDetector.analyze("bao nhiêu vậy shop").has(Intent.PRICE)).isTrue();
        assertThat(IntentDetector.analyze("how much for the decaf").has(Intent.PRICE)).isTrue();
    }

    @Test
    void symptomIsAComplaintWhenReportedAndAQuestionWhenAsked() {
        assertThat(IntentDetector.detect("da mình bị kích ứng")).isEqualTo(Intent.COMPLAINT);
        assertThat(IntentDetector.detect("có gây kích ứng không")).isEqualTo(Intent.PRODUCT_QUESTION);
        // the question word may be followed by particles and forms of address, typed fast
        assertThat(IntentDetector.detect("da e de kich ung thi co dung dc k shop")).isEqualTo(Intent.PRODUCT_QUESTION);
        assertThat(IntentDetector.detect("da mình dễ kích ứng, dùng được không ạ")).isEqualTo(Intent.PRODUCT_QUESTION);
        assertThat(IntentDetector.detect("dùng xong bị kích ứng rồi shop ạ")).isEqualTo(Intent.COMPLAINT);
    }

    /** "không … chút nào" is the "at all" of a negation: praise or a statement, no question ("nào" = which). */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Kem chống nắng này tuyệt vời quá, thoa lên mịn da mà không bết chút nào 😍 | false
            chẳng thích tí nào luôn                                                | false
            khong bi kich ung xiu nao                                              | false
            kem này có bết chút nào không                                          | true
            loại nào hợp da dầu                                                    | true
            nên chọn size nào                                                      | true
            """)
    void notAtAllIsNoQuestion(String text, boolean question) {
        assertThat(IntentDetector.analyze(text).question()).as(text).isEqualTo(question);
    }
}
