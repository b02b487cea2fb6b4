package com.personaruntime.composer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComposerPersonaTest {

    @Test
    void normalisesLanguagesAndBlanks() {
        ComposerPersona p = new ComposerPersona("x", "X", "Brand", List.of("vi-VN", "EN", "vi"), " ", null, null,
                "", null);
        assertThat(p.languages()).containsExactly("vi", "en");
        assertThat(p.defaultLanguage()).isEqualTo("vi");
        assertThat(p.greeting()).isNull();
        assertThat(p.contactUrl()).isNull();
        assertThat(p.catchphrases()).isEmpty();
        assertThat(p.knowledge()).isEmpty();
    }

    @Test
    void errorsNameTheFieldAndValue() {
        assertThatThrownBy(() -> new ComposerPersona("x", "X", "B", List.of(), null, null, null, null, null))
                .hasMessage("persona 'x': languages must not be empty, was []");
        assertThatThrownBy(() -> new ComposerPersona("x", " ", "B", List.of("en"), null, null, null, null, null))
                .hasMessage("persona: name must not be blank, was ' '");
        Knowledge k = new Knowledge("a", "A", "text");
        assertThatThrownBy(() -> new ComposerPersona("x", "X", "B", List.of("en"), null, null, List.of(k, k), null, null))
                .hasMessage("persona 'x': duplicate knowledge id 'a'");
        assertThatThrownBy(() -> new Knowledge("a", "A", " "))
                .hasMessage("knowledge 'a': text must not be blank, was ' '");
    }
}
