package com.personaruntime.composer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two kinds of shop the shared word lists did not cover (glossary.tsv, categories.tsv), asked in the other language
 * than their knowledge, with shops of this test's own: a Vietnamese pet shop asked in English ("kitten food" finds
 * "Hạt gà cho mèo con", "wet food" the pate, "cat litter" the litter) and an English dance school asked in Vietnamese
 * ("giáo viên" finds its teachers, "trung tâm" its centre, "chỗ gửi xe" its parking).
 */
class PetsAndClassesAcrossLanguagesTest {

    private static final ComposerPersona PET = new ComposerPersona("bun", "Bún", "Nhà Bún", List.of("vi", "en"),
            "Chào bạn, mình là Bún, trợ lý AI của Nhà Bún!", List.of(), List.of(
            new Knowledge("kitten", "Hạt gà cho mèo con", "Hạt gà cho mèo từ 2 đến 12 tháng tuổi, túi 1kg giá 150.000đ.",
                    List.of("product")),
            new Knowledge("dog", "Hạt bò cho chó lớn", "Hạt thịt bò cho chó trên 1 tuổi, túi 3kg giá 320.000đ.",
                    List.of("product")),
            new Knowledge("pate", "Pate gà cho mèo", "Pate gà lon 85g giá 22.000đ.", List.of("product")),
            new Knowledge("litter", "Cát tre Nhà Bún", "Cát vệ sinh từ tre, túi 5L giá 99.000đ.", List.of("product"))),
            null, "hi@nhabun.example");
    private static final ComposerChatModel PET_MODEL = ComposerChatModel.create(PET, Runnable::run);

    private static final ComposerPersona SCHOOL = new ComposerPersona("step", "Mia", "Step Up Dance", List.of("vi", "en"),
            "Hi, I'm Mia, Step Up Dance's AI assistant.", List.of(), List.of(
            new Knowledge("salsa", "Salsa for beginners", "Eight weeks, one evening a week. Fee: 1,800,000 VND.",
                    List.of("product")),
            new Knowledge("teachers", "Our teachers", "Every teacher has at least five years of stage experience. "
                    + "Groups have at most 14 students.", List.of("teachers")),
            new Knowledge("studio", "Studio address", "Our centre is at 20 Hàng Bài, Hà Nội. Free parking for "
                    + "motorbikes in the courtyard.", List.of("address"))),
            null, "hi@stepup.example");
    private static final ComposerChatModel SCHOOL_MODEL = ComposerChatModel.create(SCHOOL, Runnable::run);

    private static String reply(ComposerChatModel model, String message) {
        return model.compose(message, List.of(), null).text();
    }

    @Test
    void englishPetWordsFindVietnameseProducts() {
        assertThat(reply(PET_MODEL, "How much is the kitten food?")).contains("150.000đ").doesNotContain("320.000đ");
        assertThat(reply(PET_MODEL, "how much is the adult dog food?")).contains("320.000đ").doesNotContain("150.000đ");
        assertThat(reply(PET_MODEL, "Do you have wet food?")).contains("Pate gà");
        assertThat(reply(PET_MODEL, "how much is the cat litter")).contains("99.000đ");
    }

    @Test
    void vietnameseSchoolWordsFindEnglishFacts() {
        assertThat(reply(SCHOOL_MODEL, "giáo viên có kinh nghiệm không")).contains("five years");
        assertThat(reply(SCHOOL_MODEL, "trung tâm ở đâu vậy")).contains("20 Hàng Bài");
        assertThat(reply(SCHOOL_MODEL, "có chỗ gửi xe không")).contains("parking");
    }
}
