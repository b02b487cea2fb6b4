package com.personaruntime.composer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size table read from knowledge text, and the lookup "height/weight/waist/foot length -> size".
 *
 * <p>Rows are found by their labels (S, M, L, XL ..., "EU 42", "size 40") followed by measurements:
 * ranges ("cao 150–158 cm, nặng 42–48 kg", "waist 76-82 cm", "1m55-1m62") or single values
 * ("EU 42: 26.5 cm"). What a number measures comes from the nearest word before it (cao/height,
 * nặng/weight, eo/waist, ngực/chest, hông/hip, chân/foot), else from its unit and size (kg is a
 * weight, 120 cm and more a height, 35 cm and less a foot length). Heights typed "1m6", "1m58" or
 * "1.6 m" are read as centimetres.
 */
final class SizeTable {

    /** One measured dimension of a row or a question. */
    enum Dim { HEIGHT, WEIGHT, WAIST, CHEST, HIP, FOOT, OTHER_CM, INCH }

    record Range(Dim dim, double min, double max) {
        boolean contains(double v) {
            return v >= min - 1e-9 && v <= max + 1e-9;
        }

        double distance(double v) {
            return contains(v) ? 0 : Math.min(Math.abs(v - min), Math.abs(v - max)) / Math.max(1, max);
        }
    }

    /** A row: its label ("M", "EU 42"), its verbatim text and its ranges. */
    record Row(String label, String text, List<Range> ranges) {
    }

    /** The answer of a lookup. */
    record Match(Row row, boolean exact, Map<Dim, Double> asked) {
    }

