package com.personaruntime.composer;

import java.util.List;
import java.util.Set;

/**
 * A request that the brand call the audience back: "gọi lại cho mình nhé", "shop gọi cho em theo số ... được không",
 * "goi lai cho minh nha", "please call me back", "give me a call", "can someone ring me?". The persona cannot call
 * anyone, and a number typed in the chat is hidden from the brand's staff (see README, "Audience contact data"), so such
 * a message is answered with that and the way to reach a person, never with the hotline as if it had been asked.
 *
 * <p>Not a callback: asking how to call the brand ("số hotline là gì", "can I call you?", "mình gọi cho shop được
 * không"), the audience saying it will call ("mình gọi lại sau", "I'll call back later"), and "gói" (a pack, or to
 * wrap) typed without diacritics unless "lại"/"điện" and a first-person word follow. Read on teencode-expanded tokens
 * ({@link Text#tokens}); linear in the number of tokens.
 */
final class Callback {

    /** Words by which the audience names itself (folded): the one to be called. */
    private static final Set<String> SELF = Set.of("minh", "em", "toi", "to", "tui", "t", "e", "mk", "mik", "anh", "chi",
            "me", "us");
    /** A first-person subject before the verb: the audience will call ("mình gọi lại sau", "I'll call back"). */
    private static final Set<String> SUBJECT = Set.of("minh", "toi", "to", "tui", "mk", "mik", "de", "se", "i", "ill",
            "we", "well");
    /** Words between the verb and whom it calls: "gọi (lại) (điện) (cho)", "call (me) back". */
    private static final Set<String> BETWEEN = Set.of("lai", "dien", "cho", "giup", "dum", "ho", "voi", "back");
    /** What may end a "gọi lại" request: politeness particles and "được không". */
    private static final Set<String> REQUEST_END = Set.of("nhe", "nha", "nhen", "a", "duoc", "dc", "giup", "dum", "voi",
            "di", "sau", "som", "ngay", "khong", "ko", "k", "please", "asap", "soon");
    private static final Set<String> EN_VERBS = Set.of("call", "ring", "phone", "callback");

    /** First words of what a call is asked for, right after "gọi lại" (folded): báo giá, tư vấn, xác nhận, hẹn. */
    private static final Set<String> PURPOSE = Set.of("bao", "tu", "xac", "hen", "huong", "giai", "chot", "kiem",
            "confirm", "check");
    /** Verbs asking to be sent something (plain English): "send me", "email me the list", "text us". */
    private static final Set<String> EN_SEND = Set.of("send", "email", "e", "mail", "text", "message", "dm", "forward",
            "whatsapp", "sms");
    /** Vietnamese sending verbs, as typed with diacritics: "gửi", "gởi", "nhắn", "inbox". */
    private static final Set<String> VI_SEND = Set.of("gửi", "gởi", "nhắn", "inbox", "ib");
    /** Words before whom or where a sending verb sends (folded): "to me", "cho mình", "qua zalo", "vào email". */
    private static final Set<String> TO = Set.of("to", "cho", "qua", "vao", "via", "by", "on");
    /** Channels outside the chat (folded): named, the audience wants something sent there. */
    private static final Set<String> CHANNELS = Set.of("email", "mail", "gmail", "zalo", "sms", "whatsapp", "messenger",
            "viber", "telegram", "inbox", "so", "sdt", "phone", "number", "address");

    private Callback() {
    }

