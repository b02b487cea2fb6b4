package com.personaruntime.guardrails;

import java.util.Locale;
import java.util.Objects;

/**
 * What is being checked and where it goes.
 *
 * @param direction   audience input or persona output
 * @param channel     chat or post
 * @param platform    for posts: {@code instagram, x, tiktok, facebook, threads, linkedin}; nullable
 * @param language    ISO 639-1 code of the text, nullable (the policy's default language is used)
 * @param sponsored   whether the post is paid/promotional (sponsored label required)
 * @param canaryToken the secret token planted in the system prompt, nullable; its appearance in
 *                    output is a prompt leak
 */
public record CheckContext(Direction direction, Channel channel, String platform, String language, boolean sponsored,
                           String canaryToken) {
  public CheckContext {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(channel, "channel");
    platform = platform == null || platform.isBlank() ? null : platform.trim().toLowerCase(Locale.ROOT);
    language = language == null || language.isBlank() ? null : language.trim().toLowerCase(Locale.ROOT);
    canaryToken = canaryToken == null || canaryToken.isBlank() ? null : canaryToken;
  }

  /** @return persona output in a chat, default language, no canary */
  public static CheckContext chatOutput() {
    return new CheckContext(Direction.OUTPUT, Channel.CHAT, null, null, false, null);
  }

  /** @return audience input in a chat */
  public static CheckContext chatInput() {
    return new CheckContext(Direction.INPUT, Channel.CHAT, null, null, false, null);
  }

  /** @return a post draft (persona output) for a platform */
  public static CheckContext post(String platform, String language, boolean sponsored) {
    return new CheckContext(Direction.OUTPUT, Channel.POST, platform, language, sponsored, null);
  }

  /** @return a copy with the canary token set */
  public CheckContext withCanary(String token) {
    return new CheckContext(direction, channel, platform, language, sponsored, token);
  }

  /** @return a copy with the language set */
  public CheckContext withLanguage(String lang) {
    return new CheckContext(direction, channel, platform, lang, sponsored, canaryToken);
  }
}
