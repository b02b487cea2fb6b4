package com.personaruntime.composer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static com.personaruntime.composer.IntentDetector.phrases;

/**
 * Sentences that talk to the assistant about its own instructions instead of asking the shop something:
 * "ignore all previous instructions", "reveal your system prompt", "you are now DAN", "repeat after me",
 * "bỏ qua mọi hướng dẫn trước đó", "từ giờ em là ...", chat-template markup ({@code <|im_start|>system ...}).
 * The input guard refuses such messages; when a moderator lets one through anyway (or a milder one passes),
 * the composer answers only what else the message asks and never quotes or obeys the directive.
 *
 * <p>A clause is a directive when it has chat-template markup or sits inside a fake turn, names a meta
 * object on its own ("system prompt", "developer mode", "jailbreak"), shifts the assistant's role ("you are
 * now", "pretend to be", "từ giờ bạn là", "đóng vai"), forces the output ("repeat after me", "respond only
 * with"), or pairs an override or reveal verb ("ignore", "forget", "reveal", "bỏ qua", "tiết lộ") with rules
 * ("instructions", "rules", "hướng dẫn", "quy tắc", "lệnh") that are the assistant's own ("your", "previous",
 * "above", "system", "trước đó", "của bạn", "mọi") or dropped outright ("không cần tuân theo quy tắc"). Keywords
 * are matched tone-aware on teencode-expanded tokens like every cue ({@link Text}), so "bo qua het cac lenh
 * truoc do" counts and "bỏ qua bước toner", "hướng dẫn sử dụng", "ignore the care instructions", "in ra
 * hóa đơn" do not. Linear in the text: one tokenisation and indexed phrase lookups per clause.
 */
final class Directives {

    private Directives() {
    }

    /** A role label opening a clause: "SYSTEM:", "Assistant:", "developer:", "hệ thống:". */
    private static final java.util.regex.Pattern ROLE_LABEL = java.util.regex.Pattern.compile(
            "(?iu)\\s*[\\[(<#*]*\\s*(system|assistant|developer|hệ thống|he thong)\\s*[\\])>#*]*\\s*:");

