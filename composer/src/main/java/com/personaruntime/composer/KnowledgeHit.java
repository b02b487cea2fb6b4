package com.personaruntime.composer;

/**
 * One retrieved entry.
 *
 * @param knowledge the entry
 * @param score     combined score in [0, 1]; hits are ranked by it
 * @param lexical   lexical score in [0, 1]: idf-weighted share of the question's terms found in the entry
 * @param semantic  cosine similarity of the question and entry embeddings, in [-1, 1]
 */
public record KnowledgeHit(Knowledge knowledge, double score, double lexical, double semantic) {
}
