package com.personaruntime.composer;

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

    private Titles() {
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

    /** Whether the title is a question (an FAQ's "Có giao hàng tỉnh không?", "Do you ship abroad?"). */
    static boolean question(String title) {
        String t = title == null ? "" : title.strip();
        return t.endsWith("?") || t.endsWith("？");
    }
}
