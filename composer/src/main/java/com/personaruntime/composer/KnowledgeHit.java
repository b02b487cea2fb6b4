package com.personaruntime.composer;

/**
 * One retrieved entry.
 *
 * @param knowledge the entry
 * @param score     combined score in [0, 1]; hits are ranked by it. When the question was not embedded
 *                  ({@code embedded} false, see {@link KnowledgeIndex}), the lexical score of the entry the question
 *                  names, else the lexical part alone
 * @param lexical   lexical score in [0, 1]: idf-weighted share of the question's terms found in the entry
 * @param semantic  cosine similarity of the question and entry embeddings, in [-1, 1]; {@code NaN} when the question
 *                  was not embedded
 * @param embedded  whether the question was embedded: false when the lexical scores decided the hits
 */
public record KnowledgeHit(Knowledge knowledge, double score, double lexical, double semantic, boolean embedded) {

    /** A hit scored with the question's embedding. */
    public KnowledgeHit(Knowledge knowledge, double score, double lexical, double semantic) {
        this(knowledge, score, lexical, semantic, true);
    }
}
