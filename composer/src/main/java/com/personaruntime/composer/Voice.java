package com.personaruntime.composer;

import java.text.Normalizer;
import java.util.Locale;
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
record Voice(String self, String address) {

    /** The default pair. */
    static final Voice DEFAULT = new Voice("mình", "bạn");

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
        String name = persona.name();
        String self = null;
        String address = null;
        for (String line : persona.style()) {
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
        String greeting = persona.greeting() == null ? "" : nfc(persona.greeting());
        if (self == null) {
            self = pick(SELF_GREETING.matcher(greeting), name, true);
        }
        if (address == null) {
            address = pick(ADDRESS_GREETING.matcher(greeting), name, false);
        }
        return new Voice(self == null ? DEFAULT.self() : self, address == null ? DEFAULT.address() : address);
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