    /**
     * True when the tokens ask the brand to send the audience something outside this chat: a sending verb aimed at
     * the audience ("send me", "email me", "gửi cho mình", "nhắn qua zalo cho em") in a message that names a channel
     * or gives contact data ("my email is ...", "số mình là ..."). The persona sends nothing anywhere; "gửi mình
     * bảng giá" alone asks to be shown it here and is no such request. Linear in the number of tokens.
     */
    static boolean sendAsked(List<Text.Token> tokens) {
        boolean channel = false;
        for (Text.Token t : tokens) {
            channel |= CHANNELS.contains(t.folded());
        }
        if (!channel) {
            return false;
        }
        for (int i = 0; i < tokens.size(); i++) {
            Text.Token t = tokens.get(i);
            String prev = i > 0 ? tokens.get(i - 1).folded() : "";
            boolean en = EN_SEND.contains(t.folded()) && t.plain();
            boolean vi = VI_SEND.contains(t.raw()) || (t.folded().equals("gui") && t.plain());
            if (!(en || vi) || SUBJECT.contains(prev)) {
                continue;
            }
            if (sendsTo(tokens, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the tokens hold a sending verb aimed at the audience, with or without a channel: "send me the price
     * list", "gửi bảng giá cho mình". Alone this may just ask to be shown something here; see {@link #sendAsked}.
     */
    static boolean sendVerb(List<Text.Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            if (sendsTo(tokens, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A sending verb at {@code i} aimed at the audience or a channel: right after it ("send me", "gửi mình"), or
     * within six words after "to/cho/qua/vào" ("send the list to my email", "gửi bảng giá qua zalo cho mình").
     */
    private static boolean sendsTo(List<Text.Token> tokens, int i) {
        Text.Token t = tokens.get(i);
        String prev = i > 0 ? tokens.get(i - 1).folded() : "";
        boolean en = EN_SEND.contains(t.folded()) && t.plain();
        boolean vi = VI_SEND.contains(t.raw()) || (t.folded().equals("gui") && t.plain());
        if (!(en || vi) || SUBJECT.contains(prev) || prev.equals("will")) {
            return false;
        }
        if (i + 2 < tokens.size() && SELF.contains(tokens.get(i + 1).folded()) && tokens.get(i + 2).folded().equals("la")) {
            return false; // "email mình là lan@…", "zalo em là …": the asker's own address, no request to send
        }
        if (i + 1 < tokens.size() && (SELF.contains(tokens.get(i + 1).folded()) && !tokens.get(i + 1).folded().equals("anh")
                && !tokens.get(i + 1).folded().equals("chi"))) {
            return true; // "send me", "email us", "gửi mình", "nhắn em"
        }
        for (int j = i + 1; j + 1 < tokens.size() && j <= i + 6; j++) {
            String w = tokens.get(j).folded();
            String next = tokens.get(j + 1).folded();
            if (TO.contains(w) && (SELF.contains(next) || next.equals("my") || CHANNELS.contains(next))) {
                return true; // "to my email", "cho mình", "qua zalo", "vào email"
            }
        }
        return false;
    }

    /** True when the tokens ask the brand to call the audience (see the class comment). */
    static boolean asked(List<Text.Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            Text.Token t = tokens.get(i);
            String prev = i > 0 ? tokens.get(i - 1).folded() : "";
            String next = i + 1 < tokens.size() ? tokens.get(i + 1).folded() : "";
            if (EN_VERBS.contains(t.folded()) && t.plain()) {
                // "call me (back)", "ring me", "give me a call", "can you call back", "callback"
                if (next.equals("me") || next.equals("us") || t.folded().equals("callback")
                        || (next.equals("back") && !SUBJECT.contains(prev))
                        || (t.folded().equals("call") && prev.equals("a") && i >= 3
                        && tokens.get(i - 2).folded().equals("me") && tokens.get(i - 3).folded().equals("give"))) {
                    return true;
                }
                continue;
            }
            boolean verb = t.raw().equals("gọi") || (t.folded().equals("goi") && t.plain()
                    && (next.equals("lai") || next.equals("dien")));
            if (!verb || SUBJECT.contains(prev)) {
                continue;
            }
            boolean again = false;
            int j = i + 1;
            while (j < tokens.size() && j <= i + 3 && BETWEEN.contains(tokens.get(j).folded())) {
                again |= tokens.get(j).folded().equals("lai") || tokens.get(j).folded().equals("dien");
                j++;
            }
            if (j > i + 1 && j < tokens.size() && SELF.contains(tokens.get(j).folded())) {
                return true; // "gọi lại cho mình", "gọi cho em", "gọi điện cho chị"
            }
            if (again && t.raw().equals("gọi") && (j == tokens.size() || REQUEST_END.contains(tokens.get(j).folded()))) {
                return true; // "gọi lại nhé", "gọi lại giúp mình được không"
            }
            if (again && j < tokens.size() && PURPOSE.contains(tokens.get(j).folded())) {
                return true; // "shop gọi lại báo giá nhé", "goi lai tu van giup": a call asked for a purpose
            }
        }
        return false;
    }
}
