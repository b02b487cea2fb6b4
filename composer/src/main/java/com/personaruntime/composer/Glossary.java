package com.personaruntime.composer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Product names read across languages word by word ({@code /com/personaruntime/composer/glossary.tsv}), for names
 * no category of {@link Categories} lists whole: "hair dryer" finds "Máy sấy tóc ion âm" (hair = tóc, dryer = máy
 * sấy), "egg tart" finds "Bánh tart trứng", "banana oat cake" finds "Bánh chuối yến mạch", and "máy sấy tóc" would
 * find an English "Ionic Hair Dryer".
 *
 * <p>How a typed name is read. A run of up to four adjacent message words (joined by spaces or hyphens) is cut into
 * glossary words, longest first; every word of the run must be one. The run names a product of the other language
 * when the run's head noun (the last glossary word in English, the first in Vietnamese) is the head of the product's
 * title (the title's first words for a Vietnamese title, its last words before a model code or size for an English
 * one), every other word of the run is in the title, some typed word is not (else the title is typed as it is and
 * {@link ProductNames} finds it), and no other product qualifies. The head rule keeps a different thing out: "air
 * conditioner" (máy lạnh, điều hòa) is not the "Quạt điều hòa hơi nước" (an air cooler, a fan), "eye cream" is not a
 * "Kem dưỡng ban đêm". A run of one glossary word is read only when its gloss has two words or more ("dehumidifier"
 * = "máy hút ẩm", never "cake" = "bánh"). The longest run wins; the run is replaced by the product's title.
 *
 * <p>File format (UTF-8; {@code #} starts a comment line): {@code ENGLISH<TAB>VIETNAMESE}, each a list of words or
 * short phrases separated by {@code |}. A malformed line stops loading with an {@link IllegalArgumentException}
 * naming the line. Immutable and thread-safe; linear in (message words × glossary phrases starting there × titles).
 */
final class Glossary {

    private static final String PATH = "/com/personaruntime/composer/glossary.tsv";
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");
    /** A model code, size or strength ending an English title ("SPF 30", "15%", "0.3%", "X200"). */
    private static final Pattern TRAILING_CODE = Pattern.compile("(?:\\s+(?:[A-Z]{1,4}|[\\p{N}][\\p{N}.,]*\\s?%?|"
            + "[A-Z]+\\p{N}+[A-Za-z]*|\\p{N}+[A-Za-z]{1,3}))+\\s*$");
    private static final int MAX_RUN = 4;
    /** The shipped glossary: {english phrases, vietnamese phrases} per line. */
    private static final List<Row> ROWS = load();
    /** No product names to read. */
    static final Glossary NONE = new Glossary(List.of(), List.of(), ROWS);

    /** One line: its English and Vietnamese phrases, each as words. */
    record Row(List<Text.Token[]> english, List<Text.Token[]> vietnamese) {
        List<Text.Token[]> side(boolean vietnameseSide) {
            return vietnameseSide ? vietnamese : english;
        }
    }

    /** A product title as words: all of them, and its head (first words or last words before a code). */
    private record Title(Knowledge entry, List<Text.Token> words, List<Text.Token> named) {
    }

    private final List<Title> titles;
    /** Every entry's title as words: a run typed as (part of) one is that entry's name, never translated. */
    private final List<List<Text.Token>> allTitles;
    /** Per language (0 English, 1 Vietnamese): the glossary phrases by their first word, folded. */
    private final List<java.util.Map<String, List<Entry>>> byFirst;

    /** One phrase of a row. */
    private record Entry(Row row, Text.Token[] phrase) {
    }

    private Glossary(List<Title> titles, List<List<Text.Token>> allTitles, List<Row> rows) {
        this.titles = titles;
        this.allTitles = allTitles;
        List<java.util.Map<String, List<Entry>>> maps = new ArrayList<>();
        for (boolean vietnamese : new boolean[] {false, true}) {
            java.util.Map<String, List<Entry>> m = new java.util.HashMap<>();
            for (Row r : rows) {
                for (Text.Token[] p : r.side(vietnamese)) {
                    m.computeIfAbsent(Lexicon.stem(p[0].folded()), x -> new ArrayList<>()).add(new Entry(r, p));
                    m.computeIfAbsent(p[0].folded(), x -> new ArrayList<>()).add(new Entry(r, p));
                }
            }
            maps.add(m);
        }
        this.byFirst = List.copyOf(maps);
    }

    /**
     * Parses a glossary file.
     *
     * @throws IllegalArgumentException naming the source and line of a line without exactly two columns or with an
     *                                  empty phrase
     */
    static List<Row> parse(String source, String content) {
        List<Row> out = new ArrayList<>();
        String[] lines = content.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cols = lines[i].split("\t");
            if (cols.length != 2) {
                throw new IllegalArgumentException(source + ": line " + (i + 1)
                        + ": expected 'ENGLISH<TAB>VIETNAMESE' (phrases separated by '|'), got '" + line + "'");
            }
            List<List<Text.Token[]>> sides = new ArrayList<>();
            for (String col : cols) {
                List<Text.Token[]> phrases = new ArrayList<>();
                for (String p : col.strip().split("\\|", -1)) {
                    List<Text.Token> words = Text.words(p.strip());
                    if (words.isEmpty()) {
                        throw new IllegalArgumentException(source + ": line " + (i + 1) + ": an empty phrase in '"
                                + col.strip() + "'");
                    }
                    phrases.add(words.toArray(Text.Token[]::new));
                }
                sides.add(List.copyOf(phrases));
            }
            out.add(new Row(sides.get(0), sides.get(1)));
        }
        return List.copyOf(out);
    }

    private static List<Row> load() {
        return parse("glossary.tsv", Resources.text(PATH));
    }

    /**
     * The reader for this knowledge's products (entries tagged {@code product}/{@code sản phẩm}, or priced).
     */
    static Glossary forKnowledge(List<Knowledge> knowledge) {
        return forKnowledge(knowledge, ROWS);
    }

    /** As {@link #forKnowledge(List)} with the given rows (tests). */
    static Glossary forKnowledge(List<Knowledge> knowledge, List<Row> rows) {
        List<Title> titles = new ArrayList<>();
        List<List<Text.Token>> all = new ArrayList<>();
        for (Knowledge k : knowledge) {
            all.add(Text.words(k.title()));
            boolean product = k.productTagged() || Facts.hasPrice(k.text());
            List<Text.Token> words = Text.words(k.title());
            if (product && !words.isEmpty()) {
                String head = TRAILING_CODE.matcher(k.title()).replaceFirst("");
                titles.add(new Title(k, words, Text.words(head.isBlank() ? k.title() : head)));
            }
        }
        return titles.isEmpty() ? NONE : new Glossary(List.copyOf(titles), List.copyOf(all), rows);
    }

    /** First words of the Vietnamese glossary names of two words or more: head nouns ("máy", "nồi", "quạt", "bánh"). */
    private static final java.util.Set<String> HEADS = heads();

    private static java.util.Set<String> heads() {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Row r : ROWS) {
            for (Text.Token[] p : r.vietnamese()) {
                if (p.length >= 2) {
                    out.add(p[0].raw());
                }
            }
        }
        return java.util.Set.copyOf(out);
    }

    /** True when the word (typed with or without its diacritics) opens a Vietnamese name: a head noun. */
    static boolean headNoun(Text.Token word) {
        if (HEADS.contains(word.raw())) {
            return true;
        }
        if (!word.plain()) {
            return false;
        }
        for (String h : HEADS) {
            if (Text.fold(h).equals(word.folded())) {
                return true;
            }
        }
        return false;
    }

    /** The text with every name this reading finds replaced by its product's title. */
    String translate(String text) {
        if (titles.isEmpty() || text == null || text.isEmpty()) {
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
            int read = 0;
            Knowledge found = null;
            for (int len = Math.min(MAX_RUN, words.size() - i); len >= 1 && read == 0; len--) {
                if (!joined(nfc, spans, i, len)) {
                    continue;
                }
                List<Text.Token> run = words.subList(i, i + len);
                if (allTitles.stream().anyMatch(t -> indexOf(t, run.toArray(Text.Token[]::new)) >= 0)) {
                    continue; // "Bread" of "Bread Club tạm dừng được không" names the Bread Club as titled
                }
                for (boolean vietnamese : new boolean[] {false, true}) {
                    List<Row> units = units(run, vietnamese);
                    if (units == null) {
                        continue;
                    }
                    List<Knowledge> named = named(run, units, vietnamese);
                    if (named.size() == 1) {
                        found = named.get(0);
                        read = len;
                        break;
                    }
                    if (named.size() > 1) {
                        read = -1; // two products share it: read nothing here
                        break;
                    }
                }
            }
            if (found == null) {
                i++;
                continue;
            }
            out.append(nfc, copied, spans.get(i)[0]).append(found.title());
            copied = spans.get(i + read - 1)[1];
            i += read;
        }
        out.append(nfc, copied, nfc.length());
        return out.toString();
    }

    /** The run's words joined by spaces or hyphens only. */
    private static boolean joined(String text, List<int[]> spans, int from, int len) {
        for (int j = from + 1; j < from + len; j++) {
            if (!text.substring(spans.get(j - 1)[1], spans.get(j)[0]).matches("[\\s-]+")) {
                return false;
            }
        }
        return true;
    }

    /** The run cut into glossary words of one language, longest first; null when some word is none. */
    private List<Row> units(List<Text.Token> run, boolean vietnamese) {
        List<Row> out = new ArrayList<>();
        int at = 0;
        java.util.Map<String, List<Entry>> phrases = byFirst.get(vietnamese ? 1 : 0);
        while (at < run.size()) {
            Row best = null;
            int bestLength = 0;
            Text.Token w = run.get(at);
            for (String key : List.of(w.folded(), Lexicon.stem(w.folded()))) {
                for (Entry e : phrases.getOrDefault(key, List.of())) {
                    if (e.phrase().length > bestLength && startsWith(run, at, e.phrase())) {
                        best = e.row();
                        bestLength = e.phrase().length;
                    }
                }
            }
            if (best == null) {
                return null;
            }
            out.add(best);
            at += bestLength;
        }
        return out;
    }

    /** The products whose title the run names in the other language (see the class comment). */
    private List<Knowledge> named(List<Text.Token> run, List<Row> units, boolean vietnamese) {
        List<Knowledge> out = new ArrayList<>();
        Row head = vietnamese ? units.get(0) : units.get(units.size() - 1);
        List<Text.Token[]> headGlosses = head.side(!vietnamese);
        if (units.size() == 1 && headGlosses.stream().noneMatch(g -> g.length >= 2)) {
            return out; // "cake" alone is "bánh": every cake, bread and pastry
        }
        for (Title t : titles) {
            if (run.stream().allMatch(w -> t.words().stream().anyMatch(x -> same(w, x)))) {
                continue; // typed as titled: ProductNames reads it
            }
            boolean headed = false;
            for (Text.Token[] g : headGlosses) {
                if (g.length >= 2 || units.size() > 1) {
                    headed |= vietnamese ? endsWith(t.named(), g) : startsWith(t.named(), 0, g);
                }
            }
            if (!headed) {
                continue;
            }
            boolean all = true;
            for (Row u : units) {
                if (u != head && u.side(!vietnamese).stream().noneMatch(g -> indexOf(t.words(), g) >= 0)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                out.add(t.entry());
            }
        }
        return out;
    }

    private static boolean startsWith(List<Text.Token> words, int at, Text.Token[] phrase) {
        if (at + phrase.length > words.size()) {
            return false;
        }
        for (int j = 0; j < phrase.length; j++) {
            if (!same(words.get(at + j), phrase[j])) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsWith(List<Text.Token> words, Text.Token[] phrase) {
        return words.size() >= phrase.length && startsWith(words, words.size() - phrase.length, phrase);
    }

    private static int indexOf(List<Text.Token> words, Text.Token[] phrase) {
        for (int i = 0; i + phrase.length <= words.size(); i++) {
            if (startsWith(words, i, phrase)) {
                return i;
            }
        }
        return -1;
    }

    /** Tone-aware either way (a title or gloss may be typed plain), or the same English stem ("tarts", "tart"). */
    private static boolean same(Text.Token a, Text.Token b) {
        return a.matches(b) || b.matches(a) || ProductNames.same(a, b);
    }
}
