package com.personaruntime.composer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where a message names a product by (part of) its title, as typed: with or without diacritics
 * (tone-aware, see {@link Text}), in any case, in part ("ốp iphone 15" for "Ốp lưng iPhone 15"), with an
 * English plural ("summit 2p tents"). Every word of a title counts, numbers and model codes included
 * ("2P", "X200", "15", "50+", "3 món"), and so do short syllables the retrieval terms drop as function words
 * ("Trà Ô Long"). Words glued from letters and digits are compared part by part ("spf50" is "SPF 50").
 *
 * <p>A mention is a run of consecutive message words matching title words in title order (at most
 * {@value #MAX_SKIP} title words skipped between two matched ones). The longest run wins, then the one
 * covering more of its title ("ốp iphone 15" names "Ốp lưng iPhone 15", not "Ốp lưng iPhone 15 Pro Max");
 * a run that two titles match equally well names neither, but still marks its words as part of a name (so
 * a number in it is no quantity). A run must cover whole message words and contain a word of three or
 * more characters that is no function word, or span two words.
 *
 * <p>Immutable and thread-safe; cost per message is linear in (message words × title words).
 */
final class ProductNames {

    static final int MAX_SKIP = 2;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");
    /** Cuts a word between letters and digits: "x200" -> "x", "200"; "2p" -> "2", "p". */
    private static final Pattern PART = Pattern.compile("\\p{N}+|[\\p{L}\\p{M}]+");

    /** One comparable piece of a message or title: a sub-word with its offsets and the word it came from. */
    record Piece(Text.Token token, int start, int end, int word) {
    }

    /**
     * A run of message pieces naming (or, when {@code entry} is null, ambiguously matching) a product title.
     *
     * @param entry      the product named, or null when two or more titles match the run equally well
     * @param from       first piece (inclusive)
     * @param to         last piece (exclusive)
     * @param start      char offset of the run in the NFC text
     * @param end        char offset (exclusive)
     * @param titleEnds  true when the run's last piece matched the title's last word
     */
    record Mention(Knowledge entry, int from, int to, int start, int end, boolean titleEnds) {
    }

    private record Name(Knowledge entry, Text.Token[] tokens) {
    }

    private record Run(Name name, int from, int to, int matched, boolean titleEnds) {
        double coverage() {
            return matched / (double) name.tokens().length;
        }
    }

    private final List<Name> names;

    ProductNames(List<Knowledge> products) {
        List<Name> out = new ArrayList<>();
        for (Knowledge k : products) {
            List<Piece> pieces = pieces(k.title());
            if (!pieces.isEmpty()) {
                out.add(new Name(k, pieces.stream().map(Piece::token).toArray(Text.Token[]::new)));
            }
        }
        this.names = List.copyOf(out);
    }

    /** The pieces of a text (NFC): words cut between letters and digits, lower-cased and folded. */
    static List<Piece> pieces(String text) {
        List<Piece> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        Matcher w = WORD.matcher(nfc);
        int word = 0;
        while (w.find()) {
            Matcher p = PART.matcher(w.group());
            while (p.find()) {
                out.add(new Piece(Text.Token.of(p.group()), w.start() + p.start(), w.start() + p.end(), word));
            }
            word++;
        }
        return out;
    }

    /** The mentions in a text, earliest first, non-overlapping. */
    List<Mention> find(String text) {
        List<Piece> pieces = pieces(text);
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            if (i > 0 && pieces.get(i - 1).word() == pieces.get(i).word()) {
                continue; // a run starts at a word's start
            }
            for (Name n : names) {
                Run r = run(pieces, i, n);
                if (r != null) {
                    runs.add(r);
                }
            }
        }
        runs.sort(Comparator.comparingInt((Run r) -> -(r.to() - r.from())).thenComparingDouble(r -> -r.coverage())
                .thenComparingInt(Run::from));
        boolean[] taken = new boolean[pieces.size()];
        List<Mention> out = new ArrayList<>();
        for (int a = 0; a < runs.size(); a++) {
            Run r = runs.get(a);
            if (anyTaken(taken, r.from(), r.to())) {
                continue;
            }
            boolean tie = false;
            for (int b = 0; b < runs.size(); b++) {
                Run o = runs.get(b);
                if (b != a && o.from() == r.from() && o.to() == r.to() && o.name() != r.name()
                        && (r.to() - r.from() == 1 || Math.abs(o.coverage() - r.coverage()) < 1e-9)) {
                    tie = true;
                    break;
                }
            }
            for (int j = r.from(); j < r.to(); j++) {
                taken[j] = true;
            }
            out.add(new Mention(tie ? null : r.name().entry(), r.from(), r.to(), pieces.get(r.from()).start(),
                    pieces.get(r.to() - 1).end(), r.titleEnds()));
        }
        out.sort(Comparator.comparingInt(Mention::from));
        return out;
    }

    private static boolean anyTaken(boolean[] taken, int from, int to) {
        for (int j = from; j < to; j++) {
            if (taken[j]) {
                return true;
            }
        }
        return false;
    }

    /** The longest valid run of pieces from {@code i} matching the name's words in order, or null. */
    private static Run run(List<Piece> pieces, int i, Name n) {
        Text.Token[] title = n.tokens();
        List<Integer> positions = new ArrayList<>(); // title position of each matched piece
        int j = i;
        while (j < pieces.size()) {
            int at = positions.isEmpty() ? -1 : positions.get(positions.size() - 1);
            int limit = at < 0 ? title.length : Math.min(title.length, at + 2 + MAX_SKIP);
            int found = -1;
            for (int q = at + 1; q < limit; q++) {
                if (same(pieces.get(j).token(), title[q])) {
                    found = q;
                    break;
                }
            }
            if (found < 0) {
                break;
            }
            positions.add(found);
            j++;
        }
        // whole words only: cut back to the last word boundary
        while (j > i && j < pieces.size() && pieces.get(j).word() == pieces.get(j - 1).word()) {
            j--;
        }
        if (j <= i || !valid(pieces, i, j)) {
            return null;
        }
        if (pieces.get(j - 1).word() == pieces.get(i).word() && j - i == 1 && weak(title, positions.get(0))) {
            return null; // one short middle syllable ("sinh" of "Máy xay sinh tố B2" in "vệ sinh")
        }
        return new Run(n, i, j, j - i, positions.get(j - i - 1) == title.length - 1);
    }

    /** A run names something: it spans two words, or it has a word of 3+ characters that is no function word. */
    private static boolean valid(List<Piece> pieces, int from, int to) {
        int words = pieces.get(to - 1).word() - pieces.get(from).word() + 1;
        boolean letters = false;
        for (int k = from; k < to; k++) {
            if (!pieces.get(k).token().numeric()) {
                letters = true;
            }
        }
        if (!letters) {
            return false;
        }
        if (words >= 2) {
            return true;
        }
        StringBuilder w = new StringBuilder();
        for (int k = from; k < to; k++) {
            w.append(pieces.get(k).token().folded());
        }
        String word = w.toString();
        return word.length() >= 3 && !Lexicon.STOPWORDS.contains(word);
    }

    /**
     * A title word too weak to name its product alone: shorter than five letters and neither the title's first
     * word (a Vietnamese head noun: "Cáp", "Trà") nor its last (an English one: "Tent", "Bike"). A syllable from
     * the middle of a Vietnamese name is most often part of another word of the message ("vệ sinh").
     */
    static boolean weak(Text.Token[] title, int position) {
        return title.length > 2 && position > 0 && position < title.length - 1
                && title[position].folded().length() < 5 && !title[position].numeric();
    }

    /** True when the word is a word of some product title ("nồi", "sữa", "jacket"; tone-aware, English stems). */
    boolean hasWord(Text.Token word) {
        for (Name n : names) {
            for (Text.Token t : n.tokens()) {
                if (!t.numeric() && same(word, t)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when the word is the first word of some product title (a Vietnamese head noun: "Nồi", "Máy", "Trà"). */
    boolean isHead(Text.Token word) {
        for (Name n : names) {
            if (!n.tokens()[0].numeric() && same(word, n.tokens()[0])) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the word, of five or more letters, is one letter away (changed, added or dropped) from a title
     * word of five or more letters: a typo ("serun" for "Serum", "jackt"), not another name. Shorter words are
     * too often other words ("muối" and "tươi").
     */
    boolean nearWord(Text.Token word) {
        String w = word.folded();
        if (w.length() < 5) {
            return false;
        }
        for (Name n : names) {
            for (Text.Token t : n.tokens()) {
                if (t.folded().length() >= 5 && oneEditApart(w, t.folded())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean oneEditApart(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1 || a.equals(b)) {
            return false;
        }
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (a.length() == b.length()) {
            return a.substring(i + 1).equals(b.substring(i + 1));
        }
        return a.length() > b.length() ? a.substring(i + 1).equals(b.substring(i)) : a.substring(i).equals(b.substring(i + 1));
    }

    /** Tone-aware equality, or the same English stem ("tents" and "Tent"), or a plural in -s ("brownies"). */
    static boolean same(Text.Token typed, Text.Token title) {
        if (typed.matches(title)) {
            return true;
        }
        if (!typed.plain() || !title.plain() || typed.folded().length() <= 3) {
            return false;
        }
        String a = typed.folded();
        String b = title.folded();
        // "brownie" and "Brownies" ("-ies" stems as "-y": "berries" is "berry", but "brownies" is no "browny")
        return Lexicon.stem(a).equals(Lexicon.stem(b)) || (a + "s").equals(b) || (b + "s").equals(a);
    }
}
