package com.personaruntime.runtime.live;

import com.personaruntime.composer.Voice;
import com.personaruntime.personas.Persona;

/**
 * The lines the runtime itself says (not the model): the AI disclosure that opens every chat
 * and is repeated after a long gap, and the in-persona fallback lines.
 */
public final class Disclosures {
  private Disclosures() {
  }

  /** The reply language for a persona: Vietnamese and English are shipped; others fall back to English. */
  static String lang(Persona p, String preferred) {
    if (preferred != null && p.languages().contains(preferred)) {
      return preferred;
    }
    String d = p.defaultLanguage();
    return d == null ? "en" : d;
  }

  /** "You are talking to an AI" in the persona's language, with its AI label. */
  public static String aiDisclosure(Persona p, String brandName) {
    String lang = lang(p, null);
    String label = p.disclosure().aiLabel().get(lang);
    String brand = brandName == null ? p.brand() : brandName;
    boolean vi = lang.equals("vi");
    if (label == null || label.isBlank()) {
      label = vi ? "Nội dung do AI tạo ra" : "AI-generated";
    }
    return vi
        ? "Bạn đang trò chuyện với " + p.name() + ", trợ lý AI của " + brand + " — không phải người thật. "
            + label + "; câu trả lời có thể được kiểm duyệt."
        : "You are chatting with " + p.name() + ", an AI assistant for " + brand + " — not a human. "
            + label + "; replies may be reviewed.";
  }

  /**
   * How the persona names itself and its audience in Vietnamese ("mình/bạn", "em/anh chị", its own name), read
   * from its voice as the composer reads it: the runtime's own lines speak in the same voice as its replies.
   */
  static Voice voice(Persona p) {
    return Voice.of(p.name(), p.voice().style(), p.voice().greeting());
  }

  /** Fills a Vietnamese line: {S}/{s} the persona (capitalised/not), {A}/{a} the audience. */
  private static String vi(Persona p, String line) {
    Voice v = voice(p);
    return line.replace("{S}", v.selfCapitalised()).replace("{s}", v.self())
        .replace("{A}", v.addressCapitalised()).replace("{a}", v.address());
  }

  /** Said instead of a reply the guardrails stopped. */
  public static String withheld(Persona p, String language) {
    return lang(p, language).equals("vi")
        ? vi(p, "Xin lỗi, câu này {s} không trả lời được. {A} hỏi {s} điều khác nhé!")
        : "Sorry, I can't help with that one. Feel free to ask me something else!";
  }

  /** What the persona's memory keeps in place of an audience message the input guard refused. */
  public static final String WITHHELD_INPUT = "[message withheld by the input guard]";

  /** Said while a flagged reply waits for a moderator (the {@code held} frame's text). */
  public static String held(Persona p, String language) {
    return lang(p, language).equals("vi")
        ? vi(p, "Câu này {s} cần hỏi lại đội ngũ một chút rồi trả lời {a} ngay nhé!")
        : "Let me check that with the team — I'll get back to you here in a moment.";
  }

  /** Released instead of a held reply a moderator rejected (an SLA expiry releases {@link #expired}). */
  public static String rejected(Persona p, String language) {
    return lang(p, language).equals("vi")
        ? vi(p, "{S} đã hỏi lại đội ngũ: câu này {s} không trả lời được. {A} hỏi {s} điều khác nhé!")
        : "I checked with the team, and that's one I can't answer. Feel free to ask me something else!";
  }

  /**
   * Released instead of a held reply nobody decided within the brand's SLA: no one on the team looked at
   * it, so the line does not say the team was asked and answered (as {@link #rejected} does).
   */
  public static String expired(Persona p, String language) {
    return lang(p, language).equals("vi")
        ? vi(p, "Đội ngũ chưa kịp xem câu này nên {s} chưa trả lời được. {A} hỏi lại sau hoặc hỏi {s} điều khác nhé!")
        : "The team couldn't look at this one in time, so I can't answer it yet. Please ask again later, "
            + "or ask me something else!";
  }

  /** Said when an audience message was refused before reaching the model. */
  public static String inputRefused(Persona p, String language) {
    return lang(p, language).equals("vi")
        ? vi(p, "{S} không thể giúp với yêu cầu này. {A} cần {s} tư vấn gì về sản phẩm không?")
        : "I can't help with that request. Is there anything about our products I can help with?";
  }

  /** Said when the model stopped mid-reply and nothing could take over. */
  public static String interrupted(Persona p, String language) {
    return lang(p, language).equals("vi")
        ? vi(p, " … Xin lỗi, {s} bị gián đoạn một chút. {A} hỏi lại giúp {s} nhé!")
        : " … Sorry, I got interrupted. Could you ask me again?";
  }
}
