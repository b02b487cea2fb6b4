package com.personaruntime.composer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AbbreviationsTest {

    @Test
    void sharedTableExpandsTeencodeAndShopShorthandByLanguage() {
        Abbreviations a = Abbreviations.shared();
        assertThat(a.expand("kcn bn tiền v shop", "vi")).isEqualTo("kem chống nắng bn tiền vậy shop");
        assertThat(a.expand("srm dùng sao ạ", "vi")).isEqualTo("sữa rửa mặt dùng sao ạ");
        assertThat(a.expand("r u a bot?", "en")).isEqualTo("are you a bot?");
        assertThat(a.expand("r u a bot?", "vi")).as("'r' is 'rồi' in Vietnamese").startsWith("rồi");
        assertThat(a.expand("Do you ship to Hanoi?", "en")).isEqualTo("Do you ship to Hà Nội?");
    }

    @Test
    void onlyWholeWordsAreReplacedAndTheRestIsKeptAsTyped() {
        assertThat(Abbreviations.shared().expand("Kem SPF50, 390k; ko?", "vi")).isEqualTo("Kem SPF50, 390k; không?");
        assertThat(Abbreviations.shared().expand("kcnx", "vi")).isEqualTo("kcnx");
    }

    @Test
    void aPersonasOwnFileAddsNicknamesAndWins() {
        Abbreviations own = Abbreviations.parse("may.abbreviations.tsv", "# nicknames\náo zài\táo dài\nvi\tsm\tsơ mi\n");
        Abbreviations all = Abbreviations.shared().with(own);
        assertThat(all.expand("áo zài bn tiền", "vi")).isEqualTo("áo dài bn tiền");
        assertThat(all.expand("sm màu gì", "vi")).isEqualTo("sơ mi màu gì");
        assertThat(all.size()).isEqualTo(Abbreviations.shared().size() + 2);
    }

    @Test
    void malformedLinesAreNamedWithFileAndLine() {
        assertThatThrownBy(() -> Abbreviations.parse("x.abbreviations.tsv", "ok\tfine\njust one column\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("x.abbreviations.tsv: line 2: expected");
        assertThatThrownBy(() -> Abbreviations.parse("x.abbreviations.tsv", "vietnamese\tkcn\tkem\n"))
                .hasMessageContaining("line 1: language must be a two-letter code");
    }
}
