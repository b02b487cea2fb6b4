package com.personaruntime.composer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Places of Việt Nam a question may name (provinces and cities, and the urban districts of the largest cities), read
 * from {@code places.tsv}. A place's syllables are no words of a product ("nắng" of "ship ra Đà Nẵng" names no "Kem
 * chống nắng"), and a province or district that a delivery entry does not list is one of the "tỉnh khác" or "quận
 * khác" it speaks of ("ship ra Cần Thơ" is answered by "tỉnh khác 3-5 ngày", not with "no information about Cần Thơ").
 *
 * <p>Matching is by whole words, case-insensitive, diacritics optional in what was typed but exact when typed (the
 * tone-aware rule of {@link Text}); a one-word name of four letters or fewer ("Huế") only when typed capitalised.
 * Linear in the text's length: one map lookup per word, no regular expression over the text.
 */
final class Places {

    /** What a place is: a province or centrally-run city, a city of a province, or an urban district of a city. */
    enum Kind { PROVINCE, CITY, DISTRICT }

    /**
     * One place.
     *
     * @param name  as written with diacritics ("Đà Nẵng")
     * @param kind  what it is
     * @param words its word tokens
     */
    record Place(String name, Kind kind, Text.Token[] words) {
    }

    /**
     * One place found in a text.
     *
     * @param place the place
     * @param start offset of its first character in the NFC-normalised text
     * @param end   offset after its last character
     */
    record Found(Place place, int start, int end) {
    }

    private static final Map<String, List<Place>> BY_FIRST = load();

    private Places() {
    }

    private static Map<String, List<Place>> load() {
        Map<String, List<Place>> out = new HashMap<>();
        for (String line : Resources.text("/com/personaruntime/composer/places.tsv").split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] cols = l.split("\t");
            if (cols.length < 2) {
                throw new IllegalStateException("places.tsv: a place needs a name and a kind: " + l);
            }
            Text.Token[] words = Text.words(cols[0]).toArray(Text.Token[]::new);
            Place p = new Place(cols[0].strip(), Kind.valueOf(cols[1].strip().toUpperCase(java.util.Locale.ROOT)), words);
            out.computeIfAbsent(words[0].folded(), k -> new ArrayList<>()).add(p);
        }
        out.values().forEach(list -> list.sort((a, b) -> b.words().length - a.words().length)); // longest first
        return Map.copyOf(out);
    }

    /** The word spans of a text: [start, end) offsets of each run of letters and digits. */
    private static List<int[]> spans(String text) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            if (Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK) {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.codePointAt(i))
                        || Character.getType(text.codePointAt(i)) == Character.NON_SPACING_MARK)) {
                    i += Character.charCount(text.codePointAt(i));
                }
                out.add(new int[] {start, i});
            } else {
                i += Character.charCount(c);
            }
        }
        return out;
    }

    /** The places the text names, in order, each at its longest reading ("Bà Rịa - Vũng Tàu" once, not twice). */
    static List<Found> find(String text) {
        List<Found> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        List<int[]> spans = spans(nfc);
        List<Text.Token> tokens = new ArrayList<>(spans.size());
        for (int[] s : spans) {
            tokens.add(Text.Token.of(nfc.substring(s[0], s[1])));
        }
        for (int i = 0; i < tokens.size(); ) {
            Place hit = null;
            for (Place p : BY_FIRST.getOrDefault(tokens.get(i).folded(), List.of())) {
                if (at(tokens, i, p) && (p.words().length > 1 || p.words()[0].folded().length() > 4
                        || Character.isUpperCase(nfc.codePointAt(spans.get(i)[0])))) {
                    hit = p;
                    break;
                }
            }
            if (hit == null) {
                i++;
                continue;
            }
            int last = i + hit.words().length - 1;
            out.add(new Found(hit, spans.get(i)[0], spans.get(last)[1]));
            i = last + 1;
        }
        return out;
    }

    private static boolean at(List<Text.Token> tokens, int i, Place p) {
        if (i + p.words().length > tokens.size()) {
            return false;
        }
        for (int j = 0; j < p.words().length; j++) {
            if (!tokens.get(i + j).matches(p.words()[j])) {
                return false;
            }
        }
        return true;
    }

    /** The text (NFC) with the places it names blanked out, same length: for reading which products it names. */
    static String masked(String text) {
        List<Found> found = find(text);
        String nfc = text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFC);
        if (found.isEmpty()) {
            return nfc;
        }
        StringBuilder b = new StringBuilder(nfc);
        for (Found f : found) {
            for (int i = f.start(); i < f.end(); i++) {
                b.setCharAt(i, ' ');
            }
        }
        return b.toString();
    }
}
