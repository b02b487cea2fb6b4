package com.personaruntime.composer;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * An immutable list of keyword phrases (each an array of {@link Text.Token}s) that also knows which
 * phrases can start at a given token, so "does any phrase occur in this message" costs one hash lookup
 * per message token instead of a scan of every phrase at every token.
 *
 * <p>The index key of a phrase is the fold of its first keyword's surface form. Every token that
 * {@link Text.Token#matches matches} a keyword has exactly that fold: an equal surface form folds the
 * same, and a plain token matches only by fold. (Keywords marked "exact diacritics only" carry a
 * poisoned fold, see {@link IntentDetector#phrases}, which is why the key is computed from the surface
 * form.) Candidates are then confirmed with {@link Text.Token#matches}, so the answer is exactly that of
 * checking every phrase with {@link Text#contains}.
 */
final class Phrases extends AbstractList<Text.Token[]> implements RandomAccess {

    private final List<Text.Token[]> phrases;
    private final Map<String, Text.Token[][]> byFirstFold;

    Phrases(List<Text.Token[]> phrases) {
        this.phrases = List.copyOf(phrases);
        Map<String, List<Text.Token[]>> index = new HashMap<>();
        for (Text.Token[] p : this.phrases) {
            if (p.length > 0) {
                index.computeIfAbsent(Text.fold(p[0].raw()), k -> new ArrayList<>()).add(p);
            }
        }
        Map<String, Text.Token[][]> frozen = new HashMap<>();
        index.forEach((k, v) -> frozen.put(k, v.toArray(Text.Token[][]::new)));
        this.byFirstFold = Map.copyOf(frozen);
    }

    @Override
    public Text.Token[] get(int index) {
        return phrases.get(index);
    }

    @Override
    public int size() {
        return phrases.size();
    }

    /** True when one of the phrases occurs as a contiguous, tone-aware run in {@code tokens}. */
    boolean occursIn(List<Text.Token> tokens) {
        for (int i = 0, n = tokens.size(); i < n; i++) {
            Text.Token[][] candidates = byFirstFold.get(tokens.get(i).folded());
            if (candidates == null) {
                continue;
            }
            for (Text.Token[] p : candidates) {
                if (Text.matchesAt(tokens, i, p)) {
                    return true;
                }
            }
        }
        return false;
    }
}
