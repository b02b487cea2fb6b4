package com.personaruntime.composer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Abbreviations, teencode and product nicknames, expanded before the composer reads a message
 * ("kcn" to "kem chống nắng", "r u" to "are you").
 *
 * <p>Data file format (UTF-8, one entry per line, {@code #} starts a comment line):
 * {@code LANGUAGE<TAB>SHORT<TAB>EXPANSION}, where LANGUAGE is {@code vi}, {@code en} or {@code *};
 * a persona's own file may leave LANGUAGE out ({@code SHORT<TAB>EXPANSION}, meaning {@code *}).
 * Short forms match whole words, case-insensitively, and may span several words. The shared table
 * is {@code /com/personaruntime/composer/abbreviations.tsv}; a persona adds its own with
 * {@link #parse(String, String)} and {@link #with(Abbreviations)} (the runtime reads
 * {@code <persona-id>.abbreviations.tsv} beside the persona files).
 */
public final class Abbreviations {

    private static final String SHARED_PATH = "/com/personaruntime/composer/abbreviations.tsv";
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}/]+");
    private static final Abbreviations SHARED = loadShared();
    /** No entries at all. */
    public static final Abbreviations EMPTY = new Abbreviations(Map.of());

    /** language ("vi", "en", "*") -> short form (lower-case words joined by one space) -> expansion. */
    private final Map<String, Map<String, String>> byLanguage;
    private final int longest;

    private Abbreviations(Map<String, Map<String, String>> byLanguage) {
        Map<String, Map<String, String>> copy = new HashMap<>();
        int max = 1;
        for (Map.Entry<String, Map<String, String>> e : byLanguage.entrySet()) {
            copy.put(e.getKey(), Map.copyOf(e.getValue()));
            for (String k : e.getValue().keySet()) {
                max = Math.max(max, k.split(" ").length);
            }
        }
        this.byLanguage = Map.copyOf(copy);
        this.longest = max;
    }

    /** The table shipped with the composer. */
    public static Abbreviations shared() {
        return SHARED;
    }

    /**
     * Parses a data file.
     *
     * @param source  the file name, used in error messages
     * @param content the file's text
     * @throws IllegalArgumentException naming the file, the line and what is wrong
     */
    public static Abbreviations parse(String source, String content) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        String[] lines = content.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cols = lines[i].split("\t");
            String lang;
            String shortForm;
            String expansion;
            if (cols.length == 3) {
                lang = cols[0].strip().toLowerCase(Locale.ROOT);
                shortForm = cols[1];
                expansion = cols[2];
            } else if (cols.length == 2) {
                lang = "*";
                shortForm = cols[0];
                expansion = cols[1];
            } else {
                throw new IllegalArgumentException(source + ": line " + (i + 1)
                        + ": expected 'LANGUAGE<TAB>SHORT<TAB>EXPANSION' or 'SHORT<TAB>EXPANSION', got '" + line + "'");
            }
            if (!lang.equals("*") && !lang.matches("[a-z]{2}")) {
                throw new IllegalArgumentException(source + ": line " + (i + 1)
                        + ": language must be a two-letter code or '*', got '" + lang + "'");
            }
            String key = key(shortForm);
            if (key.isEmpty() || expansion.isBlank()) {
                throw new IllegalArgumentException(source + ": line " + (i + 1)
                        + ": short form and expansion must not be blank");
            }
            out.computeIfAbsent(lang, l -> new HashMap<>()).put(key, expansion.strip());
        }
        return new Abbreviations(out);
    }

    private static Abbreviations loadShared() {
        return parse("abbreviations.tsv", Resources.text(SHARED_PATH));
    }

    /** This table plus {@code other}; {@code other} wins where both define a short form. */
    public Abbreviations with(Abbreviations other) {
        if (other == null || other.byLanguage.isEmpty()) {
            return this;
        }
        Map<String, Map<String, String>> merged = new HashMap<>();
        byLanguage.forEach((l, m) -> merged.put(l, new HashMap<>(m)));
        other.byLanguage.forEach((l, m) -> merged.computeIfAbsent(l, x -> new HashMap<>()).putAll(m));
        return new Abbreviations(merged);
    }

    /** Number of entries (all languages). */
    public int size() {
        return byLanguage.values().stream().mapToInt(Map::size).sum();
    }

    /** Single-word short forms of one language (plus {@code *}), for the tokenizer. */
    Map<String, String> singleWords(String language) {
        Map<String, String> out = new HashMap<>();
        for (String l : List.of("*", language)) {
            byLanguage.getOrDefault(l, Map.of()).forEach((k, v) -> {
                if (!k.contains(" ")) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    /**
     * The text with every short form of {@code language} (and {@code *}) replaced by its expansion,
     * longest match first; everything else is kept as typed.
     *
     * @param language {@code vi}, {@code en}, or {@code null} for the {@code *} entries only
     */
    public String expand(String text, String language) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        Map<String, String> lang = language == null ? Map.of() : byLanguage.getOrDefault(language, Map.of());
        Map<String, String> any = byLanguage.getOrDefault("*", Map.of());
        if (lang.isEmpty() && any.isEmpty()) {
            return text;
        }
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        List<int[]> words = new ArrayList<>();
        Matcher m = WORD.matcher(nfc);
        while (m.find()) {
            words.add(new int[] {m.start(), m.end()});
        }
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (int i = 0; i < words.size(); ) {
            String found = null;
            int length = 0;
            for (int n = Math.min(longest, words.size() - i); n >= 1 && found == null; n--) {
                if (!separatedBySpaces(nfc, words, i, n)) {
                    continue;
                }
                StringBuilder k = new StringBuilder();
                for (int j = 0; j < n; j++) {
                    if (j > 0) {
                        k.append(' ');
                    }
                    k.append(nfc, words.get(i + j)[0], words.get(i + j)[1]);
                }
                String key = key(k.toString());
                found = any.containsKey(key) ? any.get(key) : lang.get(key);
                length = n;
            }
            if (found != null) {
                out.append(nfc, copied, words.get(i)[0]).append(found);
                copied = words.get(i + length - 1)[1];
                i += length;
            } else {
                i++;
            }
        }
        out.append(nfc, copied, nfc.length());
        return out.toString();
    }

    private static boolean separatedBySpaces(String text, List<int[]> words, int from, int n) {
        for (int j = from; j < from + n - 1; j++) {
            if (!text.substring(words.get(j)[1], words.get(j + 1)[0]).isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static String key(String s) {
        return Normalizer.normalize(s.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFC).replaceAll("\\s+", " ");
    }
}
