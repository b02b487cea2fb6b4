package com.personaruntime.guardrails.rails;

import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Direction;
import com.personaruntime.guardrails.text.NormalizedText;

/**
 * What every rail of one check sees. Not API (see {@link Rail}).
 *
 * @param text      the original text (offsets of findings are UTF-16 offsets into it)
 * @param nt        its normalised form (lexical rails match there)
 * @param ctx       the check's context
 * @param dir       the direction ({@code ctx.direction()})
 * @param wholeText false while the streaming guard checks a window of a text still arriving
 */
public record RailInput(String text, NormalizedText nt, CheckContext ctx, Direction dir, boolean wholeText) {
}
