package com.personaruntime.runtime.moderation;

import java.util.Arrays;
import java.util.List;

/**
 * What a moderation item holds, and so which decisions a moderator may take on it.
 *
 * <ul>
 *   <li>{@link #CHAT_REPLY} ({@code chat_reply}): a persona's reply the guardrails flagged or
 *       blocked. A flagged reply is <em>held</em>: the audience waits for the decision. Decisions:
 *       approve (release the original), edit (release the moderator's text, re-checked by the
 *       guard), reject (release an in-persona closing line).</li>
 *   <li>{@link #CHAT_INPUT} ({@code chat_input}): an audience message the input guard refused.
 *       Decisions: dismiss (nothing to do), confirm_block (it was an attack or abuse), let_through
 *       (the persona answers it after all). The input text itself is never released to anyone.</li>
 *   <li>{@link #POST} ({@code post}): a post variant the guard flagged, filed by the post studio
 *       ({@code runtime/.../posts}). Its decisions are taken through the posts API
 *       ({@code /api/v1/posts/{id}/approve|reject}, edits as {@code PUT .../variants/{platform}}), which
 *       keeps the post's own workflow; the moderation API lists it but refuses to decide it.</li>
 * </ul>
 */
public enum ItemKind {
  /** A persona's reply stopped by the output guard. */
  CHAT_REPLY("chat_reply", List.of(ModerationDecision.APPROVE, ModerationDecision.EDIT, ModerationDecision.REJECT)),
  /** An audience message stopped by the input guard. */
  CHAT_INPUT("chat_input", List.of(ModerationDecision.DISMISS, ModerationDecision.CONFIRM_BLOCK,
      ModerationDecision.LET_THROUGH)),
  /** A post variant stopped by the post guard (decided through the posts API). */
  POST("post", List.of(ModerationDecision.APPROVE, ModerationDecision.EDIT, ModerationDecision.REJECT));

  private final String wire;
  private final List<ModerationDecision> decisions;

  ItemKind(String wire, List<ModerationDecision> decisions) {
    this.wire = wire;
    this.decisions = decisions;
  }

  /** The name on the wire and in the database. */
  public String wire() {
    return wire;
  }

  /** The decisions a moderator may take on an item of this kind, in the order consoles offer them. */
  public List<ModerationDecision> decisions() {
    return decisions;
  }

  /** Whether {@code d} is a decision for this kind. */
  public boolean allows(ModerationDecision d) {
    return decisions.contains(d);
  }

  /** The kind with this wire name; IllegalArgumentException naming the allowed names otherwise. */
  public static ItemKind of(String wire) {
    for (ItemKind k : values()) {
      if (k.wire.equals(wire)) {
        return k;
      }
    }
    throw new IllegalArgumentException("kind: must be one of " + names() + ", got '" + wire + "'");
  }

  /** Every wire name. */
  public static List<String> names() {
    return Arrays.stream(values()).map(ItemKind::wire).toList();
  }

  @Override
  public String toString() {
    return wire;
  }
}
