package com.personaruntime.composer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Product categories in English and Vietnamese ({@code /com/personaruntime/composer/categories.tsv}), so a
 * question in one language finds a product the persona's knowledge names in the other: "How much is the rice
 * cooker?" reads as "How much is the nồi cơm điện?" for a persona selling "Nồi cơm điện cao tần", and "áo khoác
 * đi mưa giá bao nhiêu" as "rain jacket giá bao nhiêu" for one selling the "Storm Rain Jacket". Category words
 * only: no product or brand names.
 *
 * <p>File format (UTF-8; {@code #} starts a comment line): {@code ENGLISH<TAB>VIETNAMESE}, each side a list of
 * names separated by {@code |}, most specific first. A malformed line stops loading with an
 * {@link IllegalArgumentException} naming the line.
 *
 * <p>For one persona ({@link #forKnowledge}): a name the message uses is replaced by the other language's name of
 * the same category when the knowledge uses that one (a product title's first, then any title or tag, then any
 * text) and never uses the typed one. Typed words match whole words, case-insensitively, without diacritics or
 * with the right ones (see {@link Text}), English plurals included ("rice cookers"). Vietnamese names of one
 * syllable are never read ("tất" is also "tất cả", "trà" also "trả"), except one marked {@code =} in the file, read only
 * when typed with exactly its diacritics ("=đường": sugar, never the plain "duong"). Immutable and thread-safe; linear in
 * (message words × names of the persona's categories).
 */
final class Categories {

    private static final String PATH = "/com/personaruntime/composer/categories.tsv";
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");
    private static final List<String[][]> ROWS = load();
    /** No translations at all. */
    static final Categories NONE = new Categories(List.of());

    /** One name the message may use and what it reads as for this persona (null: as typed). */
    private record Pair(Text.Token[] typed, String reads, boolean exact) {
    }

    private final List<Pair> pairs;

    private Categories(List<Pair> pairs) {
        List<Pair> sorted = new ArrayList<>(pairs);
        sorted.sort(Comparator.comparingInt((Pair p) -> -p.typed().length)); // longest name first
        this.pairs = List.copyOf(sorted);
    }

    /** The shipped rows: {english names, vietnamese names} each. */
    static List<String[][]> rows() {
        return ROWS;
    }

    /**
     * Parses the category file.
     *
     * @throws IllegalArgumentException naming the source and line of a line without exactly two columns or with
     *                                  an empty name
     */
    static List<String[][]> parse(String source, String content) {
        List<String[][]> out = new ArrayList<>();
        String[] lines = content.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cols = lines[i].split("\t");
            if (cols.length != 2) {
                throw new IllegalArgumentException(source + ": line " + (i + 1)
                        + ": expected 'ENGLISH<TAB>VIETNAMESE' (names separated by '|'), got '" + line + "'");
            }
            String[][] row = new String[2][];
            for (int c = 0; c < 2; c++) {
                row[c] = cols[c].strip().split("\\|", -1);
                for (int n = 0; n < row[c].length; n++) {
                    row[c][n] = row[c][n].strip();
                    if (row[c][n].isEmpty() || Text.phrase(row[c][n]).length == 0) {
                        throw new IllegalArgumentException(source + ": line " + (i + 1) + ": an empty name in '"
                                + cols[c].strip() + "'");
                    }
                }
            }
            out.add(row);
        }
        return List.copyOf(out);
    }

    private static List<String[][]> load() {
        return parse("categories.tsv", Resources.text(PATH));
    }

    /**
     * The translations that help with this knowledge: typed names of a category the knowledge does not use, read
     * as the category's name it does use.
     *
     * @param knowledge the persona's entries; products are those tagged {@code product} or priced
     */
    static Categories forKnowledge(List<Knowledge> knowledge) {
        return forKnowledge(knowledge, ROWS);
    }

    /** As {@link #forKnowledge(List)} with the given rows (tests). */
    static Categories forKnowledge(List<Knowledge> knowledge, List<String[][]> rows) {
        List<List<Text.Token>> productTitles = new ArrayList<>();
        List<List<Text.Token>> titles = new ArrayList<>();
        List<List<Text.Token>> texts = new ArrayList<>();
        for (Knowledge k : knowledge) {
            List<Text.Token> title = Text.words(k.title());
            if (k.productTagged() || Facts.hasPrice(k.text())) {
                productTitles.add(title);
            }
            titles.add(title);
            titles.add(Text.words(String.join(" . ", k.tags())));
            texts.add(Text.words(k.text()));
        }
        List<Pair> pairs = new ArrayList<>();
        List<Pair> blocking = new ArrayList<>();
        for (String[][] row : rows) {
            for (int side = 0; side < 2; side++) {
                String[] typed = row[side];
                String[] other = row[1 - side];
                String target = null;
                for (List<List<Text.Token>> where : List.of(productTitles, titles, texts)) {
                    for (String name : other) {
                        if (target == null && occurs(Text.phrase(name), where)) {
                            target = name.startsWith("=") ? name.substring(1) : name;
                        }
                    }
                }
                if (target == null) {
                    // a longer name of a category the knowledge lacks is read as typed, never as a shorter one
                    // inside it ("nước hoa hồng", a toner, is not "nước hoa", perfume, and "hồng")
                    for (String name : typed) {
                        Text.Token[] words = Text.phrase(name);
                        if (words.length >= 2) {
                            blocking.add(new Pair(words, null, false));
                        }
                    }
                    continue;
                }
                for (String name : typed) {
                    boolean exact = name.startsWith("=");
                    Text.Token[] words = Text.phrase(name);
                    boolean vietnamese = side == 1;
                    if ((vietnamese && words.length < 2 && !exact) || occurs(words, productTitles) || occurs(words, titles)
                            || occurs(words, texts)) {
                        continue;
                    }
                    pairs.add(new Pair(words, target, exact));
                }
            }
        }
        if (pairs.isEmpty()) {
            return NONE;
        }
        for (Pair b : blocking) {
            // only a name longer than one that is read matters (longest first): "nước hoa hồng" over "nước hoa"
            if (pairs.stream().anyMatch(p -> p.typed().length < b.typed().length && contains(b.typed(), p.typed()))) {
                pairs.add(b);
            }
        }
        return new Categories(pairs);
    }

    private static boolean contains(Text.Token[] longer, Text.Token[] shorter) {
        for (int i = 0; i + shorter.length <= longer.length; i++) {
            boolean all = true;
            for (int j = 0; j < shorter.length && all; j++) {
                all = longer[i + j].folded().equals(shorter[j].folded());
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean occurs(Text.Token[] name, List<List<Text.Token>> texts) {
        for (List<Text.Token> t : texts) {
            for (int i = 0; i + name.length <= t.size(); i++) {
                boolean all = true;
                for (int j = 0; j < name.length && all; j++) {
                    all = same(t.get(i + j), name[j]);
                }
                if (all) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Typed word against a name's word: tone-aware, or the same English stem ("cookers", "cooker"). */
    private static boolean same(Text.Token typed, Text.Token name) {
        return ProductNames.same(typed, name);
    }

    /**
     * An unknown thing as the shipped names write it when it was typed without diacritics: "nuoc hoa" of "shop co ban
     * nuoc hoa hong khong" is the category name "nước hoa hồng" (the longest Vietnamese category name typed there
     * that starts with it); else the thing as given.
     */
    static String spelled(String text, String thing) {
        String t = " " + Text.fold(thing).replaceAll("[^\\p{L}\\p{N}]+", " ").strip() + " ";
        if (!Text.fold(thing).equals(thing.toLowerCase(java.util.Locale.ROOT))) {
            return thing; // typed with its diacritics: quoted as typed
        }
        String typed = " " + Text.fold(text).replaceAll("[^\\p{L}\\p{N}]+", " ").strip() + " ";
        String best = null;
        for (String[][] row : ROWS) {
            for (String name : row[1]) {
                String f = " " + Text.fold(name) + " ";
                if (f.startsWith(t) && typed.contains(f) && name.contains(" ") && (best == null || name.length() > best.length())) {
                    best = name;
                }
            }
        }
        return best == null ? thing : best;
    }

    /** True when no translation applies to this persona. */
    boolean isEmpty() {
        return pairs.isEmpty();
    }

    /** The text with every category name this persona's knowledge words differently replaced by its wording. */
    String translate(String text) {
        if (pairs.isEmpty() || text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        List<int[]> spans = new ArrayList<>();
        List<Text.Token> words = new ArrayList<>();
        Matcher m = WORD.matcher(nfc);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
            words.add(Text.Token.of(m.group()));
        }
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (int i = 0; i < words.size(); ) {
            Pair found = null;
            for (Pair p : pairs) {
                if (i + p.typed().length <= words.size() && matchesAt(words, i, p, nfc, spans)) {
                    found = p;
                    break;
                }
            }
            if (found == null) {
                i++;
                continue;
            }
            int last = i + found.typed().length - 1;
            if (found.reads() != null) {
                out.append(nfc, copied, spans.get(i)[0]).append(found.reads());
                copied = spans.get(last)[1];
            }
            i = last + 1;
        }
        out.append(nfc, copied, nfc.length());
        return out.toString();
    }

    /** The name's words at {@code at}, separated by spaces or hyphens only ("t-shirt", "rice cooker"). */
    private static boolean matchesAt(List<Text.Token> words, int at, Pair pair, String text, List<int[]> spans) {
        Text.Token[] name = pair.typed();
        for (int j = 0; j < name.length; j++) {
            if (pair.exact() ? !words.get(at + j).raw().equals(name[j].raw()) : !same(words.get(at + j), name[j])) {
                return false;
            }
            if (j > 0 && !text.substring(spans.get(at + j - 1)[1], spans.get(at + j)[0]).matches("[\\s-]+")) {
                return false;
            }
        }
        return true;
    }
}
