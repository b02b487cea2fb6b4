package com.personaruntime.composer;

import java.util.List;
import java.util.Objects;

/**
 * One brand-approved fact sheet. The composer asserts nothing that is not in a {@code title} or
 * {@code text}.
 *
 * @param id    unique within a persona, not blank
 * @param title short name of what the entry is about (a product, "Shipping policy", ...), not blank. A title written
 *              as a question (an FAQ's, or an entry made from an audience's question: "Có trà sữa matcha không?") is
 *              never said as it is: replies say the noun phrase it asks about ("trà sữa matcha") or the entry's fact
 *              alone (see {@link #titleFor})
 * @param text  the approved facts, not blank
 * @param tags  free-form tags (e.g. {@code product}, {@code shipping}); may be empty, never null after construction
 */
public record Knowledge(String id, String title, String text, List<String> tags) {

    /**
     * Whether the brand tagged this entry as a product: a tag {@code product}, {@code products}, {@code sản phẩm} or
     * {@code san-pham}, compared folded (case and diacritics ignored).
     */
    boolean productTagged() {
        for (String tag : tags) {
            String t = Text.fold(tag);
            if (t.equals("product") || t.equals("products") || t.equals("san pham") || t.equals("san-pham")) {
                return true;
            }
        }
        return false;
    }

    /** Validates and copies the arguments. */
    public Knowledge {
        id = requireText(id, "id", null);
        title = requireText(title, "title", id);
        text = requireText(text, "text", id);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** An entry without tags. */
    public Knowledge(String id, String title, String text) {
        this(id, title, text, List.of());
    }

    /**
     * The title to propose for an entry made from an audience's question (the console's "add a knowledge entry" from
     * a knowledge gap): the thing the question asks about ("Có trà sữa matcha không?" -> "trà sữa matcha", "Do you
     * offer gift wrapping?" -> "gift wrapping"), the text itself when it is no question, or "" when the question names
     * no such thing ("How long does delivery take?"): the brand then names the entry. A title is a name the persona
     * says; it is never a question.
     *
     * @param question the audience's question, may be null
     * @return the proposed title, never null
     */
    public static String titleFor(String question) {
        if (question == null || question.isBlank()) {
            return "";
        }
        String spoken = Titles.spoken(question.strip());
        return spoken == null ? "" : spoken;
    }

    static String requireText(String value, String field, String owner) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("knowledge" + (owner == null ? "" : " '" + owner + "'")
                    + ": " + field + " must not be blank, was " + (value == null ? "null" : "'" + value + "'"));
        }
        return value.strip();
    }

    @Override
    public String toString() {
        return "Knowledge[" + Objects.toString(id) + "]";
    }
}
