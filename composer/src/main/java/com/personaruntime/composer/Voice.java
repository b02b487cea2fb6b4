package com.personaruntime.composer;

import java.text.Normalizer;
import java.util.Locale;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a persona names itself and its audience in Vietnamese, where the pronoun pair carries the relationship:
 * "mình/bạn" (the default), "em/anh chị", "tớ/cậu", "tui/bạn", or the persona's own name ("Bống chào bạn").
 * Read from the persona's voice style lines first ("xưng 'em', gọi khách là 'anh/chị'", "tự xưng là 'Bống'",
 * "refers to herself as Linh", "calls the customer 'chị'"), then from its greeting ("Dạ em chào anh/chị, em là
 * Thảo", "Chào cậu, tớ là Khoa", "Bống chào bạn nè!"). English replies always say "I" and "you".
 *
 * @param self    what the persona calls itself, lower case unless it is the persona's name ("mình", "em", "Bống")
 * @param address what it calls the audience ("bạn", "anh/chị", "cậu")
 */
public record Voice(String self, String address) {

    /** The default pair. */
    public static final Voice DEFAULT = new Voice("mình", "bạn");

    private static final Set<String> SELF_WORDS = Set.of("mình", "em", "tớ", "tôi", "tui", "chị", "anh", "cô", "chú",
            "con", "cháu", "tao", "ad", "shop", "mk");
    private static final Set<String> ADDRESS_WORDS = Set.of("bạn", "anh/chị", "anh chị", "chị", "anh", "cậu", "bồ",
            "quý khách", "cả nhà", "mọi người", "chị em", "nàng", "các bạn", "anh chị em", "cô", "chú", "ông bà");
    private static final String QUOTE = "['\"‘’“”«»]";
    /** "xưng 'em'", "tự xưng là Bống", "xưng hô: em". */
    private static final Pattern SELF_VI = Pattern.compile(
            "(?iu)(?:tự\\s+)?xưng(?:\\s+hô)?(?:\\s+là)?\\s*:?\\s*" + QUOTE + "?([\\p{L}]+)" + QUOTE + "?");
    /** "gọi khách là 'anh/chị'", "gọi khách hàng là chị", "gọi người dùng là cậu". */
    private static final Pattern ADDRESS_VI = Pattern.compile(
            "(?iu)gọi\\s+(?:khách(?:\\s+hàng)?|người\\s+dùng|người\\s+xem|mọi\\s+người|audience)\\s+là\\s*"
                    + QUOTE + "?([\\p{L}]+(?:\\s?/\\s?[\\p{L}]+|\\s[\\p{L}]+)?)" + QUOTE + "?");
    /** "refers to herself as Linh", "calls itself 'em'", "speaks of herself as Bống". */
    private static final Pattern SELF_EN = Pattern.compile(
            "(?iu)(?:refers?\\s+to|calls?|speaks?\\s+of|names?)\\s+(?:her|him|it|them)sel(?:f|ves)\\s+(?:as\\s+)?"
                    + QUOTE + "?([\\p{L}]+)" + QUOTE + "?");
    /** "calls the customer 'chị'", "addresses the audience as anh/chị". */
    private static final Pattern ADDRESS_EN = Pattern.compile(
            "(?iu)(?:calls?|address(?:es)?)\\s+(?:the\\s+)?(?:customers?|audience|users?|viewers?)\\s+(?:as\\s+)?"
                    + QUOTE + "?([\\p{L}]+(?:\\s?/\\s?[\\p{L}]+)?)" + QUOTE + "?");
    /** In a greeting: "em là Thảo", "tớ là Khoa", "Bống là trợ lý", "em chào", "Bống chào". */
    private static final Pattern SELF_GREETING = Pattern.compile("(?iu)(?<![\\p{L}])([\\p{L}]+)\\s+(?:là|chào|xin chào)(?![\\p{L}])");
    /** In a greeting: "chào anh/chị", "chào cậu", "chào cả nhà". */
    private static final Pattern ADDRESS_GREETING = Pattern.compile(
            "(?iu)chào\\s+([\\p{L}]+(?:\\s?/\\s?[\\p{L}]+|\\s(?:nhà|chị|em|khách|người))?)");

    /** The persona's pair: style lines first, then the greeting, else {@link #DEFAULT}. */
    static Voice of(ComposerPersona persona) {
        return of(persona.name(), persona.style(), persona.greeting());
    }

    /**
     * The pair of a persona given by its name, voice style lines and greeting (the runtime's own lines — held,
     * withheld, refused — speak with it, as the composer does).
     *
     * @param name     the persona's display name
     * @param style    its voice style lines (may be empty)
     * @param greeting its greeting, or {@code null}
     * @return the pair; {@link #DEFAULT} when nothing says otherwise
     */
    public static Voice of(String name, List<String> style, String greeting) {
        String self = null;
        String address = null;
        for (String line : style == null ? List.<String>of() : style) {
            String l = nfc(line);
            if (self == null) {
                self = pick(SELF_VI.matcher(l), name, true);
            }
            if (self == null) {
                self = pick(SELF_EN.matcher(l), name, true);
            }
            if (address == null) {
                address = pick(ADDRESS_VI.matcher(l), name, false);
            }
            if (address == null) {
                address = pick(ADDRESS_EN.matcher(l), name, false);
            }
        }
        greeting = greeting == null ? "" : nfc(greeting);
        if (self == null) {
            self = pick(SELF_GREETING.matcher(greeting), name, true);
        }
        if (address == null) {
            address = pick(ADDRESS_GREETING.matcher(greeting), name, false);
        }
        return new Voice(self == null ? DEFAULT.self() : self, address == null ? DEFAULT.address() : address);
    }

    /** {@link #self} at the start of a sentence ("Em", "Mình", a name as it is). */
    public String selfCapitalised() {
        return capitalise(self);
    }

    /** {@link #address} at the start of a sentence ("Bạn", "Anh/chị"). */
    public String addressCapitalised() {
        return capitalise(address);
    }

    private static String capitalise(String w) {
        return w.isEmpty() ? w : w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1);
    }

    /** The first group of the first match that is a known pronoun (or, for the persona itself, its name). */
    private static String pick(Matcher m, String name, boolean self) {
        while (m.find()) {
            String w = m.group(1).strip().replaceAll("\\s*/\\s*", "/");
            String lower = w.toLowerCase(Locale.ROOT);
            if (self && lower.equals(name.toLowerCase(Locale.ROOT))) {
                return name;
            }
            if (self && SELF_WORDS.contains(lower)) {
                return lower.equals("mk") ? "mình" : lower;
            }
            if (!self) {
                String first = lower.split(" ")[0];
                if (ADDRESS_WORDS.contains(lower)) {
                    return lower;
                }
                if (ADDRESS_WORDS.contains(first)) {
                    return first;
                }
            }
        }
        return null;
    }

    private static String nfc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }
}
