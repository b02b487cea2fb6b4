package com.personaruntime.runtime.posts;

import com.twitter.twittertext.TwitterTextParser;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * How a platform counts the length of a post. Every mode counts the NFC form of the text (X
 * normalises to NFC before counting; the others store what they receive, and we deliver NFC).
 */
public enum Counting {
  /** Unicode code points (Instagram, TikTok, Facebook, LinkedIn). */
  CODE_POINTS,
  /** UTF-8 bytes (YouTube descriptions: 5,000 bytes). */
  UTF8_BYTES,
  /**
   * X's weighted count with the official twitter-text library (config v3): code points in
   * U+0000-10FF, U+2000-200D, U+2010-201F, U+2032-2037 weigh 1, all others 2, every URL 23
   * (docs.x.com/fundamentals/counting-characters).
   */
  X_WEIGHTED,
  /** Code points, except that an emoji counts as its UTF-8 bytes (Threads). */
  CODE_POINTS_EMOJI_BYTES;

  /** The wire/data name, e.g. {@code x_weighted}. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses a data-file name ({@code code_points}, {@code utf8_bytes}, {@code x_weighted}, ...). */
  public static Counting fromWire(String value) {
    for (Counting c : values()) {
      if (c.wire().equals(value)) {
        return c;
      }
    }
    throw new IllegalArgumentException("counting: unknown mode '" + value + "', expected one of code_points, "
        + "utf8_bytes, x_weighted, code_points_emoji_bytes");
  }

  /** The length of {@code text} in this mode (after NFC normalisation). */
  public int length(String text) {
    String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
    return switch (this) {
      case CODE_POINTS -> nfc.codePointCount(0, nfc.length());
      case UTF8_BYTES -> nfc.getBytes(StandardCharsets.UTF_8).length;
      case X_WEIGHTED -> TwitterTextParser.parseTweet(nfc).weightedLength;
      case CODE_POINTS_EMOJI_BYTES -> nfc.codePoints()
          .map(cp -> isEmoji(cp) ? new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length : 1)
          .sum();
    };
  }

  /** Pictographic emoji and their modifiers (a linear, table-free approximation of UTS #51). */
  static boolean isEmoji(int cp) {
    return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || cp == 0xFE0F || cp == 0x200D
        || (cp >= 0x1F1E6 && cp <= 0x1F1FF);
  }
}
