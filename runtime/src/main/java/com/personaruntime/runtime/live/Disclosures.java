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
  public static String lang(Persona p, String preferred) {
    if (preferred != null && p.languages().contains(preferred)) {
      return preferred;
    }
    String d = p.defaultLanguage();
    return d == null ? "en" : d;
  }

  /**
   * The visitor's language for a persona: the first language of {@code preferences} (an
   * {@code Accept-Language} value or a comma-separated list of language tags such as {@code "en-US,en;q=0.9"},
   * in the visitor's order of preference; q-values order equal-ranked tags) whose primary subtag the persona
   * speaks, as the persona's language code; null when none is spoken or {@code preferences} is null or blank
   * (then the persona's first language applies). Never throws on malformed input: an unreadable entry is skipped.
   */
  public static String visitorLanguage(Persona p, String preferences) {
    if (preferences == null || preferences.isBlank() || preferences.length() > 512) {
      return null;
    }
    java.util.List<String[]> tags = new java.util.ArrayList<>();
    for (String part : preferences.split(",", 32)) {
      String tag = part;
      double q = 1.0;
      int semi = part.indexOf(';');
      if (semi >= 0) {
        tag = part.substring(0, semi);
        String param = part.substring(semi + 1).strip();
        if (param.startsWith("q=")) {
          try {
            q = Double.parseDouble(param.substring(2).strip());
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      tag = tag.strip().toLowerCase(java.util.Locale.ROOT);
      int dash = tag.indexOf('-');
      String base = dash < 0 ? tag : tag.substring(0, dash);
      if (!base.isEmpty() && q > 0) {
        tags.add(new String[] {base, Double.toString(q)});
      }
    }
    // stable: tags of equal weight keep the visitor's order
    tags.sort((a, b) -> Double.compare(Double.parseDouble(b[1]), Double.parseDouble(a[1])));
    for (String[] t : tags) {
      for (String spoken : p.languages()) {
        String s = spoken.toLowerCase(java.util.Locale.ROOT);
        int dash = s.indexOf('-');
        if ((dash < 0 ? s : s.substring(0, dash)).equals(t[0])) {
          return spoken;
        }
      }
    }
    return null;
  }

  /** "You are talking to an AI" in the persona's first language, with its AI label. */
  public static String aiDisclosure(Persona p, String brandName) {
    return aiDisclosure(p, brandName, null);
  }

  /**
   * "You are talking to an AI" in {@code language} when the persona speaks it (else in the persona's first
   * language), with the persona's AI label for that language ({@code disclosure.ai_label}; a built-in label
   * when the persona sets none for it). The language the runtime's other lines of the same conversation use
   * ({@link #held}, {@link #rejected}) is the one to pass, so a conversation never switches language for it.
   */
  public static String aiDisclosure(Persona p, String brandName, String language) {
    String lang = lang(p, language);
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
