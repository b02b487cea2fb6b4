package com.personaruntime.composer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Category names across English and Vietnamese, read only where the persona's knowledge words them differently. */
class CategoriesTest {

    private static final List<Knowledge> VI_SHOP = List.of(
            new Knowledge("rice", "Nồi cơm điện mini", "Nồi cơm 1 lít, giá 690.000đ.", List.of("product")),
            new Knowledge("kettle", "Ấm siêu tốc", "Ấm inox 1,7 lít, giá 390.000đ.", List.of("product")));
    private static final List<Knowledge> EN_SHOP = List.of(
            new Knowledge("socks", "Trail Socks", "Hiking socks, 3-pack. Price: $29.", List.of("product")),
            new Knowledge("pack", "City Backpack", "20-litre backpack. Price: $80.", List.of("product")));

    @Test
    void aCategoryReadsAsTheKnowledgesWordForIt() {
        Categories vi = Categories.forKnowledge(VI_SHOP);
        assertThat(vi.translate("How much is the rice cooker?")).isEqualTo("How much is the nồi cơm điện?");
        assertThat(vi.translate("do you have electric kettles")).isEqualTo("do you have ấm siêu tốc");
        assertThat(vi.translate("Rice Cookers: price?")).isEqualTo("nồi cơm điện: price?");
        Categories en = Categories.forKnowledge(EN_SHOP);
        assertThat(en.translate("ba lô giá bao nhiêu")).isEqualTo("backpack giá bao nhiêu");
        assertThat(en.translate("balo giá bao nhiêu")).isEqualTo("balo giá bao nhiêu"); // one syllable: not read
        assertThat(en.translate("tat di bo size nao")).isEqualTo("socks size nao");
        assertThat(en.translate("tất đi bộ size nào")).isEqualTo("socks size nào");
    }

    @Test
    void nothingChangesWhereTheKnowledgeUsesTheTypedWordsOrNeitherName() {
        Categories vi = Categories.forKnowledge(VI_SHOP);
        assertThat(vi.translate("nồi cơm điện giá bao nhiêu")).isEqualTo("nồi cơm điện giá bao nhiêu");
        assertThat(vi.translate("Do you sell a pressure cooker?")).isEqualTo("Do you sell a pressure cooker?");
        assertThat(vi.translate("mua tất cả")).isEqualTo("mua tất cả");
        Categories en = Categories.forKnowledge(EN_SHOP);
        assertThat(en.translate("How much is the backpack?")).isEqualTo("How much is the backpack?");
        assertThat(en.translate("mua tất cả bao nhiêu")).isEqualTo("mua tất cả bao nhiêu");
        assertThat(Categories.forKnowledge(List.of()).isEmpty()).isTrue();
    }

    @Test
    void theShippedFileHasTwoNamedSidesOnEveryLine() {
        assertThat(Categories.rows()).hasSizeGreaterThan(100);
        for (String[][] row : Categories.rows()) {
            assertThat(row[0]).isNotEmpty();
            assertThat(row[1]).isNotEmpty();
        }
    }

    @Test
    void aMalformedLineNamesItsLine() {
        assertThatThrownBy(() -> Categories.parse("c.tsv", "# c\nrice cooker\tnồi cơm điện\nblender\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c.tsv: line 3");
        assertThatThrownBy(() -> Categories.parse("c.tsv", "rice cooker|\tnồi cơm điện\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1").hasMessageContaining("empty");
    }
}
