package com.personaruntime.runtime.live;

import com.personaruntime.runtime.catalog.LivePersona;

/**
 * Told about every transcript turn once it is stored (e.g. audience insights compute their signals
 * from it). Called on the Vert.x context that stored the turn: implementations must not block and
 * must move real work to a worker.
 */
@FunctionalInterface
public interface TurnObserver {
  /** Observes nothing. */
  TurnObserver NONE = turn -> { };

  /** A turn was stored in {@code transcript_turns}. */
  void recorded(RecordedTurn turn);

  /**
   * One stored turn.
   *
   * @param persona        the persona version that answered
   * @param conversationId the conversation ({@code transcript_turns.conversation_id})
   * @param messageId      the client's message id; with the conversation it finds the stored row
   * @param room           the live room, or null for a one-to-one chat
   * @param audienceKey    what identifies the audience member across visits (a browser id the client
   *                       sent, else the conversation id, which a resumed chat keeps); never an IP.
   *                       Only a salted hash of it is ever stored
   * @param audienceName   a name the audience member chose to be shown under (opt-in), or null
   * @param audienceText   the audience message as received
   * @param replyText      what the audience saw
   * @param decision       the verdict on the wire: allow, rewrite, flag, block
   * @param refused        true when the input guard refused the message (it never reached the model)
   * @param route          the model route that answered ({@code composer} for the offline composer), or
   *                       {@code input-guard}, or null when the model failed before starting
   * @param firstTokenMs   milliseconds to the first released text, or null
   * @param totalMs        milliseconds for the whole turn
   * @param history        the audience's earlier messages in the conversation's memory, oldest first (the
   *                       composer answers follow-ups from them)
   */
  record RecordedTurn(LivePersona persona, String conversationId, String messageId, String room,
                      String audienceKey, String audienceName, String audienceText, String replyText,
                      String decision, boolean refused, String route, Integer firstTokenMs, int totalMs,
                      java.util.List<String> history) {
    /** Copies the history. */
    public RecordedTurn {
      history = history == null ? java.util.List.of() : java.util.List.copyOf(history);
    }
  }
}