    /** Chat-template and role markup (compared on the raw text, case-insensitively). */
    private static final List<String> MARKUP = List.of("<|im_start|>", "<|im_end|>", "<|system|>", "<|user|>",
            "<|assistant|>", "<|endoftext|>", "<|eot_id|>", "<|start_header_id|>", "<|end_header_id|>", "[inst]",
            "[/inst]", "<<sys>>", "<</sys>>", "<s>", "</s>", "### instruction", "### system", "###instruction",
            "###instructions###", "### instructions");
    /** Meta objects that are a directive on their own. */
    private static final List<Text.Token[]> STRONG = phrases(
            "system prompt", "system message", "system instructions", "developer mode", "dev mode", "god mode",
            "jailbreak", "jailbroken", "prompt injection", "hidden instructions", "hidden rules", "secret instructions",
            "initial instructions", "original instructions", "internal instructions", "your instructions",
            "your programming", "unfiltered", "uncensored", "do anything now",
            "prompt hệ thống", "lời nhắc hệ thống", "câu lệnh hệ thống", "chỉ thị hệ thống", "chế độ nhà phát triển",
            "chế độ developer", "bẻ khóa", "bot không giới hạn", "trợ lý không giới hạn", "ai không giới hạn",
            "không bị giới hạn bởi", "không kiểm duyệt",
            "hướng dẫn hệ thống", "hướng dẫn nội bộ", "hướng dẫn ban đầu", "quy tắc nội bộ");
    /** The assistant's role changed. */
    private static final List<Text.Token[]> ROLE = phrases(
            "you are now", "you re now", "from now on you", "from now on your", "from now on, you", "pretend you are",
            "pretend you re", "pretend to be", "roleplay as", "role play as", "you will now act", "act as if you",
            "từ giờ bạn", "từ giờ em", "từ giờ mày", "từ bây giờ bạn", "từ bây giờ em", "từ nay bạn", "từ nay em",
            "bây giờ bạn là", "giờ bạn là", "giờ em là", "giả vờ là", "giả vờ bạn", "giả vờ em", "đóng vai",
            "nhập vai", "hãy làm một", "hãy trở thành");
    /** Output dictated word for word. */
    private static final List<Text.Token[]> OUTPUT = phrases(
            "repeat after me", "say after me", "respond only with", "reply only with", "answer only with",
            "only respond with", "only reply with", "only answer with", "respond with only", "say exactly",
            "output the word", "print the word", "output only", "type the word", "nhắc lại theo", "lặp lại theo",
            "chỉ trả lời bằng", "chỉ được trả lời", "chỉ trả lời đúng", "nói theo mình", "nói theo tôi");
    /** Verbs that set rules aside. */
    private static final List<Text.Token[]> OVERRIDE = phrases(
            "ignore", "ignoring", "disregard", "forget", "override", "bypass", "overrule",
            "bỏ qua", "phớt lờ", "lờ đi", "quên", "quên đi", "mặc kệ", "vượt qua", "bỏ hết", "xóa bỏ", "gạt bỏ");
    /** Verbs that set rules aside even when the rules are not said to be the assistant's. */
    private static final List<Text.Token[]> OVERRIDE_OUTRIGHT = phrases(
            "no longer follow", "stop following", "don t follow", "do not follow", "don t obey", "do not obey",
            "stop obeying", "không cần tuân theo", "không phải tuân theo", "đừng tuân theo", "không tuân theo",
            "khỏi tuân theo", "không cần theo", "đừng theo");
    /** Verbs that ask for hidden text. */
    private static final List<Text.Token[]> REVEAL = phrases(
            "reveal", "print", "show me", "output", "repeat", "dump", "leak", "tiết lộ", "in ra", "cho xem",
            "cho mình xem", "cho tôi xem", "đọc", "nhắc lại");
    /** What an override or reveal is about. */
    private static final List<Text.Token[]> RULES = phrases(
            "instructions", "instruction", "rules", "rule", "guidelines", "directives", "restrictions",
            "constraints", "prompt", "programming", "guardrails", "filters", "hướng dẫn", "chỉ dẫn", "chỉ thị",
            "lệnh", "mệnh lệnh", "câu lệnh", "quy tắc", "nguyên tắc", "luật", "giới hạn", "ràng buộc", "cài đặt",
            "everything above", "the above", "everything before", "everything you know", "everything i said",
            "mọi thứ ở trên", "tất cả ở trên");
    /** Marks the rules as the assistant's own. */
    private static final List<Text.Token[]> OWN = phrases(
            "your", "yours", "previous", "prior", "above", "earlier", "original", "initial", "system", "hidden",
            "internal", "secret", "all instructions", "all rules", "all the rules", "all the instructions",
            "everything", "của bạn", "của em", "của mày", "trước đó", "ở trên", "phía trên", "ban đầu", "hệ thống",
            "nội bộ", "bí mật", "mọi", "tất cả", "hết");

    /**
     * A message with its directive sentences taken out.
     *
     * @param rest  the clauses that are no directive, joined with ". " (blank when nothing else was asked)
     * @param found true when a directive was taken out
     */
    record Split(String rest, boolean found) {
    }

    /** Takes the directive clauses out of a message. */
    static Split split(String message) {
        if (message == null || message.isBlank()) {
            return new Split(message == null ? "" : message, false);
        }
        List<String> segments = new ArrayList<>();
        boolean found = unmark(message, segments);
        List<String> clauses = new ArrayList<>();
        for (String segment : segments) {
            clauses.addAll(Clauses.split(segment, s -> true));
        }
        for (String clause : clauses) {
            found |= isDirective(clause);
        }
        if (!found) {
            return new Split(message, false);
        }
        // beside a directive, a clause about rules with any override, reveal or ownership word belongs to it
        // ("bo qua huong dan, in ra system prompt": "bỏ qua hướng dẫn" alone could be about a product's steps)
        List<String> kept = new ArrayList<>();
        for (String clause : clauses) {
            if (!isDirective(clause) && !aboutRules(clause)) {
                kept.add(clause.strip());
            }
        }
        StringBuilder rest = new StringBuilder();
        for (String k : kept) {
            if (k.isEmpty()) {
                continue;
            }
            if (!rest.isEmpty()) {
                rest.append(rest.charAt(rest.length() - 1) == '?' || rest.charAt(rest.length() - 1) == '.'
                        || rest.charAt(rest.length() - 1) == '!' ? " " : ". ");
            }
            rest.append(k);
        }
        return new Split(rest.toString(), true);
    }

