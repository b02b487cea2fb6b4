package com.personaruntime.runtime.insights;

/**
 * The signals of one transcript turn (stored in {@code turn_signals}).
 *
 * @param sentiment      polarity of the audience message (automatic)
 * @param sentimentScore in [-1, 1]
 * @param intent         the composer's intent id ({@code product_question}, {@code price}, {@code complaint}...)
 * @param topic          title of the knowledge entry the message is about, or null
 * @param question       whether the message asks for something (a knowledge gap candidate)
 * @param answered       whether the persona answered from knowledge; null when the input guard refused the
 *                       message or the guard blocked or held the reply
 * @param knowledgeScore retrieval confidence of the best knowledge entry, in [0, 1]
 * @param responseMs     first-response time in milliseconds (first released text, else the whole turn)
 * @param verdict        the guardrails' verdict on the turn: allow, rewrite, flag, block
 * @param language       detected language of the message ({@code vi}, {@code en}) or null
 * @param embedding      base64 embedding of an unanswered question (for clustering), else null
 */
public record TurnSignals(Sentiment sentiment, double sentimentScore, String intent, String topic, boolean question,
                          Boolean answered, Double knowledgeScore, Integer responseMs, String verdict,
                          String language, String embedding) {
}
