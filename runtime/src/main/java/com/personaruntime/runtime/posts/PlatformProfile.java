package com.personaruntime.runtime.posts;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one platform allows and requires of a post, loaded from {@code posts/platforms.json}
 * (data, not code: limits change several times a year). Sources: REFERENCE.md "Platforms".
 *
 * @param id             platform id used on the wire ({@code instagram, facebook, tiktok, x, threads,
 *                       youtube, linkedin})
 * @param name           display name
 * @param counting       how length is counted
 * @param maxLength      the limit in {@code counting} units, labels included
 * @param maxHashtags    most hashtags allowed (labels that are hashtags count)
 * @param maxLinks       most links allowed, {@code -1} for no limit, {@code 0} for none
 * @param maxMentions    most @mentions allowed
 * @param escape         {@code none}, {@code linkedin_little_text} (reserved characters escaped on
 *                       delivery) or {@code no_angle_brackets} (YouTube refuses {@code < >})
 * @param linksClickable whether links in the text are clickable
 * @param aiLabelSeparator what separates the body from an AI label placed at the end
 * @param aiFlags        the platform's own AI-content fields set on every post (e.g. TikTok {@code is_aigc})
 * @param sponsoredFlags the platform's paid-partnership fields set on sponsored posts (e.g. X
 *                       {@code paid_partnership})
 * @param conventions    writing conventions given to the model in the drafting prompt
 * @param source         where the numbers come from
 */
public record PlatformProfile(String id, String name, Counting counting, int maxLength, int maxHashtags, int maxLinks,
                              int maxMentions, String escape, boolean linksClickable, String aiLabelSeparator,
                              Map<String, Object> aiFlags, Map<String, Object> sponsoredFlags,
                              List<String> conventions, String source) {
  public PlatformProfile {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(counting, "counting");
    aiFlags = Map.copyOf(aiFlags);
    sponsoredFlags = Map.copyOf(sponsoredFlags);
    conventions = List.copyOf(conventions);
    if (maxLength < 1) {
      throw new IllegalArgumentException(id + ".maxLength: must be positive, got " + maxLength);
    }
  }

  /** The length of a text in this platform's counting. */
  public int length(String text) {
    return counting.length(text);
  }

  /**
   * The platform's disclosure fields for a post: the AI fields always, the paid-partnership
   * fields when sponsored (each key with its value, e.g. {@code {"is_aigc": true}}).
   */
  public Map<String, Object> disclosureFlags(boolean sponsored) {
    java.util.Map<String, Object> out = new java.util.TreeMap<>(aiFlags);
    if (sponsored) {
      out.putAll(sponsoredFlags);
    } else {
      sponsoredFlags.forEach((k, v) -> out.put(k, v instanceof Boolean ? Boolean.FALSE : v));
    }
    return out;
  }

  /**
   * The text as the platform's API wants it: LinkedIn's little text format escapes
   * {@code \ | { } @ [ ] ( ) < > # * _ ~} with a backslash (otherwise the post is silently cut);
   * other platforms take the text as is.
   */
  public String platformText(String text) {
    if (!escape.equals("linkedin_little_text")) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("\\|{}@[]()<>#*_~".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
