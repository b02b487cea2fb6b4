package com.personaruntime.composer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Three kinds of misread words found by the thirteenth held-back set and the twelfth's misses:
 * <ul>
 *   <li>word forms: the English stemmer gave "include" and "included" two stems ("includ" and "include"), so "Do you
 *   include a helmet?" did not find "helmet and lock included" and "Can I park there?" worked only by luck; every form
 *   of a word now has one stem (plural first, then -ing/-ed, then a silent final e);</li>
 *   <li>a contact word naming a thing: "Do you sell contact lenses?" and "phone case" were answered with the hotline,
 *   and "Can I book the trial lesson by phone?" with the number instead of the trial's own sentence;</li>
 *   <li>a measure read as a price: "How much does the Cove frame weigh?" answered "£60", "monstera cao bao nhiêu" the
 *   plant's price.</li>
 * </ul>
 * Lexical index only (no embedding model), the personas of the evaluation (Clef, Iris, Lá) and Gió.
 */
class WordFormsContactWordsAndMeasuresTest {

    private static final Map<String, ComposerChatModel> MODELS = new HashMap<>();

    private static synchronized ComposerChatModel model(String id) throws IOException {
        if (MODELS.isEmpty()) {
            for (ComposerEvaluation.Loaded l : ComposerEvaluation.load()) {
                ComposerPersona p = l.composer();
                MODELS.put(p.id(), new ComposerChatModel(p, KnowledgeIndex.build(p.knowledge()), Runnable::run));
            }
            ComposerPersona gio = GioShop.GIO;
            MODELS.put(gio.id(), new ComposerChatModel(gio, KnowledgeIndex.build(gio.knowledge()), Runnable::run));
        }
        return MODELS.get(id);
    }

    private static String reply(String persona, String question) throws IOException {
        return model(persona).compose(question, List.of(), null).text();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            include includes included including
            park parks parked parking
            hike hikes hiked hiking
            rent rents rented renting
            case cases
            make makes
            lesson lessons
            deliver delivers delivered delivering
            store stores stored storing
            """)
    void everyFormOfAWordHasOneStem(String forms) {
        String[] f = forms.split(" ");
        for (String w : f) {
            assertThat(Lexicon.stem(w)).as(w).isEqualTo(Lexicon.stem(f[0]));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            xe
            nghe
            khoe
            thue
            che
            free
            speed
            """)
    void shortWordsAndVietnameseSyllablesStayWhole(String w) {
        assertThat(Lexicon.stem(w)).isEqualTo(w);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            gio  | Do you include a helmet?                          | helmet and lock included
            gio  | Is a helmet included with the bike rental?        | helmet and lock included
            gio  | Does the city bike come including a lock?         | helmet and lock included
            clef | Does the rental include a case?                   | soft case
            clef | Is a case included with rented instruments?       | soft case
            clef | Are exam entry fees included?                     | not included
            clef | Is there parking?                                 | Free parking
            clef | Can I park at the school?                         | Free parking
            """)
    void aWordInAnotherFormFindsItsSentence(String persona, String question, String expected) throws IOException {
        assertThat(reply(persona, question)).contains(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            iris | Do you sell contact lenses?
            iris | Do you have a phone case?
            iris | Can I buy a phone holder here?
            clef | Do you sell phone stands for sheet music?
            tam  | xe có giá đỡ điện thoại không
            tam  | xe co gia do dien thoai ko
            """)
    void aThingNamedByAContactWordIsNoContactQuestion(String persona, String question) throws IOException {
        assertThat(reply(persona, question)).doesNotContain("(hotline)");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            iris | What's your contact number?                  | 01904 555 210
            iris | How do I contact Northlight?                 | 01904 555 210
            iris | contact                                      | 01904 555 210
            iris | phone number please                          | 01904 555 210
            iris | Can I phone the shop?                        | 01904 555 210
            la   | cho mình xin số điện thoại                   | 0912 345 678
            la   | sdt shop la gi                               | 0912 345 678
            clef | Can I book the trial lesson by phone?        | Book online or by phone
            clef | Can I cancel a lesson by email?              | 24 hours
            """)
    void theContactAskedOrAsTheMeansIsStillAnswered(String persona, String question, String expected)
            throws IOException {
        assertThat(reply(persona, question)).contains(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            iris | How much does the Birch frame weigh?         | 14 g      | £140
            iris | gọng Birch nặng bao nhiêu                    | 14 g      | £140
            iris | gong Birch nang bao nhieu gram               | 14 g      | £140
            la   | monstera cao bao nhiêu                       | 70-80cm   | 50-60cm
            la   | cây lưỡi hổ cao bao nhiêu                    | 50-60cm   | 70-80cm
            la   | monstera cao bao nhieu                       | 70-80cm   | 50-60cm
            """)
    void aMeasureAskedWithHowMuchIsNoPrice(String persona, String question, String expected, String other)
            throws IOException {
        assertThat(reply(persona, question)).contains(expected).doesNotContain(other);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            iris | How much does the Cove frame weigh?          | £60
            iris | gọng Cove nặng bao nhiêu                     | £60
            iris | gong Cove nang may gram                      | £60
            """)
    void aMeasureTheEntryDoesNotStateIsSaidUnknown(String persona, String question, String price)
            throws IOException {
        String r = reply(persona, question);
        assertThat(r).doesNotContain(price).doesNotContain("22 g").doesNotContain("14 g");
        assertThat(r).containsAnyOf("don't have", "chưa có thông tin");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            iris | How much is the Birch frame?                 | £140
            iris | How much does the Aster cost?                | £95
            la   | kim tien bao nhieu                           | 220.000
            la   | cây kim tiền bao nhiêu                       | 220.000
            la   | lưỡi hổ chậu 30cm bao nhiêu                  | 290.000
            """)
    void howMuchAloneStillAsksThePrice(String persona, String question, String price) throws IOException {
        assertThat(reply(persona, question)).contains(price);
    }
}
