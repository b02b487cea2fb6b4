package com.personaruntime.guardrails;

/**
 * Where the text goes. Disclosure labels are inserted for {@code POST} only; for {@code CHAT}
 * the runtime says "you are talking to an AI" itself.
 */
public enum Channel {
  CHAT, POST
}
