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
 * @param knowledge    approved knowledge, ids unique; may be empty (the composer then only says it does not know).
 *                     An entry pasted as a table or an FAQ is held as one entry per row or question (ids
 *                     {@code <id>#<n>}, see {@link PastedKnowledge}), so {@link #knowledge()} may hold more entries
 * @param contactUrl   where audiences can ask a human, or {@code null}
 * @param contactEmail support e-mail, or {@code null}
 * @param audiences    the persona's audience segments (tone per segment); may be empty
 * @param competitors  competitor names the persona never talks about; may be empty
 * @param abbreviations the persona's own abbreviations and product nicknames, on top of the shared table;
 *                     {@link Abbreviations#EMPTY} when none
 * @param style        the persona's voice style lines ("xưng 'em', gọi khách là 'anh/chị'", "short sentences");
 *                     the composer reads from them (and from the greeting) how the persona names itself and the
 *                     audience in Vietnamese; may be empty
 * @param contactPhone the brand's phone number for audiences (the persona's {@code contact.phone}), named with the
 *                     url and e-mail wherever the composer sends the audience to a person; or {@code null}
 */
public record ComposerPersona(String id, String name, String brandName, List<String> languages, String greeting,
                              List<String> catchphrases, List<Knowledge> knowledge, String contactUrl,
                              String contactEmail, List<Segment> audiences, List<String> competitors,
                              Abbreviations abbreviations, List<String> style, String contactPhone) {

    /**
     * One audience segment.
     *
     * @param name  segment name, e.g. {@code genz}
     * @param style style instructions for it, e.g. "playful slang is fine"
     */
    public record Segment(String name, List<String> style) {
        /** Validates and copies. */
        public Segment {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("audience segment: name must not be blank");
            }
            name = name.strip();
            style = style == null ? List.of() : List.copyOf(style);
        }
    }

    /** A persona without a contact phone. */
    public ComposerPersona(String id, String name, String brandName, List<String> languages, String greeting,
                           List<String> catchphrases, List<Knowledge> knowledge, String contactUrl,
                           String contactEmail, List<Segment> audiences, List<String> competitors,
                           Abbreviations abbreviations, List<String> style) {
        this(id, name, brandName, languages, greeting, catchphrases, knowledge, contactUrl, contactEmail, audiences,
                competitors, abbreviations, style, null);
    }

    /** A persona without voice style lines. */
    public ComposerPersona(String id, String name, String brandName, List<String> languages, String greeting,
                           List<String> catchphrases, List<Knowledge> knowledge, String contactUrl,
                           String contactEmail, List<Segment> audiences, List<String> competitors,
                           Abbreviations abbreviations) {
        this(id, name, brandName, languages, greeting, catchphrases, knowledge, contactUrl, contactEmail, audiences,
                competitors, abbreviations, List.of(), null);
    }

    /** A persona without audience segments, competitors or abbreviations of its own. */
    public ComposerPersona(String id, String name, String brandName, List<String> languages, String greeting,
                           List<String> catchphrases, List<Knowledge> knowledge, String contactUrl,
                           String contactEmail) {
        this(id, name, brandName, languages, greeting, catchphrases, knowledge, contactUrl, contactEmail,
                List.of(), List.of(), Abbreviations.EMPTY, List.of(), null);
    }

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
        // a pasted price table or FAQ is answered row by row, pair by pair (see PastedKnowledge)
        knowledge = PastedKnowledge.expand(knowledge);
        contactUrl = blankToNull(contactUrl);
        contactEmail = blankToNull(contactEmail);
        contactPhone = blankToNull(contactPhone);
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
        competitors = competitors == null ? List.of()
                : competitors.stream().filter(c -> c != null && !c.isBlank()).map(String::strip).toList();
        abbreviations = abbreviations == null ? Abbreviations.EMPTY : abbreviations;
        style = style == null ? List.of()
                : style.stream().filter(x -> x != null && !x.isBlank()).map(String::strip).toList();
    }

    /** The segment with this name (case-insensitive), if the persona has it. */
    public java.util.Optional<Segment> segment(String name) {
        if (name == null) {
            return java.util.Optional.empty();
        }
        return audiences.stream().filter(s -> s.name().equalsIgnoreCase(name.strip())).findFirst();
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
