/**
 * The offline composer: a {@link dev.langchain4j.model.chat.StreamingChatModel} that answers
 * only from a persona's approved knowledge, with no model hub and no network.
 *
 * <p>API: {@link com.personaruntime.composer.ComposerPersona}, {@link com.personaruntime.composer.Knowledge},
 * {@link com.personaruntime.composer.KnowledgeIndex}, {@link com.personaruntime.composer.KnowledgeHit},
 * {@link com.personaruntime.composer.ComposerChatModel}, {@link com.personaruntime.composer.Composition},
 * {@link com.personaruntime.composer.Intent}, {@link com.personaruntime.composer.IntentDetector},
 * {@link com.personaruntime.composer.LanguageDetector}. Everything else is internal.
 */
package com.personaruntime.composer;
