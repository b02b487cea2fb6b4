package com.personaruntime.composer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the composer needs to know about a persona. Immutable; adapters build it from the
 * persona model.
 *
 * @param id           persona id (slug), not blank
 * @param name         display name the persona uses for itself, not blank
 * @param brandName    brand the persona speaks for, not blank
 * @param languages    language codes ({@code vi}, {@code en}, region suffixes are dropped); the first is the
 *                     default reply language; not empty
 * @param greeting     the persona's own greeting line, or {@code null}
 * @param catchphrases short brand lines used now and then; may be empty
 * @param knowledge    approved knowledge, ids unique; may be empty (the composer then only says it does not know)
 * @param contactUrl   where audiences can ask a human, or {@code null}
 * @param contactEmail support e-mail, or {@code null}
 */
public record ComposerPersona(String id, String name, String brandName, List<String> languages, String greeting,
                              List<String> catchphrases, List<Knowledge> knowledge, String contactUrl,
                              String contactEmail) {

    /** Validates and copies the arguments. */
    public ComposerPersona {
        id = require(id, "id");
        name = require(name, "name");
        brandName = require(brandName, "brandName");
        if (languages == null || languages.isEmpty()) {
            throw new IllegalArgumentException("persona '" + id + "': languages must not be empty, was " + languages);
        }
        List<String> langs = new ArrayList<>();
        for (String language : languages) {
            if (language == null || language.isBlank()) {
                throw new IllegalArgumentException("persona '" + id + "': blank language in " + languages);
            }
            String code = language.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
            if (!langs.contains(code)) {
                langs.add(code);
            }
        }
        languages = List.copyOf(langs);
        greeting = blankToNull(greeting);
        catchphrases = catchphrases == null ? List.of()
                : catchphrases.stream().filter(c -> c != null && !c.isBlank()).map(String::strip).toList();
        knowledge = knowledge == null ? List.of() : List.copyOf(knowledge);
        Set<String> ids = new HashSet<>();
        for (Knowledge k : knowledge) {
            if (!ids.add(k.id())) {
                throw new IllegalArgumentException("persona '" + id + "': duplicate knowledge id '" + k.id() + "'");
            }
        }
        contactUrl = blankToNull(contactUrl);
        contactEmail = blankToNull(contactEmail);
    }

    /** The default reply language: the first of {@link #languages()}. */
    public String defaultLanguage() {
        return languages.get(0);
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("persona: " + field + " must not be blank, was "
                    + (value == null ? "null" : "'" + value + "'"));
        }
        return value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