    private static final Pattern LABEL = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:(?:size|cỡ|Size|Cỡ|SIZE)\\s?)?((?:EU|US|UK)\\s?\\d{1,2}(?:[.,]5)?|XXXL|XXL|XL|XXS|XS|[2-5]XL|S|M|L)"
                    + "(?![\\p{L}\\p{N}])|(?<![\\p{L}\\p{N}])(?:size|cỡ|số)\\s(\\d{2}(?:[.,]5)?)(?![\\p{L}\\p{N}])");
    private static final Pattern NUMBER = Pattern.compile(
            "(\\d+(?:[.,]\\d+)?)\\s*(cm|kg|in|inch|inches|\")?(?:\\s*(?:–|-|—|~|to|đến|tới)\\s*(\\d+(?:[.,]\\d+)?)\\s*(cm|kg|in|inch|inches|\")?)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern METRES_SHORT = Pattern.compile("(?<![\\d.,])([12])m(\\d{1,2})(?![\\d])");
    private static final Pattern METRES = Pattern.compile("(?<![\\d.,])([12])[.,](\\d{1,2})\\s?m(?![\\p{L}])");
    private static final Pattern KILOS = Pattern.compile("(\\d)\\s?(?:ký|kí|ki lô|kilo|kilos|kgs|cân|kilogram)(?![\\p{L}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Map<String, Dim> KEYWORDS = keywords();

    private final List<Row> rows;

    private SizeTable(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    List<Row> rows() {
        return rows;
    }

    private static Map<String, Dim> keywords() {
        Map<String, Dim> k = new LinkedHashMap<>();
        for (String w : List.of("chiều cao", "cao", "height", "tall", "chieu cao")) {
            k.put(w, Dim.HEIGHT);
        }
        for (String w : List.of("cân nặng", "nặng", "weight", "weigh", "weighs", "can nang", "nang")) {
            k.put(w, Dim.WEIGHT);
        }
        for (String w : List.of("vòng eo", "eo", "waist", "vong eo")) {
            k.put(w, Dim.WAIST);
        }
        for (String w : List.of("vòng ngực", "ngực", "vòng 1", "chest", "bust", "vong nguc", "nguc")) {
            k.put(w, Dim.CHEST);
        }
        for (String w : List.of("vòng hông", "hông", "mông", "vòng 3", "hip", "hips", "vong hong")) {
            k.put(w, Dim.HIP);
        }
        for (String w : List.of("bàn chân", "chân", "foot", "feet", "chiều dài chân", "foot length", "insole", "ban chan")) {
            k.put(w, Dim.FOOT);
        }
        return k;
    }

    /** The size table in a knowledge text, or null when it has fewer than two sized rows. */
    static SizeTable parse(String text) {
        List<int[]> labels = new ArrayList<>();
        Matcher m = LABEL.matcher(text);
        while (m.find()) {
            int g = m.group(1) != null ? 1 : 2;
            // a label must be followed by a measurement soon ("M: cao 158", "EU 42 = 26.5 cm")
            String after = text.substring(m.end(), Math.min(text.length(), m.end() + 24));
            if (!after.matches("(?s)[\\s:=(|\\t–-]*(?:[\\p{L}\\s]{0,14})\\d.*")) {
                continue;
            }
            labels.add(new int[] {m.start(), m.end(), m.start(g), m.end(g)});
        }
        List<Row> rows = new ArrayList<>();
        Dim[] headerOrder = headerDims(labels.isEmpty() ? text : text.substring(0, labels.get(0)[0]));
        for (int i = 0; i < labels.size(); i++) {
            int[] l = labels.get(i);
            int end = i + 1 < labels.size() ? labels.get(i + 1)[0] : sentenceEnd(text, l[1]);
            end = Math.min(end, sentenceEnd(text, l[1]));
            String rowText = Facts.trimEnd(text.substring(l[0], end).strip()).replaceAll("[(;,|]+$", "").strip();
            String measured = text.substring(l[1], end);
            List<Range> ranges = ranges(measured, headerOrder);
            if (!ranges.isEmpty()) {
                rows.add(new Row(text.substring(l[2], l[3]), rowText, ranges));
            }
        }
        return rows.size() >= 2 ? new SizeTable(rows) : null;
    }

    private static int sentenceEnd(String text, int from) {
        Matcher m = Pattern.compile("(?<=[.!?])\\s+(?=\\p{Lu})|\\n").matcher(text);
        return m.find(from) ? m.start() : text.length();
    }

    /** Dimensions named in a table's header, in order ("Bảng size (chiều cao / cân nặng)"). */
    private static Dim[] headerDims(String header) {
        List<Dim> dims = new ArrayList<>();
        String h = " " + header.toLowerCase(Locale.ROOT) + " ";
        List<int[]> found = new ArrayList<>();
        for (Map.Entry<String, Dim> e : KEYWORDS.entrySet()) {
            Matcher m = Pattern.compile("(?<![\\p{L}])" + Pattern.quote(e.getKey()) + "(?![\\p{L}])").matcher(h);
            if (m.find()) {
                found.add(new int[] {m.start(), e.getValue().ordinal()});
            }
        }
        found.sort((a, b) -> Integer.compare(a[0], b[0]));
        for (int[] f : found) {
            Dim d = Dim.values()[f[1]];
            if (!dims.contains(d)) {
                dims.add(d);
            }
        }
        return dims.toArray(Dim[]::new);
    }

    /** Heights in metres to centimetres, kilo words to kg. */
    static String normalise(String s) {
        String out = METRES_SHORT.matcher(s).replaceAll(r -> {
            String cm = r.group(2).length() == 1 ? r.group(2) + "0" : r.group(2);
            return r.group(1) + cm + " cm";
        });
        out = METRES.matcher(out).replaceAll(r -> {
            String cm = r.group(2).length() == 1 ? r.group(2) + "0" : r.group(2);
            return r.group(1) + cm + " cm";
        });
        return KILOS.matcher(out).replaceAll("$1 kg");
    }

    private static List<Range> ranges(String rowText, Dim[] header) {
        String s = normalise(rowText);
        String lower = s.toLowerCase(Locale.ROOT);
        List<Range> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(s);
        int headerIndex = 0;
        int last = 0;
        while (m.find()) {
            String unit = m.group(4) != null ? m.group(4) : m.group(2);
            if (m.group(3) == null && unit == null) {
                last = m.end();
                continue; // a bare number (a label digit, a count) is no measurement
            }
            double a = num(m.group(1));
            double b = m.group(3) == null ? a : num(m.group(3));
            Dim dim = keywordBefore(lower, last, m.start());
            if (dim == null && headerIndex < header.length) {
                dim = header[headerIndex];
            }
            if (dim == null) {
                dim = byUnit(unit, Math.max(a, b));
            }
            headerIndex++;
            out.add(new Range(dim, Math.min(a, b), Math.max(a, b)));
            last = m.end();
        }
        return out;
    }

    private static Dim keywordBefore(String lower, int from, int to) {
        String span = " " + lower.substring(from, to) + " ";
        Dim best = null;
        int bestAt = -1;
        for (Map.Entry<String, Dim> e : KEYWORDS.entrySet()) {
            Matcher m = Pattern.compile("(?<![\\p{L}])" + Pattern.quote(e.getKey()) + "(?![\\p{L}])").matcher(span);
            while (m.find()) {
                if (m.start() > bestAt) {
                    bestAt = m.start();
                    best = e.getValue();
                }
            }
        }
        return best;
    }

    private static Dim byUnit(String unit, double value) {
        String u = unit == null ? "" : unit.toLowerCase(Locale.ROOT);
        if (u.equals("kg")) {
            return Dim.WEIGHT;
        }
        if (u.startsWith("in") || u.equals("\"")) {
            return Dim.INCH;
        }
        if (value >= 120) {
            return Dim.HEIGHT;
        }
        if (value <= 35) {
            return Dim.FOOT;
        }
        return Dim.OTHER_CM;
    }

    private static double num(String s) {
        return Double.parseDouble(s.replace(',', '.'));
    }

    /** Measurements in a question ("cao 1m6 nặng 50kg", "my foot is 27 cm", "waist 80cm"). */
    static Map<Dim, Double> measurements(String question) {
        String s = normalise(question);
        String lower = s.toLowerCase(Locale.ROOT);
        Map<Dim, Double> out = new LinkedHashMap<>();
        Matcher m = NUMBER.matcher(s);
        int last = 0;
        while (m.find()) {
            String unit = m.group(2);
            Dim dim = keywordBefore(lower, Math.max(last, m.start() - 24), m.start());
            if (unit == null && dim == null) {
                last = m.end();
                continue;
            }
            double v = num(m.group(1));
            if (dim == null) {
                dim = byUnit(unit, v);
            }
            if (unit == null && dim == Dim.HEIGHT && v < 3) {
                v = v * 100;
            }
            out.putIfAbsent(dim, v);
            last = m.end();
        }
        return out;
    }

    /**
     * The row that fits the measurements: every asked dimension the row has is within its range
     * (exact), else the nearest row. Null when the table measures none of the asked dimensions.
     * A generic centimetre value ({@link Dim#OTHER_CM}) matches the table's single non-height
     * centimetre dimension.
     */
    Match lookup(Map<Dim, Double> asked) {
        Map<Dim, Double> q = new LinkedHashMap<>(asked);
        if (q.containsKey(Dim.OTHER_CM)) {
            List<Dim> cmDims = rows.get(0).ranges().stream().map(Range::dim)
                    .filter(d -> d != Dim.HEIGHT && d != Dim.WEIGHT && d != Dim.INCH).distinct().toList();
            Double v = q.remove(Dim.OTHER_CM);
            if (cmDims.size() == 1) {
                q.putIfAbsent(cmDims.get(0), v);
            }
        }
        Row best = null;
        double bestScore = Double.MAX_VALUE;
        boolean bestExact = false;
        for (Row row : rows) {
            int used = 0;
            double score = 0;
            boolean exact = true;
            for (Map.Entry<Dim, Double> e : q.entrySet()) {
                for (Range r : row.ranges()) {
                    if (r.dim() == e.getKey()) {
                        used++;
                        score += r.distance(e.getValue());
                        exact &= r.contains(e.getValue());
                        break;
                    }
                }
            }
            if (used == 0) {
                continue;
            }
            // on a tie (a value on the border of two rows) the larger size wins: it is the safer fit
            if (score < bestScore || (score == bestScore && exact)) {
                best = row;
                bestScore = score;
                bestExact = exact;
            }
        }
        return best == null ? null : new Match(best, bestExact, q);
    }

    /** The row with this label ("M", "EU 42"), case-insensitive, or null. */
    Row row(String label) {
        String l = label.replaceAll("\\s", "").toLowerCase(Locale.ROOT);
        for (Row r : rows) {
            if (r.label().replaceAll("\\s", "").toLowerCase(Locale.ROOT).equals(l)) {
                return r;
            }
        }
        return null;
    }
}
