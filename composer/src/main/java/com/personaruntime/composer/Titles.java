package com.personaruntime.composer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The name of the thing an entry is about, for a reply that names it: an entry titled as a document about a product
 * ("Áo thun cotton Sen Đá: bảng size", "Merino Hiking Socks: size guide", "Máy lọc nước - hướng dẫn sử dụng") is
 * about that product, so "Áo thun cotton Sen Đá is not a medicine", never "… : bảng size is not a medicine". Other
 * titles are returned as they are.
 */
final class Titles {

    /** Folded names of documents about a product, after a colon or a dash. */
    private static final Set<String> DOCUMENTS = Set.of("bang size", "size", "sizes", "size guide", "size chart",
            "sizing", "sizing guide", "huong dan chon size", "chon size", "bang kich co", "kich co", "huong dan",
            "huong dan su dung", "cach dung", "how to use", "care guide", "care", "faq", "bang gia", "gia",
            "price list", "prices", "thong tin", "info", "details", "chi tiet", "thong so", "specs", "specifications");

    /** Words that open a title written as a yes-no question about having something (folded, longest first). */
    private static final List<String> OPENERS = List.of("ben minh co ban", "ben ban co ban", "shop co ban",
            "ben minh co", "ben ban co", "ben shop co", "shop minh co", "shop co", "minh co", "co ban", "co",
            "do you have any", "do you have", "do you sell", "do you carry", "do you stock", "do you offer",
            "have you got", "is there any", "is there an", "is there a", "is there", "are there any", "are there",
            "can i buy", "can i get", "any");
    /** Words that close such a question (folded): "không", "ko", particles, the shop addressed. */
    private static final Set<String> CLOSERS = Set.of("khong", "ko", "k", "kh", "hong", "hok", "khum", "chua", "a",
            "shop", "ad", "admin", "nhi", "vay", "nhe", "nha", "ban", "em", "oi", "please");
    /** Words that make the rest a question still, not a name (folded). */
    private static final Set<String> STILL_ASKING = Set.of("nhieu", "how", "what", "which", "when", "where", "why",
            "who", "does", "do", "can", "is", "are", "duoc", "khong", "ko");
    /** The same in Vietnamese spellings whose plain form is another word ("mấy", not "máy"; "thế", not "the"). */
    private static final Set<String> STILL_ASKING_VI = Set.of("bao", "mấy", "nào", "gì", "đâu", "thế", "lâu", "có");
    private static final Set<String> ARTICLES = Set.of("a", "an", "any", "some", "the");

    private Titles() {
    }

    /**
     * The name a title speaks of, for a title written as a question (an entry a brand made from an audience's question,
     * "Có trà sữa matcha không?", "Shop có bán thẻ quà tặng không ạ?", "Do you have gift cards?"): the noun phrase it
     * asks about ("trà sữa matcha", "thẻ quà tặng", "gift cards"), so a reply never says "Về Có trà sữa matcha không?
     * thì ...". Null when the title is a question that names no such thing ("Giao hàng mất bao lâu?", "How long does
     * delivery take?"); the title itself when it is no question.
     */
    static String spoken(String title) {
        if (title == null || !question(title)) {
            return title;
        }
        String t = title.strip();
        while (!t.isEmpty() && "?!.… ".indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(0, t.length() - 1);
        }
        List<String> words = new ArrayList<>(Arrays.asList(t.split("\\s+")));
        // closers at the end ("không ạ", "ko shop")
        while (!words.isEmpty() && CLOSERS.contains(Text.fold(words.get(words.size() - 1)).replaceAll("[^a-z]", ""))) {
            words.remove(words.size() - 1);
        }
        // an opener at the start ("Shop có bán", "Do you have")
        String folded = Text.fold(String.join(" ", words)).replaceAll("[^a-z0-9 ]", "");
        for (String o : OPENERS) {
            if (folded.equals(o) || folded.startsWith(o + " ")) {
                int n = o.split(" ").length;
                words = new ArrayList<>(words.subList(Math.min(n, words.size()), words.size()));
                break;
            }
        }
        while (!words.isEmpty() && ARTICLES.contains(words.get(0).toLowerCase(java.util.Locale.ROOT))) {
            words.remove(0);
        }
        if (words.isEmpty()) {
            return null;
        }
        for (String w : words) {
            String raw = java.text.Normalizer.normalize(w.toLowerCase(java.util.Locale.ROOT), java.text.Normalizer.Form.NFC)
                    .replaceAll("[^\\p{L}]", "");
            if (STILL_ASKING.contains(Text.fold(w).replaceAll("[^a-z]", "")) || STILL_ASKING_VI.contains(raw)) {
                return null;
            }
        }
        return String.join(" ", words);
    }

    /**
     * Whether a title is written as a question (an FAQ's "Có giao hàng tỉnh không?", "Do you ship abroad?", an entry
     * made from an audience's question): it ends with "?", or it opens like a yes-no question ("Do you have ...") or
     * closes with "không"/"ko"/"chưa" ("co tra sua matcha ko").
     */
    static boolean question(String title) {
        String t = title == null ? "" : title.strip();
        if (t.endsWith("?") || t.endsWith("？")) {
            return true;
        }
        if (t.isEmpty()) {
            return false;
        }
        String[] words = Text.fold(t).replaceAll("[^a-z0-9 ]", " ").trim().split("\\s+");
        String last = words[words.length - 1];
        return words.length >= 3 && (last.equals("khong") || last.equals("ko") || last.equals("chua")
                || (words[0].equals("do") && words[1].equals("you")));
    }

    /** The product an entry's title names, without a trailing document name. */
    static String product(String title) {
        if (title == null) {
            return null;
        }
        String t = title.strip();
        int cut = Math.max(t.lastIndexOf(':'), Math.max(t.lastIndexOf(" - "), t.lastIndexOf(" – ")));
        if (cut <= 0) {
            return t;
        }
        String tail = t.substring(cut + 1).replace("-", " ").replace("–", " ").strip();
        String head = t.substring(0, cut).strip();
        return !head.isEmpty() && DOCUMENTS.contains(Text.fold(tail).replaceAll("\\s+", " ")) ? head : t;
    }
}
