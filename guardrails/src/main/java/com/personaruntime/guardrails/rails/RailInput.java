package com.personaruntime.guardrails.rails;

import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Direction;
import com.personaruntime.guardrails.text.NormalizedText;
import com.personaruntime.guardrails.text.TextChars;

/**
 * What every rail of one check sees. Not API (see {@link Rail}).
 *
 * @param text      the original text (offsets of findings are UTF-16 offsets into it)
 * @param nt        its normalised form (lexical rails match there)
 * @param ctx       the check's context
 * @param dir       the direction ({@code ctx.direction()})
 * @param wholeText false while the streaming guard checks a window of a text still arriving
 * @param widthFolded {@code text} with fullwidth forms folded ({@link TextChars#foldWidth}), what the
 *     original-text scanners (PII, links) read; computed once per check for both
 */
public record RailInput(String text, NormalizedText nt, CheckContext ctx, Direction dir, boolean wholeText, String widthFolded) {
  /** The input of one check, {@code widthFolded} computed from {@code text}. */
  public RailInput(String text, NormalizedText nt, CheckContext ctx, Direction dir, boolean wholeText) {
    this(text, nt, ctx, dir, wholeText, TextChars.foldWidth(text));
  }
}
