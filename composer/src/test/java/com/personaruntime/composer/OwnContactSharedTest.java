package com.personaruntime.composer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A clause that gives the asker's own e-mail or number asks nothing about the brand's: "email minh la lan@…, co the
 * qua tang ko shop" was answered with the shop's hotline and e-mail as if asked (and insights then counted the gift
 * card question answered; AudiencePrivacyIT). Asking for the brand's contact still gets it.
 */
class OwnContactSharedTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            email minh la lan.nguyen@gmail.com                 | true
            email mình là [email đã ẩn]                        | true
            Số mình là 0912 345 678                            | true
            sdt cua em la [SĐT đã ẩn]                          | true
            my email is sam@example.org                        | true
            text me at +1 415 555 2671                         | true
            What's your email address?                         | false
            email của shop là gì                               | false
            cho mình xin số hotline                            | false
            what is your phone number                          | false
            """)
    void theAskersOwnContactIsNoQuestionAboutOurs(String clause, boolean own) {
        assertThat(ReplyComposer.sharesOwnContact(clause)).isEqualTo(own);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            email minh la lan.nguyen@gmail.com, co the qua tang ko shop
            Số mình là 0912 345 678, shop có bán thẻ quà tặng không?
            """)
    void aQuestionBesideTheAskersContactIsStillUnanswered(String q) {
        ComposerPersona p = PurchaseLinkTest.LAN;
        ComposerChatModel m = new ComposerChatModel(p, KnowledgeIndex.build(p.knowledge()), Runnable::run);
        Composition c = m.compose(q, List.of(), null);
        assertThat(c.unanswered()).as(c.text()).isNotEmpty();
        // giving one's own e-mail asks nothing to be sent: no "I can't send e-mails" answer (a policy answer hides
        // the unanswered question from insights' knowledge gaps)
        assertThat(c.intent()).as(c.text()).isNotEqualTo(Intent.ARE_YOU_AI);
    }
}
