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
import java.util.Map;

/**
 * One audience member's conversation with a persona: a bounded memory window of the last
 * turns (what the audience saw, never unreleased model text) and a canary token unique to the
 * conversation. Confined to the connection's event-loop context.
 */
public final class Conversation {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String id;
  private LivePersona persona;
  private final String room;
  private final String canary;
  private final int maxTurns;
  private final Deque<ChatMessage> memory = new ArrayDeque<>();
  private long lastActivityMillis;
  /** The audience segment the embedding page chose (a persona segment name), or null. */
  private String segment;
  /** Completes once the conversation's row is stored; null until the first message (no row before). */
  io.vertx.core.Future<Void> stored;
  private final List<Runnable> whenStored = new java.util.ArrayList<>();
  private String audienceAddress;
  private String audienceKey;
  private String audienceName;
  /** A live room's askers: message id -> the asker's audience key, the last {@link #MAX_ASKERS} questions. */
  private final Map<String, String> askers = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > MAX_ASKERS;
        }
      });
  /** Askers remembered per room conversation; far more than a room's queue of waiting questions. */
  static final int MAX_ASKERS = 1_024;

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

  /** The client address of the audience (for per-address limits), or null (a room's shared conversation). */
  public String audienceAddress() {
    return audienceAddress;
  }

  /** Sets the client address of the audience; set once, by the live socket, before the first message. */
  public void audienceAddress(String address) {
    this.audienceAddress = address;
  }

  public LivePersona persona() {
    return persona;
  }

  /**
   * Continues the conversation with a newly published version of its persona (its policy, knowledge and
   * voice apply from the next turn; the memory is kept). Called on the conversation's context.
   */
  public void switchTo(LivePersona newer) {
    if (!newer.slug().equals(persona.slug())) {
      throw new IllegalArgumentException("a conversation with " + persona.slug() + " cannot switch to "
          + newer.slug());
    }
    this.persona = newer;
  }

  public String room() {
    return room;
  }

  /**
   * Who the audience member is across visits, for insights: a browser id the client sent, else this
   * conversation's id (which a resumed conversation keeps). Never an IP address. Null for a live
   * room's shared conversation, whose questions come from many viewers.
   */
  public String audienceKey() {
    return audienceKey != null ? audienceKey : room == null ? id : null;
  }

  /**
   * Who asked message {@code messageId}: in a live room's shared conversation the viewer who asked it (see
   * {@link #askedBy}), else {@link #audienceKey()}.
   */
  public String audienceKey(String messageId) {
    String asker = messageId == null ? null : askers.get(messageId);
    return asker != null ? asker : audienceKey();
  }

  /**
   * Records who asked a live room's question, for insights (audience counted per room); {@code key} is the
   * viewer's browser id when the client sent one, else its viewer id. Never an IP address.
   */
  public void askedBy(String messageId, String key) {
    if (messageId != null && key != null) {
      askers.put(messageId, key);
    }
  }

  /** The name the audience member opted to be shown under in insights, or null. */
  public String audienceName() {
    return audienceName;
  }

  /**
   * Sets who the audience member is (see {@link #audienceKey()}); {@code name} is an opt-in display
   * name. Either may be null.
   */
  public void identify(String key, String name) {
    this.audienceKey = key;
    this.audienceName = name;
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

  /**
   * Completes once the conversation's row is stored (rows that refer to it wait for this); {@code null}
   * until the first audience message (a silent socket writes nothing, issue 8).
   */
  public io.vertx.core.Future<Void> stored() {
    return stored;
  }

  /**
   * Runs {@code action} once the conversation's row is stored: now (when stored) or at the first
   * audience message. Used for rows that refer to the conversation but must not create it (its resume token).
   */
  public void whenStored(Runnable action) {
    if (stored != null) {
      stored.onSuccess(v -> action.run());
    } else {
      whenStored.add(action);
    }
  }

  /** Sets the future of the conversation's row and runs the actions waiting for it. */
  void storing(io.vertx.core.Future<Void> row) {
    stored = row;
    List<Runnable> waiting = List.copyOf(whenStored);
    whenStored.clear();
    waiting.forEach(a -> row.onSuccess(v -> a.run()));
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
