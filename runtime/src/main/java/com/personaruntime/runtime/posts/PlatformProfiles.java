package com.personaruntime.runtime.posts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The platform profiles of {@code posts/platforms.json}, by id, in file order. Immutable. */
public final class PlatformProfiles {
  private final Map<String, PlatformProfile> byId;

  private PlatformProfiles(Map<String, PlatformProfile> byId) {
    this.byId = byId;
  }

  /** The shipped profiles (Instagram, Facebook, TikTok, X, Threads, YouTube, LinkedIn). */
  public static PlatformProfiles shipped() {
    try (InputStream in = PlatformProfiles.class.getResourceAsStream("/posts/platforms.json")) {
      if (in == null) {
        throw new IllegalStateException("posts/platforms.json missing from the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "posts/platforms.json");
    } catch (IOException e) {
      throw new IllegalStateException("posts/platforms.json: " + e.getMessage(), e);
    }
  }

  /**
   * Parses a profiles document; fails with {@link IllegalArgumentException} naming the source,
   * the entry and the field that is wrong.
   */
  public static PlatformProfiles parse(String json, String source) {
    JsonArray list = new JsonObject(json).getJsonArray("platforms");
    if (list == null) {
      throw new IllegalArgumentException(source + ": platforms: missing");
    }
    Map<String, PlatformProfile> out = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      JsonObject p = list.getJsonObject(i);
      String where = source + ": platforms[" + i + "]";
      try {
        JsonObject flags = p.getJsonObject("flags", new JsonObject());
        PlatformProfile profile = new PlatformProfile(p.getString("id"), p.getString("name"),
            Counting.fromWire(p.getString("counting")), p.getInteger("maxLength"), p.getInteger("maxHashtags"),
            p.getInteger("maxLinks", -1), p.getInteger("maxMentions", -1), p.getString("escape", "none"),
            p.getBoolean("linksClickable", true), p.getString("aiLabelSeparator", "\n\n"),
            flags.getJsonObject("ai", new JsonObject()).getMap(),
            flags.getJsonObject("sponsored", new JsonObject()).getMap(),
            strings(p.getJsonArray("conventions", new JsonArray())), p.getString("source", ""));
        out.put(profile.id(), profile);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return new PlatformProfiles(java.util.Collections.unmodifiableMap(out));
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    a.forEach(o -> out.add(String.valueOf(o)));
    return out;
  }

  /** The profile of a platform id, if known. */
  public Optional<PlatformProfile> get(String id) {
    return Optional.ofNullable(id == null ? null : byId.get(id));
  }

  /** Every platform id, in file order. */
  public List<String> ids() {
    return List.copyOf(byId.keySet());
  }

  /** Every profile, in file order. */
  public List<PlatformProfile> all() {
    return List.copyOf(byId.values());
  }
}
