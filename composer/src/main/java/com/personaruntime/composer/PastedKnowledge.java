package com.personaruntime.composer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Knowledge entries the way brands paste them, cut into the entries the composer answers from: a table with one
 * product or course a line, and an FAQ of question and answer pairs, each become one entry per line or pair. An entry
 * holding six products under the title "Bảng giá" otherwise answers every price question with its first line, and an
 * FAQ with its first answer.
 *
 * <p>Read shapes (lines are the text's {@code \n}-separated lines, blank ones ignored):
 * <ul>
 *   <li><b>FAQ</b>: at least two pairs marked "Hỏi:/Đáp:", "H:/Đ:", "Câu hỏi:/Trả lời:", "Q:/A:" or
 *   "Question:/Answer:" (a marker opens a line or follows a sentence end, so "Vitamin A: ..." is no marker), or at
 *   least two lines ending in "?" each followed by its answer line(s). Each pair becomes an entry titled by its
 *   question, whose text is the answer.</li>
 *   <li><b>Table</b>: at least two lines cut into two or more cells by the same separator ("|", a tab, or a dash with
 *   spaces around it, " - ", " – "), at most one other line (a caption). A first line of cells without digits
 *   followed by lines with digits is the header. Each row becomes an entry titled by its first cell; its text is the
 *   rest of the row: "Header: cell." sentences under a header, the cells joined by ", " without one, or, for a dash
 *   table, the rest of the line as written ("túi 2kg - 210.000đ; túi 10kg - 890.000đ", so each size keeps its
 *   price). A table whose first cells are sizes ("S", "M", "40", "XL") stays whole: it is a size chart.</li>
 * </ul>
 * A row naming the title of another entry (the product's own sheet) is added to the front of that entry's text
 * instead of becoming an entry of its own. A derived entry's id is the pasted entry's id, "#" and its position from 1;
 * its tags are the pasted entry's tags and title (so a row of "Phí giao hàng" stays about shipping). Lines that belong
 * to no row or pair (a caption, an intro) stay in the pasted entry; when none is left, it is dropped. Entries of no
 * such shape are returned unchanged. Parsing is linear string scanning (no regular expressions).
 */
final class PastedKnowledge {

    /** Question and answer markers, lower case, without the colon. */
    private static final List<String> QUESTION_MARKERS = List.of("câu hỏi", "hỏi", "h", "question", "q");
    private static final List<String> ANSWER_MARKERS = List.of("trả lời", "đáp", "tl", "đ", "answer", "a");
    private static final List<String> SEPARATORS = List.of("|", "\t", " - ", " – ", " — ");

    private PastedKnowledge() {
    }

    /**
     * The entries with pasted tables and FAQs cut into one entry per row or pair (see the class comment), in the
     * order of the input; ids stay unique when they were.
     *
     * @param knowledge the brand's entries, not null
     * @return a new unmodifiable list
     */
    static List<Knowledge> expand(List<Knowledge> knowledge) {
        Map<String, Knowledge> out = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        for (Knowledge k : knowledge) {
            List<String> lines = lines(k.text());
            List<Knowledge> pairs = faq(k);
            if (!pairs.isEmpty()) {
                String rest = intro(k.text());
                if (!rest.isBlank()) {
                    out.put(k.id(), new Knowledge(k.id(), k.title(), rest, k.tags()));
                }
                for (Knowledge p : pairs) {
                    out.put(p.id(), p);
                }
                continue;
            }
            Table table = table(lines);
            if (table == null) {
                out.put(k.id(), k);
                continue;
            }
            if (!table.caption().isBlank()) {
                out.put(k.id(), new Knowledge(k.id(), k.title(), table.caption(), k.tags()));
            }
            for (int i = 0; i < table.rows().size(); i++) {
                String[] r = table.rows().get(i);
                rows.add(new Row(k, i + 1, r[0], r[1]));
            }
        }
        // rows after every entry is known: a row may name a sheet that comes after its table
        List<Knowledge> sheets = new ArrayList<>(out.values());
        for (Row r : rows) {
            Knowledge sheet = sheetFor(r.name(), sheets);
            if (sheet != null) {
                Knowledge current = out.get(sheet.id());
                out.put(sheet.id(), new Knowledge(current.id(), current.title(), r.text() + "\n" + current.text(),
                        current.tags()));
            } else {
                String id = r.source().id() + "#" + r.position();
                out.put(id, new Knowledge(id, r.name(), r.text(), tagsOf(r.source())));
            }
        }
        return List.copyOf(out.values());
    }

    private record Row(Knowledge source, int position, String name, String text) {
    }

    private record Table(List<String[]> rows, String caption) {
    }

    private static List<String> tagsOf(Knowledge source) {
        List<String> tags = new ArrayList<>(source.tags());
        tags.add(source.title());
        return tags;
    }

    /** The text's non-blank lines, stripped. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String s = line.strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    // ---- FAQ ----

    private record Marker(int start, int end, boolean question) {
    }

    /** The entry's question and answer pairs as entries, or empty when it holds fewer than two. */
    static List<Knowledge> faq(Knowledge k) {
        List<String[]> pairs = markedPairs(k.text());
        if (pairs.size() < 2) {
            pairs = questionLines(lines(k.text()));
        }
        if (pairs.size() < 2) {
            return List.of();
        }
        List<Knowledge> out = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            String id = k.id() + "#" + (i + 1);
            out.add(new Knowledge(id, pairs.get(i)[0], pairs.get(i)[1], tagsOf(k)));
        }
        return out;
    }

    /** The text before the first question marker (or question line), stripped. */
    private static String intro(String text) {
        List<Marker> markers = markers(text);
        if (!markers.isEmpty() && markers.get(0).question()) {
            return text.substring(0, markers.get(0).start()).strip();
        }
        StringBuilder b = new StringBuilder();
        for (String line : lines(text)) {
            if (question(line)) {
                break;
            }
            b.append(b.length() == 0 ? "" : "\n").append(line);
        }
        return b.toString();
    }

    /** Pairs of "Hỏi: ... Đáp: ..." markers alternating from a question; empty unless every marker alternates. */
    private static List<String[]> markedPairs(String text) {
        List<Marker> markers = markers(text);
        List<String[]> out = new ArrayList<>();
        if (markers.size() < 4 || markers.size() % 2 != 0) {
            return out;
        }
        for (int i = 0; i < markers.size(); i += 2) {
            Marker q = markers.get(i);
            Marker a = markers.get(i + 1);
            if (!q.question() || a.question()) {
                return List.of();
            }
            int end = i + 2 < markers.size() ? markers.get(i + 2).start() : text.length();
            String question = text.substring(q.end(), a.start()).strip();
            String answer = text.substring(a.end(), end).strip().replace('\n', ' ');
            if (question.isEmpty() || answer.isEmpty()) {
                return List.of();
            }
            out.add(new String[]{question.replace('\n', ' '), answer});
        }
        return out;
    }

    /** Markers at a line start or after a sentence end, each followed by a colon. */
    private static List<Marker> markers(String text) {
        List<Marker> out = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            if (!markerMayStart(lower, i)) {
                continue;
            }
            Marker m = markerAt(lower, i, QUESTION_MARKERS, true);
            if (m == null) {
                m = markerAt(lower, i, ANSWER_MARKERS, false);
            }
            if (m != null) {
                out.add(m);
                i = m.end() - 1;
            }
        }
        return out;
    }

    private static boolean markerMayStart(String s, int i) {
        if (i == 0) {
            return true;
        }
        int j = i - 1;
        boolean space = false;
        while (j >= 0 && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
            j--;
            space = true;
        }
        if (j < 0 || s.charAt(j) == '\n') {
            return true;
        }
        char c = s.charAt(j);
        return space && (c == '.' || c == '?' || c == '!' || c == ')');
    }

    private static Marker markerAt(String s, int i, List<String> markers, boolean question) {
        for (String m : markers) {
            if (s.startsWith(m, i)) {
                int j = i + m.length();
                while (j < s.length() && s.charAt(j) == ' ') {
                    j++;
                }
                if (j < s.length() && s.charAt(j) == ':') {
                    return new Marker(i, j + 1, question);
                }
            }
        }
        return null;
    }

    /** Lines ending in "?" each followed by one or more answer lines; empty unless every line belongs to a pair. */
    private static List<String[]> questionLines(List<String> lines) {
        List<String[]> out = new ArrayList<>();
        String question = null;
        StringBuilder answer = new StringBuilder();
        int start = 0;
        while (start < lines.size() && !question(lines.get(start))) {
            start++; // an intro line before the first question
        }
        if (start > 1) {
            return out;
        }
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i);
            if (question(line)) {
                if (question != null) {
                    if (answer.length() == 0) {
                        return List.of(); // two questions in a row: a list of questions, not an FAQ
                    }
                    out.add(new String[]{question, answer.toString()});
                }
                question = line;
                answer.setLength(0);
            } else {
                answer.append(answer.length() == 0 ? "" : " ").append(line);
            }
        }
        if (question == null || answer.length() == 0) {
            return List.of();
        }
        out.add(new String[]{question, answer.toString()});
        return out;
    }

    private static boolean question(String line) {
        return line.endsWith("?") || line.endsWith("？");
    }

    // ---- tables ----

    /** The table the lines hold, or null. */
    static Table table(List<String> lines) {
        for (String sep : SEPARATORS) {
            List<String[]> cells = new ArrayList<>();
            List<String> rawRows = new ArrayList<>();
            StringBuilder caption = new StringBuilder();
            int others = 0;
            for (String line : lines) {
                if (rule(line)) {
                    continue; // "|---|---|"
                }
                String[] c = cells(line, sep);
                if (c.length >= 2) {
                    cells.add(c);
                    rawRows.add(line);
                } else {
                    others++;
                    caption.append(caption.length() == 0 ? "" : "\n").append(line);
                }
            }
            if (cells.size() < 2 || others > 1) {
                continue;
            }
            boolean dash = sep.startsWith(" ");
            String[] header = null;
            if (!dash && !digits(cells.get(0)) && cells.subList(1, cells.size()).stream().anyMatch(PastedKnowledge::digits)) {
                header = cells.remove(0);
                rawRows.remove(0);
            }
            if (cells.size() < 2 || sizeChart(cells)) {
                return null;
            }
            List<String[]> rows = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                String[] c = cells.get(i);
                String text;
                if (dash) {
                    String line = rawRows.get(i);
                    text = line.substring(line.indexOf(sep) + sep.length()).strip();
                } else if (header != null) {
                    StringBuilder b = new StringBuilder();
                    for (int j = 1; j < c.length; j++) {
                        if (c[j].isEmpty()) {
                            continue;
                        }
                        String label = j < header.length ? header[j] : "";
                        b.append(b.length() == 0 ? "" : " ").append(label.isEmpty() ? "" : label + ": ").append(c[j]);
                        if (!c[j].endsWith(".")) {
                            b.append('.');
                        }
                    }
                    text = b.toString();
                } else {
                    text = String.join(", ", java.util.Arrays.asList(c).subList(1, c.length));
                }
                if (!c[0].isEmpty() && !text.isBlank()) {
                    rows.add(new String[]{c[0], text});
                }
            }
            return rows.size() < 2 ? null : new Table(rows, caption.toString());
        }
        return null;
    }

    /** The line cut by the separator, outer pipes dropped, cells stripped; one cell when the separator is absent. */
    private static String[] cells(String line, String sep) {
        String s = line;
        if (sep.equals("|")) {
            if (s.startsWith("|")) {
                s = s.substring(1);
            }
            if (s.endsWith("|")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = s.indexOf(sep, from);
            if (at < 0) {
                out.add(s.substring(from).strip());
                break;
            }
            out.add(s.substring(from, at).strip());
            from = at + sep.length();
        }
        if (out.size() < 2 || out.get(0).isEmpty()) {
            return new String[]{line};
        }
        return out.toArray(new String[0]);
    }

    /** A markdown rule line: only pipes, dashes, colons and spaces. */
    private static boolean rule(String line) {
        boolean dash = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '-') {
                dash = true;
            } else if (c != '|' && c != ':' && c != ' ' && c != '\t') {
                return false;
            }
        }
        return dash;
    }

    private static boolean digits(String[] cells) {
        for (String c : cells) {
            for (int i = 0; i < c.length(); i++) {
                if (Character.isDigit(c.charAt(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** First cells that are sizes ("S", "XL", "40", "Size M"): a size chart, read whole by {@link SizeTable}. */
    private static boolean sizeChart(List<String[]> rows) {
        int sizes = 0;
        for (String[] r : rows) {
            String first = Text.fold(r[0]).replace("size", "").replace("co ", "").strip();
            if (first.length() <= 3 || !Variants.find(r[0]).isEmpty()) {
                sizes++;
            }
        }
        return sizes * 2 > rows.size();
    }

    /** The other entry a row names by its whole title, or null when none or several do. */
    private static Knowledge sheetFor(String name, List<Knowledge> entries) {
        String folded = key(name);
        Knowledge found = null;
        for (Knowledge k : entries) {
            String title = key(k.title());
            boolean same = !folded.isEmpty() && (title.equals(folded) || (words(folded) >= 3 && words(title) >= 3
                    && (contains(title, folded) || contains(folded, title))));
            if (same) {
                if (found != null) {
                    return null;
                }
                found = k;
            }
        }
        return found;
    }

    /** The text's words, folded, joined by one space. */
    private static String key(String s) {
        StringBuilder b = new StringBuilder();
        for (Text.Token t : Text.words(s)) {
            b.append(b.length() == 0 ? "" : " ").append(t.folded());
        }
        return b.toString();
    }

    private static int words(String s) {
        return s.isBlank() ? 0 : s.split(" +").length;
    }

    /** Whether {@code outer} holds {@code inner} as whole words. */
    private static boolean contains(String outer, String inner) {
        int at = (" " + outer + " ").indexOf(" " + inner + " ");
        return at >= 0;
    }
}
