package com.personaruntime.web.live;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * The live socket's most frequent frame, {@code {"type":"delta","replyTo":ID,"text":"..."}}, written without
 * building a {@code JsonObject} and running Jackson's databind over it: a reply streams about seven of them,
 * and their encoding was a sixth of the event loops' WebSocket work (docs/benchmarks.md, issue 14). The text is
 * exactly what {@code JsonObject.encode()} gives (same key order, Jackson's own string escaping).
 */
final class Frames {
  private Frames() {
  }

  /** The delta frame of a reply to {@code replyTo} (null: {@code "replyTo":null}). */
  static String delta(String replyTo, String text) {
    StringBuilder out = new StringBuilder(40 + (text == null ? 4 : text.length() + 8)
        + (replyTo == null ? 4 : replyTo.length()));
    out.append("{\"type\":\"delta\",\"replyTo\":");
    string(out, replyTo);
    out.append(",\"text\":");
    string(out, text);
    return out.append('}').toString();
  }

  private static void string(StringBuilder out, String s) {
    if (s == null) {
      out.append("null");
      return;
    }
    out.append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, out);
    out.append('"');
  }
}
