package com.personaruntime.runtime.live;

import com.personaruntime.runtime.catalog.LivePersona;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/**
 * One audience member's conversation with a persona: a bounded memory window of the last
 * turns (what the audience saw, never unreleased model text) and a canary token unique to the
 * conversation. Confined to the connection's event-loop context.
 */
public final class Conversation {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String id;
  private final LivePersona persona;
  private final String room;
  private final String canary;
  private final int maxTurns;
  private final Deque<ChatMessage> memory = new ArrayDeque<>();
  private long lastActivityMillis;
  /** The audience segment the embedding page chose (a persona segment name), or null. */
  private String segment;
  /** Completes once the conversation's row is stored. */
  io.vertx.core.Future<Void> stored = io.vertx.core.Future.succeededFuture();

  Conversation(String id, LivePersona persona, String room, int maxTurns, long nowMillis) {
    this.id = id;
    this.persona = persona;
    this.room = room;
    this.maxTurns = maxTurns;
    // Short on purpose: the streaming guard holds back twice the canary's length (to catch an
    // obfuscated leak), so a long canary would delay every release. 32 random bits suffice.
    byte[] b = new byte[4];
    RANDOM.nextBytes(b);
    this.canary = "k" + HexFormat.of().formatHex(b);
    this.lastActivityMillis = nowMillis;
  }

  public String id() {
    return id;
  }

  public LivePersona persona() {
    return persona;
  }

  public String room() {
    return room;
  }

  public String canary() {
    return canary;
  }

  /** Millis since the last message (for re-disclosure after a long gap). */
  public long idleMillis(long nowMillis) {
    return nowMillis - lastActivityMillis;
  }

  /** The audience segment chosen for this conversation ({@code ?segment=} or the client's hello), or null. */
  public String segment() {
    return segment;
  }

  /** Chooses the audience segment; callers validate it against the persona's segments first. */
  public void segment(String segment) {
    this.segment = segment;
  }

  /** The audience's messages in memory, oldest first. */
  List<String> audienceMessages() {
    List<String> out = new java.util.ArrayList<>();
    for (ChatMessage m : memory) {
      if (m instanceof UserMessage u) {
        out.add(u.singleText());
      }
    }
    return out;
  }

  /** Completes once the conversation's row is stored (rows that refer to it wait for this). */
  public io.vertx.core.Future<Void> stored() {
    return stored;
  }

  /** Records activity (resets the re-disclosure gap). */
  public void touch(long nowMillis) {
    lastActivityMillis = nowMillis;
  }

  List<ChatMessage> memory() {
    return List.copyOf(memory);
  }

  /** Appends a persona line that answers no new audience message (a moderator's release). */
  void rememberPersona(String persona) {
    memory.addLast(AiMessage.from(persona.isEmpty() ? "…" : persona));
    while (memory.size() > maxTurns * 2) {
      memory.removeFirst();
    }
  }

  void remember(String audience, String persona) {
    memory.addLast(UserMessage.from(audience));
    memory.addLast(AiMessage.from(persona.isEmpty() ? "…" : persona));
    while (memory.size() > maxTurns * 2) {
      memory.removeFirst();
    }
  }
}
