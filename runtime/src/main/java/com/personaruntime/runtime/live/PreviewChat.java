package com.personaruntime.runtime.live;

import com.personaruntime.runtime.catalog.LivePersona;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's preview chat: one turn of a draft persona through the same {@link ChatEngine} as
 * production (input guard, prompt, model chain ending in the composer, streaming guard, fallback
 * lines), with nothing stored — no conversation row, no transcript, no moderation item — so trying
 * a draft never fills the moderation queue or the insights.
 */
public final class PreviewChat {
  /**
   * One previewed turn.
   *
   * @param reply    what the audience would have seen (released text plus any fallback line)
   * @param decision the verdict on the wire: allow, rewrite, flag or block
   * @param findings the guard's findings, as in the guardrail check API ({@code rule, severity,
   *                 action, start, end, message}; offsets in UTF-16 units of {@code checked})
   * @param checked  the text the findings refer to: the model's full reply when the output guard
   *                 spoke, or the audience message when the input guard refused it
   * @param stage    {@code input} (the input guard refused the message) or {@code output}
   * @param route    which model answered ({@code composer}, the endpoint name, ...), or {@code input-guard}
   */
  public record Result(String reply, String decision, JsonArray findings, String checked, String stage, String route) {
  }

  /** One earlier exchange of the preview conversation (its memory). */
  public record Exchange(String audience, String persona) {
  }

  private final Vertx vertx;
  private final ChatEngine engine;
  private final CapturingStore store;

  /** A preview engine: give it the same gateway, bindings, composers and prompts as the live one. */
  public PreviewChat(Vertx vertx, java.util.function.Function<LiveStore, ChatEngine> engineFactory) {
    this.vertx = vertx;
    this.store = new CapturingStore();
    this.engine = engineFactory.apply(store);
  }

  /** Runs one turn of {@code persona} (a draft) with the given memory; completes when the reply has ended. */
  public Future<Result> turn(LivePersona persona, List<Exchange> history, String message) {
    Promise<Result> promise = Promise.promise();
    vertx.runOnContext(v -> {
      try {
        Conversation c = engine.open(persona, null).result();
        for (Exchange e : history) {
          c.remember(e.audience(), e.persona());
        }
        String messageId = "preview-" + c.id();
        StringBuilder shown = new StringBuilder();
        Promise<Captured> captured = Promise.promise();
        store.pending.put(c.id(), captured);
        engine.turn(c, messageId, message, new TurnSink() {
          @Override
          public void delta(String text) {
            shown.append(text);
          }

          @Override
          public void done(String decision) {
            // the transcript turn (with the findings) is captured right after done
          }
        });
        captured.future().onComplete(ar -> {
          store.pending.remove(c.id());
          if (ar.failed()) {
            promise.fail(ar.cause());
            return;
          }
          Captured cap = ar.result();
          boolean input = "input-guard".equals(cap.route());
          String checked = input ? message : store.held.getOrDefault(c.id(), cap.reply());
          store.held.remove(c.id());
          promise.complete(new Result(shown.toString(), cap.decision(), new JsonArray(cap.findingsJson()),
              checked, input ? "input" : "output", cap.route()));
        });
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }

  private record Captured(String reply, String decision, String findingsJson, String route) {
  }

  /** A store that writes nothing and hands the turn's outcome to the waiting preview. */
  private static final class CapturingStore extends LiveStore {
    final Map<String, Promise<Captured>> pending = new ConcurrentHashMap<>();
    final Map<String, String> held = new ConcurrentHashMap<>();

    CapturingStore() {
      super(null, Clock.systemUTC());
    }

    @Override
    public Future<Void> startConversation(String id, String personaId, String brandId, String room) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> recordTurn(String conversationId, String brandId, int personaVersion, String messageId,
        String audienceText, String replyText, String decision, String findingsJson, String route,
        Integer firstTokenMs, Integer totalMs) {
      Promise<Captured> p = pending.get(conversationId);
      if (p != null) {
        p.tryComplete(new Captured(replyText, decision, findingsJson == null ? "[]" : findingsJson, route));
      }
      return Future.succeededFuture();
    }

    @Override
    public Future<String> addModerationItem(String brandId, String personaId, String kind, String decision,
        String content, String releasedText, String findingsJson, JsonObject context) {
      // the full model output the guard stopped: the findings' offsets refer to it
      String conversationId = context.getString("conversationId");
      if (conversationId != null && "chat_reply".equals(kind)) {
        held.put(conversationId, content);
      }
      return Future.succeededFuture("preview");
    }
  }
}
