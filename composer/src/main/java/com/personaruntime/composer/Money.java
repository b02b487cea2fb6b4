package com.personaruntime.composer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Money amounts in knowledge and questions: "390.000đ", "390k", "1,2 triệu", "$16.50", "€189",
 * "120 GBP". An amount keeps the way it was written so a computed total is written the same way
 * ("2 × 390.000đ = 780.000đ", "$33.00").
 *
 * @param amount the value in the currency's unit (dong, dollars ...)
 * @param start  start offset in the text it was read from
 * @param end    end offset (exclusive)
 * @param style  how it was written
 */
record Money(BigDecimal amount, int start, int end, Style style) {

    /**
     * How an amount is written.
     *
     * @param prefix    symbol before the number ("$"), or ""
     * @param suffix    unit after the number, with the space if there was one ("đ", " VND", "k"), or ""
     * @param grouping  thousands separator ("." or ","), or "" for none
     * @param decimals  digits after the decimal separator (0 or 2)
     * @param scale     multiplier of the written number (1000 for "k", 1,000,000 for "triệu")
     */
    record Style(String prefix, String suffix, String grouping, int decimals, BigDecimal scale) {
    }

    private static final Pattern PREFIXED = Pattern.compile(
            "([$€£]|(?<![\\p{L}])(?:USD|EUR|GBP|VND|US\\$)\\s?)\\s?(\\d(?:[\\d.,]*\\d)?)");
    private static final Pattern SUFFIXED = Pattern.compile(
            "(\\d(?:[\\d.,]*\\d)?)(\\s?)(đ|₫|vnđ|vnd|đồng|dong|usd|eur|gbp|€|\\$|k|nghìn|ngàn|triệu|tr|dollars?|euros?|pounds?)(?![\\p{L}\\p{N}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Every amount in the text, in order. */
    static List<Money> findAll(String text) {
        List<Money> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher p = PREFIXED.matcher(text);
        while (p.find()) {
            String symbol = p.group(1);
            BigDecimal[] n = number(p.group(2), symbol.strip().equals("VND"));
            if (n != null) {
                out.add(new Money(n[0], p.start(), p.end(),
                        new Style(symbol, "", groupingOf(p.group(2)), n[1].intValue(), BigDecimal.ONE)));
            }
        }
        Matcher s = SUFFIXED.matcher(text);
        while (s.find()) {
            if (overlaps(out, s.start(), s.end())) {
                continue;
            }
            String unit = s.group(3);
            String u = unit.toLowerCase(Locale.ROOT);
            BigDecimal scale = switch (u) {
                case "k", "nghìn", "ngàn" -> BigDecimal.valueOf(1000);
                case "triệu", "tr" -> BigDecimal.valueOf(1_000_000);
                default -> BigDecimal.ONE;
            };
            boolean dong = scale.compareTo(BigDecimal.ONE) > 0 || u.startsWith("đ") || u.equals("₫")
                    || u.startsWith("vn") || u.equals("dong");
            BigDecimal[] n = number(s.group(1), dong);
            if (n == null) {
                continue;
            }
            out.add(new Money(n[0].multiply(scale), s.start(), s.end(),
                    new Style("", s.group(2) + unit, groupingOf(s.group(1)), n[1].intValue(), scale)));
        }
        out.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return out;
    }

    private static boolean overlaps(List<Money> found, int start, int end) {
        for (Money m : found) {
            if (start < m.end() && m.start() < end) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads "390.000", "16.50", "1,299.00", "1,2": a separator followed by exactly three digits is a
     * thousands separator (unless the amount is in dong and uses a comma with fewer digits after it).
     * Returns {value, decimals} or null.
     */
    private static BigDecimal[] number(String s, boolean dong) {
        int lastDot = s.lastIndexOf('.');
        int lastComma = s.lastIndexOf(',');
        int last = Math.max(lastDot, lastComma);
        String digits;
        int decimals = 0;
        if (last < 0) {
            digits = s;
        } else {
            int after = s.length() - last - 1;
            boolean both = lastDot >= 0 && lastComma >= 0;
            boolean decimal = both || after != 3;
            if (decimal) {
                char sep = s.charAt(last);
                String intPart = s.substring(0, last).replace(".", "").replace(",", "");
                digits = intPart + "." + s.substring(last + 1);
                decimals = after;
                if (sep != '.' && sep != ',') {
                    return null;
                }
            } else {
                digits = s.replace(".", "").replace(",", "");
            }
        }
        try {
            return new BigDecimal[] {new BigDecimal(digits), BigDecimal.valueOf(decimals)};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String groupingOf(String s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if ((c == '.' || c == ',') && s.length() - i - 1 == 3) {
                return String.valueOf(c);
            }
        }
        return "";
    }

    /** The amount written in {@code style}: {@code format(780000, "390.000đ"'s style)} is "780.000đ". */
    static String format(BigDecimal amount, Style style) {
        BigDecimal written = amount.divide(style.scale(), 2, RoundingMode.HALF_UP);
        int decimals = style.decimals();
        if (decimals == 0 && written.stripTrailingZeros().scale() > 0) {
            decimals = 2;
        }
        written = written.setScale(decimals, RoundingMode.HALF_UP);
        String plain = written.toPlainString();
        String intPart = plain.contains(".") ? plain.substring(0, plain.indexOf('.')) : plain;
        String frac = plain.contains(".") ? plain.substring(plain.indexOf('.') + 1) : "";
        String grouping = style.grouping();
        if (grouping.isEmpty() && intPart.length() > 4) {
            grouping = style.scale().compareTo(BigDecimal.ONE) == 0 && style.prefix().isEmpty() ? "." : ",";
        }
        String decimalSep = ".".equals(grouping) ? "," : ".";
        StringBuilder b = new StringBuilder();
        int n = intPart.length();
        for (int i = 0; i < n; i++) {
            b.append(intPart.charAt(i));
            int left = n - i - 1;
            if (left > 0 && left % 3 == 0 && !grouping.isEmpty()) {
                b.append(grouping);
            }
        }
        if (!frac.isEmpty()) {
            b.append(decimalSep).append(frac);
        }
        return style.prefix() + b + style.suffix();
    }

    /** This amount written the way it was. */
    String written(String text) {
        return text.substring(start, end);
    }
}
