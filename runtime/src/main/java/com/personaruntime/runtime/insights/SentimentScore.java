package com.personaruntime.runtime.insights;

/**
 * The sentiment of one text.
 *
 * @param label the polarity
 * @param score in [-1, 1]: below {@link SentimentModel#THRESHOLD negative threshold} negative, above
 *              the positive one positive; its magnitude is the model's confidence
 */
public record SentimentScore(Sentiment label, double score) {
}
