package com.personaruntime.composer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts knowledge text into pieces the templates may quote. Every piece returned is a verbatim
 * substring of the knowledge text (whole sentences or comma clauses), minus trailing punctuation.
 */
final class Facts {

    /** A price: 390.000đ, 390k, 1.2 triệu, $16, 16 USD, €12,50, 250.000 VND. */
    static final Pattern PRICE = Pattern.compile(
            "[$€£]\\s?\\d(?:[\\d.,]*\\d)?"
                    + "|\\d(?:[\\d.,\\s]*\\d)?\\s?(?:đ|₫|vnđ|vnd|đồng|usd|eur|gbp|€|\\$|k|nghìn|ngàn|triệu|tr)(?![\\p{L}\\p{N}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…])\\s+|\\s*\\n+\\s*");
    /** Words that only announce a price ("giá 390.000đ", "price: $16"): such a clause is still bare. */
    private static final Pattern PRICE_WORDS = Pattern.compile(
            "(?iu)(?<![\\p{L}])(giá|gia|chỉ|chi|là|la|price|priced|at|only|just|costs?|for)(?![\\p{L}])");
    private static final Pattern CLAUSE_END = Pattern.compile("[,;]\\s+");

    private record Span(int start, int end) {
    }

    private Facts() {
    }

    static boolean hasPrice(String text) {
        return PRICE.matcher(text).find();
    }

    /**
     * The clauses of {@code text} that state a price. A clause that is nothing but the price
     * ("390.000đ") keeps the clause before it ("50 ml, 390.000đ") so the figure keeps its referent.
     * Empty when the text states no price.
     */
    static String priceClauses(String text) {
        List<Span> spans = new ArrayList<>();
        for (Span sentence : split(text, SENTENCE_END, new Span(0, text.length()))) {
            List<Span> clauses = split(text, CLAUSE_END, sentence);
            for (int i = 0; i < clauses.size(); i++) {
                Span c = clauses.get(i);
                String clause = text.substring(c.start(), c.end());
                Matcher m = PRICE.matcher(clause);
                if (!m.find()) {
                    continue;
                }
                boolean bare = PRICE_WORDS.matcher(m.replaceAll("")).replaceAll("").replaceAll("[^\\p{L}]", "")
                        .length() < 2;
                Span span = bare && i > 0 ? new Span(clauses.get(i - 1).start(), c.end()) : c;
                if (!spans.isEmpty() && (spans.get(spans.size() - 1).end() >= span.start()
                        || CLAUSE_END.matcher(text.substring(spans.get(spans.size() - 1).end(), span.start())).matches())) {
                    Span last = spans.remove(spans.size() - 1);
                    span = new Span(Math.min(last.start(), span.start()), Math.max(last.end(), span.end()));
                }
                spans.add(span);
            }
        }
        List<String> parts = new ArrayList<>();
        for (Span s : spans) {
            parts.add(trimEnd(text.substring(s.start(), s.end())));
        }
        return String.join("; ", parts);
    }

    /** The sentences of the text, verbatim. */
    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (Span s : split(text, SENTENCE_END, new Span(0, text.length()))) {
            out.add(text.substring(s.start(), s.end()));
        }
        return out;
    }

    /**
     * Sentences as statements: a question the text asks itself ("Not happy with a bag of coffee?", "Da nhạy cảm dùng
     * được không?") opens the sentence after it, which answers it, and is never quoted alone as a fact.
     */
    static List<String> statements(List<String> sentences) {
        List<String> out = new ArrayList<>();
        String open = null;
        for (String raw : sentences) {
            String s = raw.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (open != null) {
                s = open + " " + s;
                open = null;
            }
            if (s.endsWith("?")) {
                open = s;
            } else {
                out.add(s);
            }
        }
        if (open != null) {
            out.add(open);
        }
        return out;
    }

    /**
     * The text when it has at most {@code max} sentences; otherwise the {@code max} sentences that
     * share most retrieval terms with the question, in their original order.
     */
    static String relevant(String text, String question, int max) {
        return relevant(text, question, max, Set.of());
    }

    /**
     * As {@link #relevant(String, String, int)}, not counting the {@code ignored} retrieval terms: the words
     * of the product's own name say nothing about which of its sentences a question asks for ("trà đào cam sả
     * có sữa không" asks about the milk, not the peach).
     */
    static String relevant(String text, String question, int max, Set<String> ignored) {
        List<String> sentences = statements(sentences(text));
        if (sentences.size() <= max) {
            return joined(sentences);
        }
        Set<String> q = new HashSet<>(Lexicon.terms(question));
        q.removeAll(ignored);
        List<Integer> order = new ArrayList<>();
        List<Integer> scores = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            order.add(i);
            int score = 0;
            for (String t : new HashSet<>(Lexicon.terms(sentences.get(i)))) {
                if (q.contains(t)) {
                    score++;
                }
            }
            scores.add(score);
        }
        order.sort(Comparator.comparing((Integer i) -> -scores.get(i)).thenComparing(i -> i));
        List<Integer> chosen = new ArrayList<>(order.subList(0, max));
        chosen.sort(Comparator.naturalOrder());
        List<String> parts = new ArrayList<>();
        for (int i : chosen) {
            parts.add(sentences.get(i).strip());
        }
        return joined(parts);
    }

    /**
     * Sentences as one text: each but the last keeps or gets its final punctuation (an entry typed as lines without
     * full stops, "Vá săm 30.000đ" then "Thay săm mới 80.000đ", reads "Vá săm 30.000đ. Thay săm mới 80.000đ", not
     * one run-on sentence); the last loses it, as templates add their own.
     */
    static String joined(List<String> sentences) {
        StringBuilder out = new StringBuilder();
        for (String raw : sentences) {
            String sentence = raw.strip();
            if (sentence.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                char last = out.charAt(out.length() - 1);
                if (".!?…:;".indexOf(last) < 0) {
                    out.append(last == ',' ? "" : ".");
                }
                out.append(' ');
            }
            out.append(sentence);
        }
        return trimEnd(out.toString());
    }

    /** Drops trailing sentence punctuation and whitespace; templates add their own. */
    static String trimEnd(String s) {
        int end = s.length();
        while (end > 0 && (Character.isWhitespace(s.charAt(end - 1)) || ".;,".indexOf(s.charAt(end - 1)) >= 0)) {
            end--;
        }
        return s.substring(0, end);
    }

    private static List<Span> split(String text, Pattern separator, Span within) {
        List<Span> out = new ArrayList<>();
        Matcher m = separator.matcher(text).region(within.start(), within.end());
        int start = within.start();
        while (m.find()) {
            addIfNotBlank(text, out, start, m.start());
            start = m.end();
        }
        addIfNotBlank(text, out, start, within.end());
        return out;
    }

    private static void addIfNotBlank(String text, List<Span> out, int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (start < end) {
            out.add(new Span(start, end));
        }
    }
}
