package com.personaruntime.guardrails.rails.injection;

/**
 * Markdown images that would carry the conversation away: {@code ![alt](http(s)://host/path?key=)} whose query leaves a
 * value empty for the assistant to fill ({@code ?d=)}, {@code ?q=&}) or holds a placeholder in braces
 * ({@code ?q={the whole conversation so far}}). A chat client loads an image without a click, so an assistant that
 * writes the image with the conversation in its query sends it to the attacker's server (the "markdown exfiltration"
 * injection). An image with a complete query ({@code photo.jpg?w=400}) or without one is no such link. Input only.
 *
 * <p>Linear: one pass for {@code "!["}, each image's text and address read once.
 */
final class ExfilImages {
  /** Longest alt text and address read (an image of a chat message is short). */
  static final int MAX_PART = 600;

  private ExfilImages() {
  }

  /** The span [start, end) of the first such image in {@code text}, or null. */
  static int[] find(String text) {
    int from = 0;
    while (true) {
      int bang = text.indexOf("![", from);
      if (bang < 0) {
        return null;
      }
      from = bang + 2;
      int close = -1;
      for (int i = bang + 2; i < text.length() && i < bang + 2 + MAX_PART; i++) {
        char c = text.charAt(i);
        if (c == ']') {
          close = i;
          break;
        }
        if (c == '\n') {
          break;
        }
      }
      if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != '(') {
        continue;
      }
      int u = close + 2;
      while (u < text.length() && text.charAt(u) == ' ') {
        u++;
      }
      if (!(text.startsWith("http://", u) || text.startsWith("https://", u) || text.startsWith("//", u))) {
        continue;
      }
      int end = -1;
      boolean query = false;
      boolean braces = false;
      boolean emptyValue = false;
      int depth = 0;
      for (int i = u; i < text.length() && i < u + MAX_PART; i++) {
        char c = text.charAt(i);
        if (c == '{') {
          depth++;
          if (query) {
            braces = true;
          }
        } else if (c == '}') {
          depth = Math.max(0, depth - 1);
        } else if (depth == 0 && (c == ')' || c == ' ' || c == '\n')) {
          end = c == ')' ? i + 1 : i;
          emptyValue |= query && text.charAt(i - 1) == '=';
          break;
        } else if (c == '?') {
          query = true;
        } else if (c == '&' && query && text.charAt(i - 1) == '=') {
          emptyValue = true;
        }
      }
      if (end > 0 && (braces || emptyValue)) {
        return new int[] {bang, end};
      }
    }
  }
}
