package com.personaruntime.runtime.insights;

import com.personaruntime.runtime.live.ComposerModels;
import com.personaruntime.runtime.live.TurnObserver;
import com.personaruntime.runtime.live.TurnObserver.RecordedTurn;
import com.personaruntime.runtime.privacy.AudiencePrivacy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audience insights of a persona: per-turn signals (computed off the event loop when a turn is
 * stored), the insights report, label corrections and retention. Definitions follow REFERENCE.md
 * "Audience insight definitions":
 * <ul>
 *   <li><b>net sentiment</b> (Talkwalker): (positive - negative) / (positive + negative), neutral
 *       excluded; null when there is neither;</li>
 *   <li><b>response time</b> (Sprout's first-response time): milliseconds from the audience message
 *       to the first text the audience saw; p50/p90 by nearest rank, and the mean;</li>
 *   <li><b>returning audience</b>: pseudonymous audience ids seen in two or more conversations in the
 *       window;</li>
 *   <li><b>advocates</b>: audience ids ranked by messages × share of positive messages (at least two
 *       messages and one positive); named only when they chose a display name (opt-in);</li>
 *   <li><b>knowledge gaps</b>: questions the persona could not answer from knowledge, clustered by
 *       meaning ({@link GapClusterer}); never a message the guardrails refused or a reply they stopped, nor
 *       one with a prompt-injection finding ({@link #gapCandidate}); the audience's contact data in the
 *       questions is hidden ({@link AudiencePrivacy}).</li>
 * </ul>
 * A manual sentiment label is used instead of the automatic one everywhere.
 */
public final class InsightsService {
  private static final Logger LOG = LoggerFactory.getLogger(InsightsService.class);
  /** Longest window of a report, in days. */
  public static final int MAX_DAYS = 366;
  /** Most unanswered questions clustered per report (the newest). */
  static final int MAX_GAP_QUESTIONS = 1_000;
  /** Most entries in the topic, gap, advocate and room lists. */
  static final int TOP = 10;

  private final Vertx vertx;
  private final InsightsStore store;
  private final ComposerModels composers;
  private final SignalAnalyser analyser;
  private final Clock clock;

  public InsightsService(Vertx vertx, InsightsStore store, ComposerModels composers, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.composers = composers;
    // The lexicon loads on first use; warm it on a worker, never on the caller's event loop.
    this.analyser = new SignalAnalyser(SentimentModel::shipped);
    this.clock = clock;
    if (vertx != null) {
      vertx.executeBlocking(SentimentModel::shipped, false)
          .onFailure(err -> LOG.error("sentiment lexicon could not be loaded", err));
    }
  }

  public InsightsStore store() {
    return store;
  }

  // ------------------------------------------------------------------ signals

  /** The observer to give the chat engine: every stored turn gets its signals. */
  public TurnObserver observer() {
    return turn -> record(turn).onFailure(err -> LOG.warn("signals of a turn in conversation {} not stored: {}",
        turn.conversationId(), err.toString()));
  }

  /** Computes (on a worker) and stores the signals of one stored turn. */
  public Future<Boolean> record(RecordedTurn turn) {
    String brandId = turn.persona().brandId();
    return store.audienceSalt(brandId)
        .compose(salt -> composers.get(turn.persona()).compose(bundle -> vertx.executeBlocking(() -> {
          TurnSignals s = analyser.analyse(turn, bundle);
          return new Object[] {s, audienceId(salt, turn.audienceKey())};
        }, false)))
        .compose(r -> store.insert(brandId, turn.persona().personaId(), turn.conversationId(), turn.messageId(),
            turn.room(), (String) r[1], turn.audienceName(), (TurnSignals) r[0]));
  }

  /** HMAC-SHA256 of the audience key under the brand's salt, first 16 bytes in hex; null for null. */
  static String audienceId(String saltHex, String key) {
    if (key == null) {
      return null;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(HexFormat.of().parseHex(saltHex), "HmacSHA256"));
      byte[] h = mac.doFinal(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  // ------------------------------------------------------------------ report

  /**
   * The insights of a persona over the last {@code days} days (1..{@value #MAX_DAYS}), as the JSON of
   * {@code GET /api/v1/insights}.
   */
  public Future<JsonObject> report(String personaId, String personaSlug, int days) {
    Instant now = clock.instant();
    Instant from = now.minus(Duration.ofDays(days));
    return store.turns(personaId, from, true)
        .compose(rows -> vertx.executeBlocking(() -> build(rows, personaSlug, days, from, now), false));
  }

  private JsonObject build(List<InsightsStore.TurnRow> rows, String slug, int days, Instant from, Instant now) {
    Set<String> conversations = new HashSet<>();
    int pos = 0;
    int neg = 0;
    int neu = 0;
    int flagged = 0;
    int blocked = 0;
    int questions = 0;
    int unanswered = 0;
    int analysed = 0;
    int corrected = 0;
    List<Integer> times = new ArrayList<>();
    Map<String, Integer> topics = new HashMap<>();
    Map<String, Integer> rules = new TreeMap<>();
    Map<LocalDate, int[]> daily = new TreeMap<>();
    Map<String, int[]> audience = new HashMap<>();          // id -> [messages, positive]
    Map<String, Set<String>> audienceConversations = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    Map<String, RoomTally> rooms = new TreeMap<>();
    List<GapClusterer.Question> gapQuestions = new ArrayList<>();
    for (LocalDate d = LocalDate.ofInstant(from, ZoneOffset.UTC); !d.isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC));
        d = d.plusDays(1)) {
      daily.put(d, new int[3]);
    }
    for (InsightsStore.TurnRow r : rows) {
      conversations.add(r.conversationId());
      if ("flag".equals(r.decision())) {
        flagged++;
      } else if ("block".equals(r.decision())) {
        blocked++;
      }
      for (String rule : stoppingRules(r)) {
        rules.merge(rule, 1, Integer::sum);
      }
      Integer rt = r.responseMs() != null ? r.responseMs() : r.firstTokenMs() != null ? r.firstTokenMs() : r.totalMs();
      if (rt != null) {
        times.add(rt);
      }
      RoomTally room = r.room() == null ? null : rooms.computeIfAbsent(r.room(), k -> new RoomTally());
      if (room != null) {
        room.messages++;
        room.conversations.add(r.conversationId());
      }
      String label = r.effectiveSentiment();
      if (label == null) {
        continue; // no signals (yet)
      }
      analysed++;
      if (r.manual() != null) {
        corrected++;
      }
      int[] day = daily.computeIfAbsent(LocalDate.ofInstant(r.at(), ZoneOffset.UTC), k -> new int[3]);
      switch (label) {
        case "positive" -> {
          pos++;
          day[0]++;
        }
        case "negative" -> {
          neg++;
          day[1]++;
        }
        default -> {
          neu++;
          day[2]++;
        }
      }
      if (room != null) {
        room.add(label, r.audienceId());
      }
      String topic = r.topic() != null ? r.topic() : topicOfIntent(r.intent());
      if (topic != null) {
        topics.merge(topic, 1, Integer::sum);
      }
      if (r.audienceId() != null) {
        int[] a = audience.computeIfAbsent(r.audienceId(), k -> new int[2]);
        a[0]++;
        if (label.equals("positive")) {
          a[1]++;
        }
        audienceConversations.computeIfAbsent(r.audienceId(), k -> new HashSet<>()).add(r.conversationId());
        if (r.audienceName() != null) {
          names.put(r.audienceId(), r.audienceName());
        }
      }
      if (Boolean.TRUE.equals(r.question())) {
        questions++;
        if (Boolean.FALSE.equals(r.answered()) && gapCandidate(r)) {
          unanswered++;
          gapQuestions.add(new GapClusterer.Question(r.turnId(), AudiencePrivacy.redact(r.audienceText(), r.language()),
              SignalAnalyser.decode(r.embedding()), "en".equals(r.language())));
        }
      }
    }
    if (gapQuestions.size() > MAX_GAP_QUESTIONS) {
      gapQuestions = gapQuestions.subList(gapQuestions.size() - MAX_GAP_QUESTIONS, gapQuestions.size());
    }
    JsonObject out = new JsonObject()
        .put("persona", slug)
        .put("days", days)
        .put("from", from.toString())
        .put("to", now.toString())
        .put("conversations", conversations.size())
        .put("messages", rows.size())
        .put("analysedMessages", analysed)
        .put("truncated", rows.size() >= InsightsStore.MAX_ROWS);
    out.put("sentiment", new JsonObject()
        .put("positive", pos).put("negative", neg).put("neutral", neu)
        .put("net", net(pos, neg))
        .put("corrected", corrected)
        .put("definition", "net = (positive - negative) / (positive + negative), neutral excluded (Talkwalker);"
            + " null when there is neither"));
    JsonArray overTime = new JsonArray();
    daily.forEach((d, c) -> overTime.add(new JsonObject().put("date", d.toString()).put("positive", c[0])
        .put("negative", c[1]).put("neutral", c[2]).put("net", net(c[0], c[1]))));
    out.put("sentimentOverTime", overTime);
    JsonArray gaps = new JsonArray();
    for (GapClusterer.Gap g : GapClusterer.cluster(gapQuestions).stream().limit(TOP).toList()) {
      gaps.add(new JsonObject().put("question", g.question()).put("count", g.count())
          .put("examples", new JsonArray(g.examples())));
    }
    out.put("knowledgeGaps", gaps);
    out.put("questions", new JsonObject().put("asked", questions).put("unanswered", unanswered));
    out.put("topics", ranked(topics));
    JsonArray byRule = new JsonArray();
    rules.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> byRule.add(new JsonObject().put("rule", e.getKey()).put("count", e.getValue())));
    out.put("moderation", new JsonObject().put("flagged", flagged).put("blocked", blocked)
        .put("rate", rows.isEmpty() ? 0.0 : round((flagged + blocked) / (double) rows.size()))
        .put("byRule", byRule));
    out.put("responseTimeMs", responseTimes(times));
    out.put("community", community(audience, audienceConversations, names, rooms));
    return out;
  }

  /**
   * The rules that stopped a flagged or blocked turn, each once however many findings it made ("moderation by
   * rule" counts turns, as its chart says: a reply with three banned terms is one turn stopped by that rule).
   * Empty for an allowed or rewritten turn.
   */
  static Set<String> stoppingRules(InsightsStore.TurnRow r) {
    Set<String> out = new java.util.LinkedHashSet<>();
    if ("flag".equals(r.decision()) || "block".equals(r.decision())) {
      for (Object f : new JsonArray(r.findings() == null ? "[]" : r.findings())) {
        if (f instanceof JsonObject o && ("flag".equals(o.getString("action")) || "block".equals(o.getString("action")))) {
          out.add(o.getString("rule", "unknown"));
        }
      }
    }
    return out;
  }

  /** Rules whose finding on a turn marks an attack on the persona, never a question for its knowledge. */
  private static final Set<String> ATTACK_RULES = Set.of(com.personaruntime.guardrails.RuleIds.PROMPT_INJECTION,
      com.personaruntime.guardrails.RuleIds.PROMPT_INJECTION_LEARNED, com.personaruntime.guardrails.RuleIds.CANARY_LEAK);

  /**
   * Intents the persona answers by policy, never from knowledge (composer {@code Intent} ids): being an AI,
   * health or efficacy claims, politics and religion, abuse, competitors. No knowledge entry would answer
   * "are you a real person?" or "does it cure acne?", so they are never knowledge gaps. Off-topic is not
   * among them: the composer also files there an offer it does not know ("do you sell gift cards?"), which
   * is exactly a gap.
   */
  static final Set<String> POLICY_INTENTS = java.util.stream.Stream.of(com.personaruntime.composer.Intent.ARE_YOU_AI,
          com.personaruntime.composer.Intent.HEALTH, com.personaruntime.composer.Intent.SENSITIVE,
          com.personaruntime.composer.Intent.INSULT, com.personaruntime.composer.Intent.COMPETITOR)
      .map(com.personaruntime.composer.Intent::id).collect(java.util.stream.Collectors.toUnmodifiableSet());

  /**
   * Whether an unanswered question may be a knowledge gap: the guardrails let the turn through (allow
   * or rewrite) and found no prompt injection or canary leak in it, even one below the blocking
   * threshold, and it was not a question the persona answers by policy ({@link #POLICY_INTENTS}). A message the input guard refused or a reply it stopped is a moderation matter (turns
   * stored before signals said so are filtered here too); adding knowledge would not answer it.
   */
  static boolean gapCandidate(InsightsStore.TurnRow r) {
    if (!"allow".equals(r.decision()) && !"rewrite".equals(r.decision())) {
      return false;
    }
    if (r.intent() != null && POLICY_INTENTS.contains(r.intent())) {
      return false;
    }
    if (r.findings() == null || r.findings().isBlank()) {
      return true;
    }
    for (Object f : new JsonArray(r.findings())) {
      if (f instanceof JsonObject o && ATTACK_RULES.contains(o.getString("rule"))) {
        return false;
      }
    }
    return true;
  }

  /** Intent ids shown as topics when no knowledge entry names the subject. */
  private static String topicOfIntent(String intent) {
    if (intent == null) {
      return null;
    }
    return switch (intent) {
      case "price" -> "price";
      case "shipping" -> "shipping";
      case "purchase_intent" -> "buying";
      case "complaint" -> "complaints";
      case "off_topic" -> "off-topic";
      case "product_question" -> "product questions";
      default -> null; // greetings and thanks are not topics
    };
  }

  private static JsonObject responseTimes(List<Integer> times) {
    JsonObject o = new JsonObject();
    if (times.isEmpty()) {
      return o.put("p50", null).put("p90", null).put("mean", null).put("count", 0);
    }
    List<Integer> sorted = new ArrayList<>(times);
    sorted.sort(Comparator.naturalOrder());
    double mean = sorted.stream().mapToInt(Integer::intValue).average().orElse(0);
    return o.put("p50", nearestRank(sorted, 50)).put("p90", nearestRank(sorted, 90))
        .put("mean", Math.round(mean)).put("count", sorted.size());
  }

  /** Nearest-rank percentile of a sorted list. */
  static int nearestRank(List<Integer> sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private static JsonObject community(Map<String, int[]> audience, Map<String, Set<String>> conversations,
      Map<String, String> names, Map<String, RoomTally> rooms) {
    int returning = (int) conversations.values().stream().filter(c -> c.size() >= 2).count();
    List<Map.Entry<String, int[]>> candidates = new ArrayList<>(audience.entrySet().stream()
        .filter(e -> e.getValue()[0] >= 2 && e.getValue()[1] >= 1).toList());
    candidates.sort(Comparator.comparingDouble((Map.Entry<String, int[]> e) -> advocacy(e.getValue())).reversed()
        .thenComparing(Map.Entry::getKey));
    JsonArray advocates = new JsonArray();
    for (Map.Entry<String, int[]> e : candidates.subList(0, Math.min(TOP, candidates.size()))) {
      int[] a = e.getValue();
      String name = names.get(e.getKey());
      advocates.add(new JsonObject()
          .put("audience", name != null ? name : "#" + e.getKey().substring(0, 8))
          .put("named", name != null)
          .put("messages", a[0])
          .put("conversations", conversations.get(e.getKey()).size())
          .put("positiveShare", round(a[1] / (double) a[0]))
          .put("score", round(advocacy(a))));
    }
    JsonArray roomList = new JsonArray();
    rooms.entrySet().stream().sorted(Comparator.comparingInt((Map.Entry<String, RoomTally> e) -> e.getValue().messages)
            .reversed()).limit(TOP)
        .forEach(e -> roomList.add(new JsonObject().put("room", e.getKey()).put("messages", e.getValue().messages)
            .put("conversations", e.getValue().conversations.size())
            .put("audience", e.getValue().audience.size())
            .put("net", net(e.getValue().pos, e.getValue().neg))));
    return new JsonObject()
        .put("audience", audience.size())
        .put("returning", returning)
        .put("returningShare", audience.isEmpty() ? 0.0 : round(returning / (double) audience.size()))
        .put("advocates", advocates)
        .put("rooms", roomList)
        .put("definitions", new JsonObject()
            .put("returning", "pseudonymous audience ids seen in two or more conversations in the window")
            .put("advocate", "messages x share of positive messages; named only with an opt-in display name"));
  }

  private static double advocacy(int[] a) {
    return a[0] * (a[1] / (double) a[0]);
  }

  private static JsonArray ranked(Map<String, Integer> counts) {
    JsonArray out = new JsonArray();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP)
        .forEach(e -> out.add(new JsonObject().put("name", e.getKey()).put("count", e.getValue())));
    return out;
  }

  /** Talkwalker's net sentiment, rounded to 3 places; null when there is no positive or negative. */
  static Double net(int pos, int neg) {
    return pos + neg == 0 ? null : round((pos - neg) / (double) (pos + neg));
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static final class RoomTally {
    int messages;
    int pos;
    int neg;
    final Set<String> conversations = new HashSet<>();
    final Set<String> audience = new HashSet<>();

    void add(String label, String audienceId) {
      if (label.equals("positive")) {
        pos++;
      } else if (label.equals("negative")) {
        neg++;
      }
      if (audienceId != null) {
        audience.add(audienceId);
      }
    }
  }

  // ------------------------------------------------------------------ export

  /**
   * The turns of a persona over the last {@code days} days with their signals, oldest first, as brand
   * staff may see them: the audience's contact data in {@code audienceText} hidden ({@link AudiencePrivacy}).
   */
  public Future<List<InsightsStore.TurnRow>> turns(String personaId, int days) {
    return store.turns(personaId, clock.instant().minus(Duration.ofDays(days)), false)
        .map(rows -> rows.stream().map(InsightsService::shown).toList());
  }

  private static InsightsStore.TurnRow shown(InsightsStore.TurnRow r) {
    return new InsightsStore.TurnRow(r.turnId(), r.conversationId(), r.room(), r.at(),
        AudiencePrivacy.redact(r.audienceText(), r.language()), r.findings(), r.decision(), r.firstTokenMs(),
        r.totalMs(), r.audienceId(), r.audienceName(), r.language(), r.sentiment(), r.sentimentScore(), r.manual(),
        r.intent(), r.topic(), r.question(), r.answered(), r.responseMs(), r.embedding());
  }

  // ------------------------------------------------------------------ retention

  /**
   * Applies every brand's retention now (by the injected clock): turns older than the brand's
   * {@code retention_days} are deleted with their signals. Returns the number of turns deleted.
   */
  public Future<Integer> applyRetention() {
    Instant now = clock.instant();
    return store.retentionPolicies().compose(policies -> {
      Future<Integer> total = Future.succeededFuture(0);
      for (InsightsStore.Settings s : policies) {
        total = total.compose(sum -> store.deleteBefore(s.brandId(), now.minus(Duration.ofDays(s.retentionDays())))
            .map(n -> {
              if (n > 0) {
                LOG.info("retention: deleted {} transcript turn(s) of brand {} older than {} days", n, s.brandId(),
                    s.retentionDays());
              }
              return sum + n;
            }));
      }
      return total;
    });
  }

  /** Applies retention now and then every {@code period}; returns the timer id. */
  public long scheduleRetention(Duration period) {
    applyRetention().onFailure(err -> LOG.warn("retention failed: {}", err.toString()));
    return vertx.setPeriodic(period.toMillis(), id -> applyRetention()
        .onFailure(err -> LOG.warn("retention failed: {}", err.toString())));
  }
}
