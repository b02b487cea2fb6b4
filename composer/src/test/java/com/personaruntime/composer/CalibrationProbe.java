package com.personaruntime.composer;

import org.junit.jupiter.api.Test;

import java.util.List;

/** Not a test of behaviour: prints scores, run by hand with -Dtest=CalibrationProbe -Dprobe=true. */
class CalibrationProbe {
    @Test
    void print() {
        if (!Boolean.getBoolean("probe")) {
            return;
        }
        for (ComposerPersona p : List.of(TestPersonas.LINH, TestPersonas.MILO)) {
            KnowledgeIndex index = KnowledgeIndex.build(p.knowledge());
            ComposerChatModel model = new ComposerChatModel(p, index, Runnable::run);
            for (String q : System.getProperty("questions", "").split("\\|")) {
                if (q.isBlank()) continue;
                System.out.println("== " + p.id() + " :: " + q + " lang=" + LanguageDetector.detect(q)
                        + " terms=" + Lexicon.terms(q));
                index.scoreAll(q, java.util.Set.of()).stream().limit(3).forEach(h -> System.out.printf("   %-14s score=%.3f lex=%.3f cos=%.3f%n",
                        h.knowledge().id(), h.score(), h.lexical(), h.semantic()));
                Composition c = model.compose(q);
                System.out.println("   -> " + c.intent() + " " + c.language() + " " + c.knowledgeIds() + " | " + c.text());
            }
        }
    }
}
