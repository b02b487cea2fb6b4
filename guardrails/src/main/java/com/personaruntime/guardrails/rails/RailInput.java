package com.personaruntime.guardrails.rails;

import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Direction;
import com.personaruntime.guardrails.text.NormalizedText;
import com.personaruntime.guardrails.text.ScanText;

/**
 * What every rail of one check sees. Not API (see {@link Rail}).
 *
 * @param text      the original text (offsets of findings are UTF-16 offsets into it)
 * @param nt        its normalised form (lexical rails match there)
 * @param ctx       the check's context
 * @param dir       the direction ({@code ctx.direction()})
 * @param wholeText false while the streaming guard checks a window of a text still arriving
 * @param scan      {@code text} with the disguises of contact data and links undone ({@link ScanText}:
 *     fullwidth forms, other scripts' digits, look-alike letters, invisible chars, HTML references), what
 *     the original-text scanners (PII, links) read, with the map back to original offsets; computed once
 *     per check for both
 */
public record RailInput(String text, NormalizedText nt, CheckContext ctx, Direction dir, boolean wholeText, ScanText scan) {
  /** The input of one check, {@code scan} computed from {@code text}. */
  public RailInput(String text, NormalizedText nt, CheckContext ctx, Direction dir, boolean wholeText) {
    this(text, nt, ctx, dir, wholeText, ScanText.of(text));
  }
}
