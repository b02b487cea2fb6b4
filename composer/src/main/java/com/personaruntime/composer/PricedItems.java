package com.personaruntime.composer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The priced items one knowledge entry lists, and the durations prices are quoted per.
 *
 * <p>An entry often prices several things: "Vá săm 30.000đ. Thay săm mới 80.000đ", "city bikes 120,000 VND per day,
 * mountain bikes 200,000 VND per day". A question names one of them ("thay săm mới", "xe địa hình", "mountain
 * bike") and is answered with that one, not with the entry's first amount. An item is a clause of the entry
 * (cut at commas, semicolons and sentence ends) holding exactly one amount; its name is the words before the amount.
 * The words that tell the items apart are the name words no other item of the entry and not the entry's title has
 * (the first clause often carries the verb of all: "Thuê xe đạp thành phố ..., xe đạp địa hình ..."); the item the question
 * names is the only one whose telling words the question uses (read with or without diacritics).
 *
 * <p>A price may be quoted per day, night, week, month or hour ("200.000đ/ngày", "120,000 VND per day"); a
 * question asking for a duration ("4 ngày", "3 days", "1 tuần") multiplies it. All matching here runs over folded
 * text (lower case, no diacritics) with patterns that cannot backtrack over the input more than linearly.
 */
final class PricedItems {

    /** A duration unit a price is quoted per; {@code days} is the unit in days, 0 for hour and month. */
    enum Unit {
        HOUR(0, "giờ", "hour"), DAY(1, "ngày", "day"), NIGHT(1, "đêm", "night"), WEEK(7, "tuần", "week"),
        MONTH(0, "tháng", "month");

        final int days;
        final String vi;
        final String en;

        Unit(int days, String vi, String en) {
            this.days = days;
            this.vi = vi;
            this.en = en;
        }

        /** "3 ngày", "1 day", "3 days". */
        String count(int n, String language) {
            return "vi".equals(language) ? n + " " + vi : n + " " + en + (n == 1 ? "" : "s");
        }
    }

    /**
     * A duration asked for.
     *
     * @param count how many units, at least 1
     * @param unit  the unit
     */
    record Duration(int count, Unit unit) {

        /** How many of {@code per} this duration holds, or 0 when the units do not convert (a month in days). */
        int in(Unit per) {
            if (per == unit || (per.days == 1 && unit.days == 1)) {
                return count;
            }
            if (per.days > 0 && unit.days > 0 && unit.days % per.days == 0) {
                return count * (unit.days / per.days);
            }
            return 0;
        }
    }

    /**
     * One priced item of an entry.
     *
     * @param name   the words before the amount, trimmed ("Thay săm mới", "xe đạp địa hình"); may be empty
     * @param clause the whole clause, without final punctuation
     * @param money  its amount (offsets are in the entry's text)
     * @param per    the duration the amount is quoted per, or {@code null}
     * @param perText how the entry writes "per that duration" right after the amount ("/ngày", " per day"), or ""
     */
    record Item(String name, String clause, Money money, Unit per, String perText) {
    }

    private static final Pattern CUT = Pattern.compile("[,;]\\s+|(?<=[.!?])\\s+|\\n+");
    /** "/ngày", "per day", "mỗi đêm", "a night", "1 tháng" right after an amount (folded). */
    private static final Pattern PER = Pattern.compile(
            "^\\s{0,2}(?:/\\s?|per |moi |mot |a |an |each |1 )(ngay|days?|dem|nights?|tuan|weeks?|thang|months?|gio|hours?|h)\\b");
    /** A count and a duration unit in a question (folded): "4 ngay", "3 days", "hai tuan", "a week". */
    private static final Pattern ASKED = Pattern.compile(
            "\\b(\\d{1,3}|mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi|one|two|three|four|five|six|seven|eight|nine|ten|a|an)"
                    + " ?(ngay|days?|dem|nights?|tuan|weeks?|thang|months?|gio|tieng|hours?)\\b");
    private static final Map<String, Integer> WORDS = Map.ofEntries(
            Map.entry("mot", 1), Map.entry("hai", 2), Map.entry("ba", 3), Map.entry("bon", 4), Map.entry("tu", 4),
            Map.entry("nam", 5), Map.entry("sau", 6), Map.entry("bay", 7), Map.entry("tam", 8), Map.entry("chin", 9),
            Map.entry("muoi", 10), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("a", 1), Map.entry("an", 1));
    /** Words that name no item (folded): joiners, price words, articles. */
    private static final Set<String> NOT_NAMES = Set.of("va", "and", "or", "hoac", "the", "a", "an", "of", "for",
            "per", "gia", "price", "tu", "from", "voi", "with", "la", "is", "chi", "only", "con", "cho", "mot");
    /** What separates the things a question names ("thay săm mới và thay xích", "A, B and C"). */
    private static final Pattern JOINERS = Pattern.compile("\\s(?:va|and|voi|plus|cung|kem)\\s|[,;+&]");

    private PricedItems() {
    }

