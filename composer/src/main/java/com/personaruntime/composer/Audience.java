package com.personaruntime.composer;

import java.util.List;
import java.util.Locale;

/**
 * Who the reply is for: the audience segment (chosen by the embedding page, or inferred from how
 * the audience writes) and their sentiment. The composer and the model's system prompt both use it.
 *
 * @param segment   the persona's segment name, or {@code null} when none applies
 * @param style     that segment's style instructions (empty without a segment)
 * @param inferred  true when the segment was inferred from the messages rather than chosen
 * @param sentiment the audience's mood in the current message (earlier messages' moods are not carried over)
 */
public record Audience(String segment, List<String> style, boolean inferred, Sentiment sentiment) {

    /** No segment, neutral mood. */
    public static final Audience NONE = new Audience(null, List.of(), false, Sentiment.NEUTRAL);

    /** Register of the reply wording derived from the segment's style. */
    public enum Register {
        /** Playful, slang allowed ("playful slang is fine", "được dùng từ lóng", genz). */
        CASUAL,
        /** Polite and to the point ("formal", "lịch sự", "đi thẳng vào vấn đề", professionals). */
        FORMAL,
        /** Neither: the persona's own voice. */
        PLAIN
    }

    private static final List<String> CASUAL_CUES = List.of("playful", "slang", "fun", "casual", "emoji", "genz",
            "gen z", "teen", "young", "student", "tu long", "vui ve", "nang dong", "tre trung", "hai huoc", "than thien");
    private static final List<String> FORMAL_CUES = List.of("formal", "polite", "professional", "concise",
            "to the point", "business", "corporate", "lich su", "trang trong", "di thang", "ngan gon", "chuyen nghiep");
    private static final List<String> EXPLAIN_CUES = List.of("explain", "jargon", "simple", "step", "beginner",
            "newcomer", "giai thich", "don gian", "tung buoc", "nguoi moi");

    /** Validates and copies. */
    public Audience {
        style = style == null ? List.of() : List.copyOf(style);
        sentiment = sentiment == null ? Sentiment.NEUTRAL : sentiment;
    }

    /** The register the segment asks for. */
    public Register register() {
        String all = Text.fold(String.join(" ", style) + " " + (segment == null ? "" : segment));
        if (contains(all, FORMAL_CUES)) {
            return Register.FORMAL;
        }
        if (contains(all, CASUAL_CUES)) {
            return Register.CASUAL;
        }
        return Register.PLAIN;
    }

    /** True when the segment asks for explanations and a simple next step (beginners). */
    public boolean explains() {
        return contains(Text.fold(String.join(" ", style) + " " + (segment == null ? "" : segment)), EXPLAIN_CUES);
    }

    private static boolean contains(String folded, List<String> cues) {
        for (String c : cues) {
            if ((" " + folded.replaceAll("[^\\p{L}\\p{N}]+", " ") + " ").contains(" " + c + " ")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The audience of one message.
     *
     * @param persona the persona (its segments)
     * @param chosen  the segment the embedding page chose, or {@code null}; must be one of the persona's
     *                (callers validate it first)
     * @param message the current audience message
     * @param history the audience's earlier messages in this conversation, oldest first
     */
    public static Audience resolve(ComposerPersona persona, String chosen, String message, List<String> history) {
        Sentiment sentiment = Sentiment.of(message); // the current message's mood only, never an earlier one's
        if (chosen != null) {
            var seg = persona.segment(chosen);
            if (seg.isPresent()) {
                return new Audience(seg.get().name(), seg.get().style(), false, sentiment);
            }
        }
        ComposerPersona.Segment inferred = infer(persona, message, history);
        return inferred == null ? new Audience(null, List.of(), false, sentiment)
                : new Audience(inferred.name(), inferred.style(), true, sentiment);
    }

    /**
     * Infers a segment from how the audience writes: slang and teencode point to a casual segment,
     * formal address to a formal one, "I'm new to this" to one that explains, expert vocabulary to
     * one that welcomes it; a message naming a segment picks it. Null when nothing points anywhere.
     */
    static ComposerPersona.Segment infer(ComposerPersona persona, String message, List<String> history) {
        if (persona.audiences().isEmpty()) {
            return null;
        }
        StringBuilder all = new StringBuilder(message == null ? "" : message);
        if (history != null) {
            for (String h : history) {
                all.append(" \n ").append(h);
            }
        }
        String text = all.toString();
        String folded = " " + Text.fold(text).replaceAll("[^\\p{L}\\p{N}]+", " ") + " ";
        for (ComposerPersona.Segment s : persona.audiences()) {
            String name = Text.fold(s.name()).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
            if (!name.isEmpty() && folded.contains(" " + name + " ")) {
                return s;
            }
        }
        int slang = 0;
        for (String w : List.of(" kcn ", " bn ", " ko ", " k ", " j ", " dc ", " r ", " nha ", " ne ", " xiu ", " vai ",
                " lol ", " omg ", " khum ", " hok ", " z ", " oke ", " okie ", " sp ", " ad ", " u ", " ur ", " pls ",
                " lit ", " vibe ", " slay ", " bestie ", " xinh xiu ", " iu ", " hihi ", " haha ", " =)) ")) {
            if (folded.contains(w) || text.toLowerCase(Locale.ROOT).contains(w.strip() + " ")) {
                slang++;
            }
        }
        boolean formal = folded.contains(" kinh gui ") || folded.contains(" quy cong ty ") || folded.contains(" dear ")
                || folded.contains(" kindly ") || folded.contains(" i would like to ") || folded.contains(" xin vui long ")
                || folded.contains(" to whom ") || folded.contains(" regards ") || folded.contains(" doanh nghiep ")
                || folded.contains(" our company ") || folded.contains(" cong ty ");
        boolean beginner = folded.contains(" new to ") || folded.contains(" beginner") || folded.contains(" first time ")
                || folded.contains(" moi bat dau ") || folded.contains(" lan dau ") || folded.contains(" never tried ")
                || folded.contains(" khong biet gi ") || folded.contains(" newbie ");
        boolean expert = folded.contains(" ratio ") || folded.contains(" extraction ") || folded.contains(" tds ")
                || folded.contains(" ty le ") || folded.contains(" bloom ") || folded.contains(" gsm ")
                || folded.contains(" denier ") || folded.contains(" hydrostatic ");
        for (ComposerPersona.Segment s : persona.audiences()) {
            Audience a = new Audience(s.name(), s.style(), true, Sentiment.NEUTRAL);
            String sname = Text.fold(s.name() + " " + String.join(" ", s.style()));
            if (formal && a.register() == Register.FORMAL) {
                return s;
            }
            if (beginner && a.explains()) {
                return s;
            }
            if (expert && (sname.contains("enthusiast") || sname.contains("expert") || sname.contains("pro")
                    || sname.contains("welcome"))) {
                return s;
            }
        }
        if (slang >= 2) {
            for (ComposerPersona.Segment s : persona.audiences()) {
                if (new Audience(s.name(), s.style(), true, Sentiment.NEUTRAL).register() == Register.CASUAL) {
                    return s;
                }
            }
        }
        return null;
    }
}
