package com.personaruntime.runtime.live;

/** Receives a turn's output, on the caller's event-loop context, in order. */
public interface TurnSink {
  /** Text safe to show the audience now. */
  void delta(String text);

  /**
   * The guard flagged the reply: it is held for a moderator as item {@code itemId}; {@code line} is the
   * in-persona line the audience sees instead (then {@code done} with {@code flag} follows).
   */
  default void held(String itemId, String line) {
    delta(line);
  }

  /** The turn is over; {@code decision} is allow, rewrite, flag or block. */
  void done(String decision);
}
