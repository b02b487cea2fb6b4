package com.personaruntime.composer;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Money amounts and size tables read from knowledge text. */
class ArithmeticTest {

    @Test
    void amountsAreReadInEveryCommonWritingAndWrittenBackTheSameWay() {
        List<Money> m = Money.findAll("giá 390.000đ, combo 1,2 triệu, ship 30k; $16.50 or €189 or 1,299 USD");
        assertThat(m).extracting(x -> x.amount().stripTrailingZeros().toPlainString())
                .containsExactly("390000", "1200000", "30000", "16.5", "189", "1299");
        assertThat(Money.format(new BigDecimal("780000"), m.get(0).style())).isEqualTo("780.000đ");
        assertThat(Money.format(new BigDecimal("49.5"), m.get(3).style())).isEqualTo("$49.50");
        assertThat(Money.format(new BigDecimal("60000"), m.get(2).style())).isEqualTo("60k");
        assertThat(Money.findAll("pH 5.5, 150 ml, 2 giờ")).isEmpty();
        List<Money> codes = Money.findAll("Price: USD 149.00, or 120 euros, 2.450.000 VND");
        assertThat(codes).extracting(x -> x.amount().stripTrailingZeros().toPlainString())
                .containsExactly("149", "120", "2450000");
        assertThat(Money.format(new BigDecimal("298"), codes.get(0).style())).isEqualTo("USD 298.00");
    }

    @Test
    void aSizeTableIsReadWithItsDimensionsAndLooksUpMeasurements() {
        SizeTable t = SizeTable.parse("Bảng size theo chiều cao và cân nặng: S: cao 150–157 cm, nặng 40–46 kg; "
                + "M: cao 157–163 cm, nặng 46–52 kg; L: cao 163–168 cm, nặng 52–58 kg.");
        assertThat(t.rows()).extracting(SizeTable.Row::label).containsExactly("S", "M", "L");
        assertThat(t.lookup(SizeTable.measurements("cao 1m6 nặng 50kg")).row().label()).isEqualTo("M");
        assertThat(t.lookup(SizeTable.measurements("mình 1m55, 45 ký")).row().label()).isEqualTo("S");
        SizeTable.Match between = t.lookup(SizeTable.measurements("cao 1m65 nặng 47kg"));
        assertThat(between.exact()).isFalse();
        assertThat(SizeTable.parse("Sữa rửa mặt pH 5.5, chai 150 ml, giá 245.000đ.")).isNull();
        SizeTable piped = SizeTable.parse("Size | Chiều cao | Cân nặng\nS | 150-155 | 40-45\nM | 155-162 | 45-52\nL | 162-168 | 52-60");
        assertThat(piped.rows()).extracting(SizeTable.Row::label).containsExactly("S", "M", "L");
        assertThat(piped.lookup(SizeTable.measurements("cao 158 nặng 48kg")).row().label()).isEqualTo("M");
    }

    @Test
    void shoeTablesBySingleFootLengthsAndEnglishQuestions() {
        SizeTable t = SizeTable.parse("Boot sizes by foot length: EU 40: 25.5 cm; EU 41: 26–26.5 cm; EU 42: 27 cm; "
                + "EU 43: 27.5–28 cm.");
        assertThat(t.lookup(SizeTable.measurements("My foot is 27 cm long")).row().label()).isEqualTo("EU 42");
        assertThat(SizeTable.measurements("I'm 175 cm and 70 kg"))
                .containsEntry(SizeTable.Dim.HEIGHT, 175.0).containsEntry(SizeTable.Dim.WEIGHT, 70.0);
        assertThat(SizeTable.measurements("waist 80cm")).isEqualTo(Map.of(SizeTable.Dim.WAIST, 80.0));
    }
}