    /** The entry's priced items, in order; an entry with one amount has one item. */
    static List<Item> items(String text) {
        List<Item> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        List<Money> amounts = Money.findAll(text);
        Matcher cut = CUT.matcher(text);
        int start = 0;
        while (start < text.length()) {
            int end = cut.find() ? cut.start() : text.length();
            int next = end < text.length() ? cut.end() : text.length();
            Money only = null;
            int found = 0;
            for (Money m : amounts) {
                if (m.start() >= start && m.end() <= end) {
                    only = m;
                    found++;
                }
            }
            if (found == 1) {
                String name = text.substring(start, only.start()).strip();
                String after = text.substring(only.end(), end);
                Matcher per = PER.matcher(Text.fold(after.toLowerCase(Locale.ROOT)));
                Unit unit = null;
                String perText = "";
                if (per.find()) {
                    unit = unit(per.group(1));
                    perText = after.substring(0, Math.min(after.length(), per.end())).stripTrailing();
                }
                out.add(new Item(trimName(name), Facts.trimEnd(text.substring(start, end).strip()), only, unit,
                        perText));
            }
            start = next;
        }
        return out;
    }

    /**
     * The item of the entry the question names: the only item whose telling words (name words no other item has)
     * appear in a part of the question that is about this entry; null when the entry has fewer than two items or
     * the question names none of them or several.
     */
    static Item named(Knowledge k, String question) {
        List<Item> items = items(k.text());
        if (items.size() < 2 || question == null) {
            return null;
        }
        List<Set<String>> names = new ArrayList<>();
        Set<String> shared = new HashSet<>(words(k.title()));
        for (Item item : items) {
            names.add(words(item.name()));
        }
        List<Set<String>> telling = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Set<String> own = new HashSet<>(names.get(i));
            for (int j = 0; j < items.size(); j++) {
                if (j != i) {
                    own.removeAll(names.get(j));
                    shared.addAll(intersection(names.get(i), names.get(j)));
                }
            }
            own.removeAll(words(k.title())); // the entry's own title names every item of it
            telling.add(own);
        }
        String folded = " " + String.join(" ", words(question.toLowerCase(Locale.ROOT), false)) + " ";
        Item pick = null;
        for (String segment : JOINERS.split(folded)) {
            Set<String> said = new HashSet<>(words(segment, false));
            if (said.isEmpty()) {
                continue;
            }
            int best = 0;
            int bestAt = -1;
            boolean tie = false;
            for (int i = 0; i < items.size(); i++) {
                int score = intersection(telling.get(i), said).size();
                if (score > best) {
                    best = score;
                    bestAt = i;
                    tie = false;
                } else if (score == best && score > 0) {
                    tie = true;
                }
            }
            if (bestAt < 0 || tie) {
                continue;
            }
            // a part naming another thing ("thay xích" beside "vá săm") must also say a word of this entry
            Set<String> about = new HashSet<>(shared);
            about.addAll(names.get(bestAt));
            about.removeAll(telling.get(bestAt));
            if (!about.isEmpty() && intersection(about, said).isEmpty() && JOINERS.matcher(folded).find()) {
                continue;
            }
            if (pick != null && pick != items.get(bestAt)) {
                return null;
            }
            pick = items.get(bestAt);
        }
        return pick;
    }

    /** The duration the question asks for ("thuê 4 ngày", "for 3 days", "hai tuần"), or null. */
    static Duration asked(String question) {
        if (question == null) {
            return null;
        }
        String folded = String.join(" ", words(question.toLowerCase(Locale.ROOT), false));
        Matcher m = ASKED.matcher(folded);
        while (m.find()) {
            String n = m.group(1);
            Integer count = n.chars().allMatch(Character::isDigit) ? Integer.valueOf(n) : WORDS.get(n);
            if (count != null && count > 0) {
                return new Duration(count, unit(m.group(2)));
            }
        }
        return null;
    }

    /** The unit a duration word names (folded, singular or plural). */
    static Unit unit(String word) {
        String w = word.endsWith("s") && word.length() > 3 ? word.substring(0, word.length() - 1) : word;
        return switch (w) {
            case "ngay", "day" -> Unit.DAY;
            case "dem", "night" -> Unit.NIGHT;
            case "tuan", "week" -> Unit.WEEK;
            case "thang", "month" -> Unit.MONTH;
            default -> Unit.HOUR;
        };
    }

    /**
     * The duration unit written right after a count in a sentence ("từ 3 ngày", "from 3 days"): the unit of the
     * word starting at {@code at} (after spaces), or null when that word is no duration.
     */
    static Unit unitAt(String sentence, int at) {
        if (at < 0 || at > sentence.length()) {
            return null;
        }
        String rest = Text.fold(sentence.substring(at).toLowerCase(Locale.ROOT)).stripLeading();
        Matcher m = Pattern.compile("^(ngay|days?|dem|nights?|tuan|weeks?|thang|months?|gio|hours?)\\b").matcher(rest);
        return m.find() ? unit(m.group(1)) : null;
    }

    private static String trimName(String name) {
        String n = name;
        for (String lead : List.of("giá", "gia", "price", "chỉ", "từ")) {
            if (n.toLowerCase(Locale.ROOT).endsWith(" " + lead)) {
                n = n.substring(0, n.length() - lead.length()).strip();
            }
        }
        return n.replaceAll("[:\\-–(]+$", "").strip();
    }

    private static Set<String> words(String text) {
        return new LinkedHashSet<>(words(text, true));
    }

    private static List<String> words(String text, boolean namesOnly) {
        List<String> out = new ArrayList<>();
        for (Text.Token t : Text.words(text)) {
            String w = t.folded();
            if (!namesOnly || (w.length() >= 2 && !t.numeric() && !NOT_NAMES.contains(w))) {
                out.add(w);
            }
        }
        return out;
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.retainAll(b);
        return out;
    }
}
