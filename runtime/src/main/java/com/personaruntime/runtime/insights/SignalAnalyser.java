package com.personaruntime.runtime.insights;

import com.personaruntime.composer.Composition;
import com.personaruntime.composer.Intent;
import com.personaruntime.composer.IntentDetector;
import com.personaruntime.composer.KnowledgeHit;
import com.personaruntime.composer.KnowledgeIndex;
import com.personaruntime.composer.LanguageDetector;
import com.personaruntime.composer.QuestionTerms;
import com.personaruntime.runtime.live.ComposerModels;
import com.personaruntime.runtime.live.TurnObserver.RecordedTurn;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Computes the signals of one transcript turn. <b>Blocking</b> (it may embed the question with the
 * ONNX model and re-run the composer's retrieval): call it on a worker.
 *
 * <p>"Answered from knowledge": when the offline composer answered, the composer itself says so —
 * the same question is composed again (composition is deterministic) and the reply counts as
 * answered when it quoted at least one knowledge entry and said of nothing that it has no information
 * (see {@link #answered(Composition)}). When a
 * configured model answered, the signal is retrieval confidence: the best knowledge hit scoring at
 * least {@link KnowledgeIndex#THRESHOLD}, the composer's own bar for using an entry. A message the
 * input guard refused, and a turn whose reply the guard blocked or held, have no answered value (so they
 * are never knowledge gaps).
 */
public final class SignalAnalyser {
  /** Intents that are not questions about the brand's offer, so never a knowledge gap. */
  private static final Set<Intent> SOCIAL = EnumSet.of(Intent.GREETING, Intent.THANKS, Intent.COMPLAINT);
  /** Intents that ask for something the knowledge should hold. */
  private static final Set<Intent> ASKING = EnumSet.of(Intent.PRODUCT_QUESTION, Intent.PRICE, Intent.SHIPPING,
      Intent.PURCHASE_INTENT);

  private final java.util.function.Supplier<SentimentModel> sentiment;

  /** @param sentiment the model; asked for on the worker that analyses, so a lazy load never hits an event loop */
  public SignalAnalyser(java.util.function.Supplier<SentimentModel> sentiment) {
    this.sentiment = sentiment;
  }

  /**
   * The signals of a turn.
   *
   * @param turn   the stored turn
   * @param bundle the persona version's composer and knowledge index
   */
  public TurnSignals analyse(RecordedTurn turn, ComposerModels.Bundle bundle) {
    String text = turn.audienceText();
    SentimentScore s = sentiment.get().score(text);
    Intent intent = IntentDetector.detect(text);
    String language = LanguageDetector.detect(text);
    List<KnowledgeHit> hits = bundle.index().search(text, 1);
    KnowledgeHit top = hits.isEmpty() ? null : hits.get(0);
    Double knowledgeScore = top == null ? 0.0 : top.score();
    Boolean answered;
    String topic = null;
    if (turn.refused() || "block".equals(turn.decision()) || "flag".equals(turn.decision())) {
      // refused by the input guard, or a reply the guard stopped: a moderation matter, not a knowledge gap
      answered = null;
    } else if (turn.route() == null || turn.route().contains("composer")) {
      // the same composition the audience got: this message with the conversation's earlier ones
      Composition c = bundle.model().compose(text, turn.history(), null);
      intent = c.intent();
      // the composer knows what its reply answered: a quoted entry, and nothing said to be unknown
      // ("Mình chưa có thông tin về hỏa tốc… Điều mình biết: <shipping>" is a gap for express delivery)
      answered = answered(c);
      if (answered && !c.knowledgeIds().isEmpty()) {
        topic = bundle.index().get(c.knowledgeIds().get(0)).map(k -> k.title()).orElse(null);
      }
    } else {
      answered = top != null && top.score() >= KnowledgeIndex.THRESHOLD;
    }
    if (topic == null && top != null && top.score() >= KnowledgeIndex.THRESHOLD) {
      topic = top.knowledge().title();
    }
    // A question by its form ("?", question words, Vietnamese particles, "tell me about"), or an asking
    // intent in a message without sentiment: "I love the house blend!" names a product but asks nothing.
    boolean question = !SOCIAL.contains(intent) && (QuestionTerms.isQuestion(text) || askedWithoutMark(text)
        || (ASKING.contains(intent) && s.label() == Sentiment.NEUTRAL));
    String embedding = null;
    if (question && Boolean.FALSE.equals(answered)) {
      embedding = encode(QuestionTerms.embeddingModel().embed(text).content().vector());
    }
    Integer responseMs = turn.firstTokenMs() != null ? turn.firstTokenMs() : Integer.valueOf(turn.totalMs());
    return new TurnSignals(s.label(), s.score(), intent.id(), topic, question, answered, knowledgeScore, responseMs,
        turn.decision(), language, embedding);
  }

  /**
   * Whether a composed reply answered its question from knowledge: it quoted at least one entry and said of
   * nothing that it has no information about it ({@link Composition#unanswered()}: an unknown product,
   * "no information about express delivery" beside the shipping policy, a fact or price the entry lacks).
   * Retrieval scores are not asked: the composer finds entries across languages and by service topic
   * ("is shipping free over 400k?" answered from "Giao hàng"), where a retrieval score is low. A reply that
   * states the brand's own contact from the persona card ("What's your email?") answered too
   * ({@link Composition#cardFacts()}).
   */
  static boolean answered(Composition c) {
    return (!c.knowledgeIds().isEmpty() || !c.cardFacts().isEmpty()) && c.unanswered().isEmpty();
  }

  /** Vietnamese question particles (folded) that end a question, and words that may follow them. */
  private static final Set<String> VI_PARTICLES = Set.of("khong", "chua", "nhi", "ha", "sao", "gi", "nao", "dau");
  /** Two-word question phrases that end a question ("giá bao nhiêu", "dùng thế nào"), folded. */
  private static final Set<String> VI_QUESTION_WORDS = Set.of("bao nhieu", "the nao", "o dau", "khi nao", "bao lau",
      "la gi", "lam sao", "ra sao", "nhu nao", "may gio", "bao gio");
  private static final Set<String> VI_TRAILERS = Set.of("shop", "a", "ad", "admin", "ban", "em", "chi", "anh", "nha",
      "vay", "the", "z", "ta", "oi", "ah", "nhe");

  /**
   * "co the qua tang ko shop" (có thẻ quà tặng không shop): a question without '?', typed without
   * marks and in teencode. Folded by the guardrails' normaliser, a question particle ends it, or is
   * followed by one address or softening word.
   */
  static boolean vietnameseQuestion(String text) {
    return vietnameseQuestionFolded(com.personaruntime.guardrails.TextFolding.fold(text));
  }

  /**
   * A question without '?': {@link #vietnameseQuestion} or {@link #request}, the text folded once for both
   * (the guardrails' normaliser, the costliest step of either).
   */
  static boolean askedWithoutMark(String text) {
    String folded = com.personaruntime.guardrails.TextFolding.fold(text);
    return vietnameseQuestionFolded(folded) || requestFolded(folded);
  }

  private static boolean vietnameseQuestionFolded(String folded) {
    String[] w = folded.split("[ \\n]+");
    int n = w.length;
    if (n < 2) {
      return false;
    }
    String lastTwo = w[n - 2] + " " + w[n - 1];
    String beforeTrailer = n >= 3 && VI_TRAILERS.contains(w[n - 1]) ? w[n - 3] + " " + w[n - 2] : "";
    return particle(w, n - 1) || (particle(w, n - 2) && VI_TRAILERS.contains(w[n - 1]))
        || VI_QUESTION_WORDS.contains(lastTwo) || VI_QUESTION_WORDS.contains(beforeTrailer);
  }

  /** Words before "nào" that make "not … at all" ("không bết chút nào", "chẳng thích tí nào"), folded. */
  private static final Set<String> AT_ALL = Set.of("chut", "ti", "xiu", "ly", "gi");

  /** A question particle at {@code i}; "nào" after "chút"/"tí"/"xíu" is "at all" of a negation, no question. */
  private static boolean particle(String[] w, int i) {
    return VI_PARTICLES.contains(w[i]) && !(w[i].equals("nao") && i > 0 && AT_ALL.contains(w[i - 1]));
  }

  /** Requests phrased as statements ("tell me about ...", "cho mình hỏi ..."), folded. */
  private static final List<String> REQUESTS = List.of("tell me", "show me", "i want to know", "d like to know",
      "i need to know", "cho minh hoi", "cho hoi", "minh muon hoi", "em muon hoi", "cho em hoi", "xin thong tin",
      "tu van giup", "tu van cho");

  static boolean request(String text) {
    return requestFolded(com.personaruntime.guardrails.TextFolding.fold(text));
  }

  private static boolean requestFolded(String foldedText) {
    String folded = " " + foldedText.replace('\n', ' ') + " ";
    for (String r : REQUESTS) {
      if (folded.contains(" " + r + " ")) {
        return true;
      }
    }
    return false;
  }

  /** A float vector as base64 of its big-endian IEEE 754 bytes. */
  static String encode(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4);
    for (float f : v) {
      b.putFloat(f);
    }
    return Base64.getEncoder().encodeToString(b.array());
  }

  /** The inverse of {@link #encode}; null for null. */
  static float[] decode(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(s));
    float[] v = new float[b.remaining() / 4];
    for (int i = 0; i < v.length; i++) {
      v[i] = b.getFloat();
    }
    return v;
  }
}
