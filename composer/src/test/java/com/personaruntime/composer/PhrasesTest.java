package com.personaruntime.composer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The indexed phrase lookup answers exactly what checking every phrase at every token answers. */
class PhrasesTest {

    private static final List<Text.Token[]> CUES = IntentDetector.phrases(
            "giá", "=kém", "how much", "bao nhiêu", "ship", "giao hàng", "giao", "mắc quá", "=mắc", "too expensive");

    private static boolean naive(List<Text.Token> tokens, List<Text.Token[]> phrases) {
        for (Text.Token[] p : phrases) {
            if (Text.contains(tokens, p)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void toneAwareMatchingIsKept() {
        assertThat(CUES).isInstanceOf(Phrases.class);
        assertThat(IntentDetector.any(Text.tokens("gia bao nhieu vay"), CUES)).isTrue();   // plain matches by fold
        assertThat(IntentDetector.any(Text.tokens("hàng giả"), CUES)).isFalse();           // other diacritics do not
        assertThat(IntentDetector.any(Text.tokens("kem chống nắng"), CUES)).isFalse();     // "=kém": exact only
        assertThat(IntentDetector.any(Text.tokens("chất lượng kém"), CUES)).isTrue();
        assertThat(IntentDetector.any(Text.tokens("how is it"), CUES)).isFalse();          // a phrase's first word alone
        assertThat(IntentDetector.any(Text.tokens("so, HOW MUCH?"), CUES)).isTrue();
        assertThat(IntentDetector.any(Text.tokens(""), CUES)).isFalse();
    }

    @Test
    void sameAnswerAsTheFullScanOnRandomMessages() {
        String[] words = {"giá", "gia", "giả", "kém", "kem", "how", "much", "bao", "nhiêu", "nhieu", "ship",
            "giao", "hàng", "hang", "mắc", "mac", "quá", "qua", "too", "expensive", "the", "sữa", "rửa", "mặt"};
        Random random = new Random(20261201);
        for (int run = 0; run < 5_000; run++) {
            List<String> message = new ArrayList<>();
            for (int i = random.nextInt(8); i >= 0; i--) {
                message.add(words[random.nextInt(words.length)]);
            }
            List<Text.Token> tokens = Text.tokens(String.join(" ", message));
            assertThat(IntentDetector.any(tokens, CUES)).as(String.join(" ", message)).isEqualTo(naive(tokens, CUES));
            assertThat(IntentDetector.any(tokens, Cues.INSULT)).isEqualTo(naive(tokens, Cues.INSULT));
            assertThat(IntentDetector.any(tokens, Cues.EXCITED)).isEqualTo(naive(tokens, Cues.EXCITED));
        }
    }
}
