/**
 * Audience insights: what a persona's community says, feels and asks for. Signals per transcript
 * turn ({@link com.personaruntime.runtime.insights.SignalAnalyser}: sentiment from the offline vi+en
 * {@link com.personaruntime.runtime.insights.SentimentModel}, intent, topic, answered from knowledge,
 * response time, verdict), knowledge gaps clustered by meaning
 * ({@link com.personaruntime.runtime.insights.GapClusterer}), community (returning audience,
 * advocates, rooms) and retention ({@link com.personaruntime.runtime.insights.InsightsService}).
 * Tables: migration V8_1 ({@code turn_signals}, {@code insight_settings}).
 */
package com.personaruntime.runtime.insights;
