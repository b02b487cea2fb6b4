package com.personaruntime.composer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A condition asked about ("nếu sp bị vỡ thì sao", "what if it arrives broken?") reports no fault: the intent is no
 * complaint and the reply carries the policy without an apology. A fault reported before the condition, or a
 * condition that does not ask, is still a complaint. Vietnamese with and without diacritics, teencode, English.
 */
class HypotheticalTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "neu sp bi vo thi sao|false",
            "nếu sản phẩm bị vỡ thì sao ạ|false",
            "Lỡ giao sai hàng thì shop xử lý sao|false",
            "nhỡ hàng bị lỗi thì sao shop|false",
            "giả sử hàng bị hỏng thì có được đổi không|false",
            "trường hợp chưa nhận được hàng thì sao ad|false",
            "What if the bag arrives broken?|false",
            "what if my order never arrived|false",
            "If the beans are stale, what happens?|false",
            "In case it arrives damaged, can I get a refund?|false",
            "hàng bị vỡ rồi shop ơi|true",
            "hàng bị vỡ rồi, nếu đổi thì sao|true",
            "It arrived broken. If I return it, what happens?|true",
            "My bag arrived broken, what if I want a refund?|true",
            "nếu biết hàng bị vỡ thế này mình đã không mua|true"})
    void conditionIsNoComplaint(String message, boolean complaint) {
        assertThat(IntentDetector.analyze(message).has(Intent.COMPLAINT)).as(message).isEqualTo(complaint);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "neu sp bi vo thi sao|7 ngày",
            "nếu sản phẩm bị lỗi thì sao ạ|7 ngày",
            "lỡ hàng giao tới bị bể thì sao shop|7 ngày"})
    void linhGivesThePolicyWithoutApology(String q, String policy) {
        Composition c = TestPersonas.linh().compose(q);
        assertThat(c.intent()).as(q).isNotEqualTo(Intent.COMPLAINT);
        assertThat(c.text()).as(q).contains(policy).doesNotContainIgnoringCase("xin lỗi");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "What if my bag arrives damaged?|30 days",
            "if the beans arrive stale what happens|30 days"})
    void miloGivesThePolicyWithoutApology(String q, String policy) {
        Composition c = TestPersonas.milo().compose(q);
        assertThat(c.intent()).as(q).isNotEqualTo(Intent.COMPLAINT);
        assertThat(c.text()).as(q).contains(policy).doesNotContainIgnoringCase("sorry");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "hàng bị vỡ rồi, nếu đổi thì sao|xin lỗi",
            "It arrived broken. If I return it, what happens?|sorry"})
    void aFaultBeforeTheConditionStillGetsTheApology(String q, String apology) {
        ComposerChatModel model = q.contains("broken") ? TestPersonas.milo() : TestPersonas.linh();
        assertThat(model.compose(q).text()).as(q).containsIgnoringCase(apology);
    }
}
