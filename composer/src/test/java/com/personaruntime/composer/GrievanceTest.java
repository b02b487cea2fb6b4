package com.personaruntime.composer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Harsh words aimed at a competitor or a question about fakes are no frustration with us (tenth held-back set, kind
 * "complaint"), on personas of two kinds: the table for {@link Grievance} and whole replies of Cói (Vietnamese, with
 * competitors) asked in Vietnamese and English. A complaint about us still gets its apology.
 */
class GrievanceTest {

    private static final List<String> RIVALS = List.of("Cói Xanh", "Sedge & Co");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Cói Xanh dở tệ, shop có hơn không?|true",
            "Be honest, Sedge & Co is garbage right?|true",
            "cói xanh làm ăn lừa đảo đúng ko|true",
            "shop có bán hàng fake không vậy|true",
            "co hang gia ko ad|true",
            "Are these counterfeit?|false",
            "Is your stuff genuine or fake?|false",
            "mình nhận phải hàng fake rồi|false",
            "Sedge & Co is fine, but your bag broke after a day|false",
            "giao trễ cả tuần rồi, bực quá|false",
            "This is useless|false",
            "mũ cói giá bao nhiêu|false"})
    void harshWordsAimedElsewhere(String message, boolean elsewhere) {
        // a question about fakes without harsh words ("Are these counterfeit?") has nothing to redirect: false
        assertThat(Grievance.aimedElsewhere(message, RIVALS)).isEqualTo(elsewhere);
    }

    private static final ComposerPersona COI = new ComposerPersona("coi", "Cói", "Cói Hội An", List.of("vi", "en"),
            "Chào bạn, mình là Cói!", List.of(), ShippingThresholdsAndStockTest.COI.knowledge(), null,
            "hello@coi.example", List.of(), RIVALS, Abbreviations.EMPTY);

    private static ComposerChatModel model;

    private static synchronized ComposerChatModel model() {
        if (model == null) {
            model = new ComposerChatModel(COI, KnowledgeIndex.build(COI.knowledge()), Runnable::run);
        }
        return model;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Cói Xanh dở tệ, shop có hơn không?",
            "shop có bán hàng fake không vậy",
            "Honestly Sedge & Co is trash, are your hats any better?",
            "are your hats counterfeit?"})
    void noApologyForWhatIsNotAboutUs(String q) {
        String r = model().compose(q, List.of(), null).text().toLowerCase();
        assertThat(r).doesNotContain("xin lỗi").doesNotContain("sorry").doesNotContain("frustrat");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Đơn của mình giao trễ cả tuần rồi, bực quá|xin lỗi",
            "My hat arrived broken, this is unacceptable|sorry"})
    void aComplaintAboutUsStillGetsItsApology(String q, String apology) {
        assertThat(model().compose(q, List.of(), null).text().toLowerCase()).contains(apology);
    }
}
