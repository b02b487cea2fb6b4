/**
 * Audience privacy: what brand staff see of the audience's stored text. Audience messages are stored
 * as received (transcripts, moderation items, insight signals), so retention, a moderator's
 * let-through and the operator's own records keep them; every place that shows stored text to brand
 * staff — the moderation API and queue, the console's transcripts, the insights report and its CSV —
 * shows it through {@link com.personaruntime.runtime.privacy.AudiencePrivacy}, which replaces the
 * audience's e-mail addresses, phone numbers, card numbers and citizen ids with a placeholder naming
 * the kind. Redaction happens when stored text is read for display, not when it is written, so rows
 * stored before this rule are hidden too. (Separately, a conversation's memory — sent to the model
 * with every later message — holds the input guard's redacted question, never the original.)
 */
package com.personaruntime.runtime.privacy;