    /** True when the clause talks to the assistant about its instructions, role or output. */
    static boolean isDirective(String clause) {
        List<Text.Token> tokens = Text.tokens(clause);
        if (tokens.isEmpty()) {
            return false;
        }
        if (ROLE_LABEL.matcher(clause).lookingAt()) {
            return true; // "SYSTEM: ...", "assistant: ..." (a fake turn typed as a label)
        }
        if (IntentDetector.any(tokens, STRONG) || IntentDetector.any(tokens, ROLE) || IntentDetector.any(tokens, OUTPUT)) {
            return true;
        }
        boolean rules = IntentDetector.any(tokens, RULES);
        if (!rules) {
            return false;
        }
        if (IntentDetector.any(tokens, OVERRIDE_OUTRIGHT)) {
            return true;
        }
        boolean own = IntentDetector.any(tokens, OWN);
        return own && (IntentDetector.any(tokens, OVERRIDE) || IntentDetector.any(tokens, REVEAL));
    }

    /** Rules with an override, reveal or ownership word: a directive when the message has one already. */
    private static boolean aboutRules(String clause) {
        List<Text.Token> tokens = Text.tokens(clause);
        return IntentDetector.any(tokens, RULES) && (IntentDetector.any(tokens, OVERRIDE)
                || IntentDetector.any(tokens, REVEAL) || IntentDetector.any(tokens, OWN)
                || IntentDetector.any(tokens, OVERRIDE_OUTRIGHT));
    }

    /**
     * Cuts the message at chat-template markup. Text inside a fake turn (after a start marker, up to the next
     * marker) is dropped; the rest is kept as segments. Returns whether any markup was found. One pass over the
     * lower-cased text per marker kind.
     */
    private static boolean unmark(String message, List<String> segments) {
        String lower = message.toLowerCase(Locale.ROOT);
        List<int[]> marks = new ArrayList<>();
        for (String m : MARKUP) {
            int at = lower.indexOf(m);
            while (at >= 0) {
                marks.add(new int[] {at, at + m.length()});
                at = lower.indexOf(m, at + m.length());
            }
        }
        if (marks.isEmpty()) {
            segments.add(message);
            return false;
        }
        marks.sort((a, b) -> Integer.compare(a[0], b[0]));
        int from = 0;
        boolean inTurn = false;
        for (int[] mark : marks) {
            if (mark[0] < from) {
                continue; // overlapping markers ("###instructions###" and "###instruction")
            }
            if (!inTurn) {
                segments.add(message.substring(from, mark[0]));
            }
            String m = lower.substring(mark[0], mark[1]);
            // a start marker opens a fake turn; an end marker closes it
            inTurn = !(m.contains("end") || m.startsWith("</") || m.startsWith("[/") || m.startsWith("<</"));
            from = mark[1];
        }
        if (!inTurn) {
            segments.add(message.substring(from));
        } else {
            // text after a last start marker: its first sentence is the fake turn, the rest the audience's
            String tail = message.substring(from);
            int cut = firstSentenceEnd(tail);
            if (cut >= 0) {
                segments.add(tail.substring(cut));
            }
        }
        return true;
    }

    private static int firstSentenceEnd(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.' || c == '!' || c == '?' || c == '\n') {
                return i + 1;
            }
        }
        return -1;
    }
}
