package com.personaruntime.runtime.live;

/** Receives a turn's output, on the caller's event-loop context, in order. */
public interface TurnSink {
  /** Text safe to show the audience now. */
  void delta(String text);

  /** The turn is over; {@code decision} is allow, rewrite, flag or block. */
  void done(String decision);
}
