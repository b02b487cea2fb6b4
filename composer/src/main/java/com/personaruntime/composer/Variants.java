package com.personaruntime.composer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes and packs named in a text, the way a product's entry prices its variants on their own ("Size 16 cm giá
 * 320.000 đ, size 20 cm giá 450.000 đ", "hộp 6 cái 190.000 đ", "Small loaf (500 g) £6", "a box of 4 for £14") and the
 * way a question names one ("size 20", "cỡ 20", "loại 20", "16cm", "8 inch", "gói 500g", "1 litre", "hộp 6 cái",
 * "box of 6", "combo 3 gói", "the large loaf"). Each is read as a language-neutral key, so "box of 6" asks for "hộp 6
 * cái" and "1 litre" for "chai 1 lít":
 * <ul>
 *   <li>a <b>measure</b>, a number and a unit: {@code 500g}, {@code 1l}, {@code 16cm}, {@code 8in};</li>
 *   <li>a <b>numbered size</b>, a size word or a sizing system and a number without a unit ("size 20", "cỡ 20", "loại
 *   20", "EU 44", "UK 9"): {@code 20},
 *   the same size as any measure with that number ("size 20" is "size 20 cm");</li>
 *   <li>a <b>lettered size</b> ("size M", "size XL"): {@code size:m};</li>
 *   <li>a <b>pack</b>, a container and a count ("hộp 6 cái", "box of 6", "pack of 3", "6-pack", "combo 3 gói"):
 *   {@code pack:6};</li>
 *   <li>a <b>size adjective</b> ("small", "large", "big", "nhỏ", "lớn"): {@code adj:small}, {@code adj:large}.</li>
 * </ul>
 * A size's numbers are never a count of items (the composer skips their spans when it reads quantities), and its
 * unit words name no product. Vietnamese words whose plain spelling is another word match only with their diacritics:
 * "cỡ" (plain "co" is "có"), "bộ" ("bơ"), "nhỏ" ("nho", grapes), "lớn" ("lon"). Patterns are linear (no nested
 * quantifiers); texts are short messages and knowledge entries.
 */
final class Variants {

    private Variants() {
    }

    /** One size or pack in a text: its key (see the class comment) and its char span in the NFC text. */
    record Size(String key, int start, int end) {
        /** True for a pack ("hộp 6 cái", "box of 6"). */
        boolean pack() {
            return key.startsWith("pack:");
        }
    }

    private static final String UNIT = "g|gr|gram|grams|gam|kg|ml|l|lít|lit|litre|liter|litres|liters|oz|cl|cm|mm|"
            + "inch|inches|in|\"|″";
    /** A number and a unit: "500g", "500 g", "1 lít", "16cm", "8-inch", "8\"". */
    private static final Pattern MEASURE = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}.,])(\\d{1,5}(?:[.,]\\d{1,2})?)[\\s-]?("
            + UNIT + ")(?![\\p{L}\\p{N}])");
    /** A size word and a number or size letters: "size 20", "cỡ 20", "loại 20", "size M", "sz XL". */
    private static final Pattern NUMBERED = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])(size|sz|cỡ|loại|loai)\\s?"
            + "(\\d{1,3}|xxs|xs|s|m|l|xl|xxl|xxxl)(?![\\p{L}\\p{N}]|[.,]\\d)");
    /**
     * A shoe or garment size in a sizing system: "EU 44", "eu44", "US 10.5", "UK 9" (a number, never a count). "US"
     * and "UK" only in capitals ("send us 2 bags" names no size).
     */
    private static final Pattern SYSTEM = Pattern.compile("(?u)(?<![\\p{L}\\p{N}])(EU|Eu|eu|US|UK)\\s?(\\d{1,2}(?:[.,]5)?)"
            + "(?![\\p{L}\\p{N}]|[.,]\\d)");
    /** A container and a count: "hộp 6 cái", "box of 6", "pack of 3", "combo 3 gói", "set 4". */
    private static final Pattern PACK = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])(hộp|hop|box|boxes|combo|combos|set|sets|"
            + "pack|packs|bộ|khay|tray|lốc|loc|thùng|thung|carton|bundle|bundles)(?:\\s+of)?\\s+(\\d{1,2}|one|two|three|four|"
            + "five|six|eight|ten|twelve|hai|ba|bốn|năm|sáu|tám|mười)(?![\\p{L}\\p{N}]|[.,]\\d)");
    /** A count and a pack word: "6-pack", "3 pack", "4 pk". */
    private static final Pattern PACK_AFTER = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}.,])(\\d{1,2})[\\s-](pack|pk)"
            + "(?![\\p{L}\\p{N}])");
    /** Size adjectives (a plain "nho", "lon" is another word, see the class comment). */
    private static final Pattern ADJECTIVE = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])(small|medium|large|big|nhỏ|lớn)"
            + "(?![\\p{L}\\p{N}])");
    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(Map.entry("one", 1), Map.entry("two", 2),
            Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
            Map.entry("eight", 8), Map.entry("ten", 10), Map.entry("twelve", 12), Map.entry("hai", 2), Map.entry("ba", 3),
            Map.entry("bốn", 4), Map.entry("năm", 5), Map.entry("sáu", 6), Map.entry("tám", 8), Map.entry("mười", 10));
    /** Unit words of sizes (folded): they name no product ("litre" of "the 1 litre cashew milk"). */
    static final Set<String> UNIT_WORDS = Set.of("g", "gr", "gram", "grams", "gam", "kg", "ml", "l", "lit", "litre",
            "liter", "litres", "liters", "oz", "cl", "cm", "mm", "inch", "inches", "size", "sz");

    /** The sizes and packs the text names, in order. */
    static List<Size> find(String text) {
        List<Size> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        Matcher m = MEASURE.matcher(nfc);
        while (m.find()) {
            String unit = m.group(2).toLowerCase(Locale.ROOT);
            if (unit.equals("in") && nfc.substring(m.end(1), m.start(2)).isBlank() && m.end(1) < m.start(2)) {
                continue; // "8 in stock": only "8-inch" or "8in" is a size
            }
            out.add(new Size(number(m.group(1)) + unit(unit), m.start(), m.end()));
        }
        Matcher n = NUMBERED.matcher(nfc);
        while (n.find()) {
            String word = n.group(1);
            if (word.equalsIgnoreCase("loai") && !Character.isDigit(n.group(2).charAt(0))) {
                continue; // "loai m" typed plain is no size
            }
            String value = n.group(2).toLowerCase(Locale.ROOT);
            String key = Character.isDigit(value.charAt(0)) ? number(value) : "size:" + value;
            if (!covered(out, n.start(2))) {
                out.add(new Size(key, n.start(), n.end()));
            } else {
                extend(out, n.start(), n.start(2));
            }
        }
        Matcher system = SYSTEM.matcher(nfc);
        while (system.find()) {
            if (!covered(out, system.start(2))) {
                out.add(new Size(number(system.group(2)), system.start(), system.end()));
            } else {
                extend(out, system.start(), system.start(2));
            }
        }
        Matcher p = PACK.matcher(nfc);
        while (p.find()) {
            if (p.group(1).equalsIgnoreCase("loc") && Character.isLetter(p.group(2).charAt(0))) {
                continue;
            }
            String c = p.group(2).toLowerCase(Locale.ROOT);
            Integer count = Character.isDigit(c.charAt(0)) ? Integer.valueOf(c) : NUMBER_WORDS.get(c);
            if (count != null && !covered(out, p.start(2))) {
                out.add(new Size("pack:" + count, p.start(), p.end()));
            }
        }
        Matcher a = PACK_AFTER.matcher(nfc);
        while (a.find()) {
            if (!covered(out, a.start())) {
                out.add(new Size("pack:" + Integer.parseInt(a.group(1)), a.start(), a.end()));
            }
        }
        Matcher j = ADJECTIVE.matcher(nfc);
        while (j.find()) {
            String w = j.group(1).toLowerCase(Locale.ROOT);
            String key = switch (w) {
                case "small", "nhỏ" -> "adj:small";
                case "medium" -> "adj:medium";
                default -> "adj:large";
            };
            out.add(new Size(key, j.start(), j.end()));
        }
        out.sort((x, y) -> Integer.compare(x.start(), y.start()));
        return out;
    }

    /** The keys of {@link #find}. */
    static Set<String> keys(String text) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (Size s : find(text)) {
            out.add(s.key());
        }
        return out;
    }

    /**
     * True when a size asked is a size offered: the same key, or the same number where one side gives no unit ("size
     * 20" and "size 20 cm").
     */
    static boolean same(String asked, String offered) {
        if (asked.equals(offered)) {
            return true;
        }
        if (asked.contains(":") || offered.contains(":")) {
            return false;
        }
        String a = asked.replaceAll("[^0-9.]", "");
        String o = offered.replaceAll("[^0-9.]", "");
        boolean bareA = a.equals(asked);
        boolean bareO = o.equals(offered);
        return (bareA || bareO) && a.equals(o);
    }

    /** True when any size asked is one of the sizes offered. */
    static boolean anySame(Set<String> asked, Set<String> offered) {
        for (String a : asked) {
            for (String o : offered) {
                if (same(a, o)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean covered(List<Size> sizes, int at) {
        for (Size s : sizes) {
            if (at >= s.start() && at < s.end()) {
                return true;
            }
        }
        return false;
    }

    /** "size 16 cm": the measure found first takes the size word in front of it. */
    private static void extend(List<Size> sizes, int from, int at) {
        for (int i = 0; i < sizes.size(); i++) {
            Size s = sizes.get(i);
            if (at >= s.start() && at < s.end()) {
                sizes.set(i, new Size(s.key(), Math.min(from, s.start()), s.end()));
            }
        }
    }

    private static String number(String n) {
        String s = n.replace(',', '.');
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    private static String unit(String unit) {
        return switch (Text.fold(unit)) {
            case "gr", "gram", "grams", "gam" -> "g";
            case "lit", "litre", "liter", "litres", "liters" -> "l";
            case "inch", "inches", "in", "\"", "″" -> "in";
            default -> Text.fold(unit);
        };
    }
}
