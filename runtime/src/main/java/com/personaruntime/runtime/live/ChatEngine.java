package com.personaruntime.runtime.live;

import com.personaruntime.composer.Audience;
import com.personaruntime.composer.KnowledgeHit;
import com.personaruntime.composer.LanguageDetector;
import com.personaruntime.gateway.Attribution;
import com.personaruntime.gateway.GatewayFailure;
import com.personaruntime.gateway.ModelGateway;
import com.personaruntime.gateway.ModelRoute;
import com.personaruntime.gateway.ModelSpec;
import com.personaruntime.gateway.StreamHandle;
import com.personaruntime.gateway.StreamListener;
import com.personaruntime.guardrails.Channel;
import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Decision;
import com.personaruntime.guardrails.Direction;
import com.personaruntime.guardrails.Finding;
import com.personaruntime.guardrails.StreamingGuard;
import com.personaruntime.guardrails.Verdict;
import com.personaruntime.personas.Persona;
import com.personaruntime.runtime.catalog.LivePersona;
import com.personaruntime.runtime.moderation.ItemKind;
import com.personaruntime.runtime.moderation.ModerationStore;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.output.TokenUsage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live chat turn, end to end (ARCHITECTURE.md "Live chat turn"): input guard, prompt,
 * model stream through the gateway (configured model first, the offline composer last),
 * streaming guard, fallback line on block/flag, transcript and moderation item.
 *
 * <p>Threading: {@link #turn} is called on the connection's event-loop context; the gateway's
 * callbacks arrive on other threads and are moved back onto that context, so the guard, the
 * sink and the conversation are only touched by one thread.
 */
public final class ChatEngine {
  private static final Logger LOG = LoggerFactory.getLogger(ChatEngine.class);

  private final Vertx vertx;
  private final ModelGateway gateway;
  private final com.personaruntime.runtime.catalog.ModelBindings bindings;
  private final ComposerModels composers;
  private final PromptAssembler prompts;
  private final LiveStore store;
  private final ModerationStore moderation;
  private final int memoryTurns;
  private final AudienceLimits audience;
  private volatile TurnObserver observer = TurnObserver.NONE;

  /**
   * @param bindings how personas' model bindings become model specs (default binding, named endpoints,
   *                 allowed key variables)
   */
  public ChatEngine(Vertx vertx, ModelGateway gateway, com.personaruntime.runtime.catalog.ModelBindings bindings,
      ComposerModels composers, LiveStore store, ModerationStore moderation, int memoryTurns) {
    this(vertx, gateway, bindings, composers, store, moderation, memoryTurns, new PromptAssembler());
  }

  /** As above, with the prompt assembler (and so the personas' own prompt templates) given. */
  public ChatEngine(Vertx vertx, ModelGateway gateway, com.personaruntime.runtime.catalog.ModelBindings bindings,
      ComposerModels composers, LiveStore store, ModerationStore moderation, int memoryTurns,
      PromptAssembler prompts) {
    this(vertx, gateway, bindings, composers, store, moderation, memoryTurns, prompts, null);
  }

  /** As above, with the audience limits whose moderation-item budget applies per client address (null: none). */
  public ChatEngine(Vertx vertx, ModelGateway gateway, com.personaruntime.runtime.catalog.ModelBindings bindings,
      ComposerModels composers, LiveStore store, ModerationStore moderation, int memoryTurns, PromptAssembler prompts,
      AudienceLimits audience) {
    this.audience = audience;
    this.moderation = moderation;
    this.prompts = prompts;
    this.vertx = vertx;
    this.gateway = gateway;
    this.bindings = bindings;
    this.composers = composers;
    this.store = store;
    this.memoryTurns = memoryTurns;
  }

  /** Sets who is told about every stored turn (audience insights). */
  public void observe(TurnObserver observer) {
    this.observer = observer == null ? TurnObserver.NONE : observer;
  }

  /**
   * Starts a conversation. Its row is written when its first message arrives (a socket that never speaks
   * leaves nothing in the database), in the background; transcript turns wait for it (see persist).
   */
  public Future<Conversation> open(LivePersona persona, String room) {
    String id = com.personaruntime.runtime.storage.Sql.newId();
    Conversation c = new Conversation(id, persona, room, memoryTurns, System.currentTimeMillis());
    return Future.succeededFuture(c);
  }

  /**
   * Whether the transcript store is behind ({@link LiveStore#saturated()}): callers refuse new messages
   * with an {@code overloaded} error instead of letting writes queue without bound or be dropped.
   */
  public boolean overloaded() {
    return store.saturated();
  }

  /** Writes the conversation's row once (on its context), at its first message. */
  private Future<Void> stored(Conversation c) {
    if (c.stored == null) {
      LivePersona persona = c.persona();
      c.storing(store.startConversation(c.id(), persona.personaId(), persona.brandId(), c.room()));
      c.stored.onFailure(err -> LOG.error("conversation {} not stored", c.id(), err));
    }
    return c.stored;
  }

  /**
   * Whether a moderation item may be filed for this conversation's audience: the per-address budget
   * ({@link AudienceLimits#tryModerationItem}) keeps one address from flooding the queue.
   */
  private boolean mayFile(Conversation c, String address) {
    if (audience == null || address == null || audience.tryModerationItem(address)) {
      return true;
    }
    LOG.warn("moderation item of conversation {} not filed: its address used up live.moderationItemsPerHourPerAddress",
        c.id());
    return false;
  }

  /**
   * Continues a stored conversation (a resumed chat): its memory is rebuilt from the transcript (what
   * the audience saw) and the re-disclosure clock from its last turn.
   */
  public Future<Conversation> resume(LivePersona persona, LiveStore.Resumed stored) {
    Conversation c = new Conversation(stored.conversationId(), persona, null, memoryTurns,
        stored.lastActivity() == null ? System.currentTimeMillis() : stored.lastActivity().toEpochMilli());
    c.storing(Future.succeededFuture()); // the conversation's row exists already
    for (LiveStore.Line line : stored.lines()) {
      if (line.audience() == null) {
        c.rememberPersona(line.persona());
      } else {
        c.remember(line.refused() ? Disclosures.WITHHELD_INPUT : asked(persona, line.audience()), line.persona());
      }
    }
    return Future.succeededFuture(c);
  }

  /**
   * Records a release the audience was shown (a moderator's decision on a held reply): the persona's
   * memory and the transcript get exactly the released text.
   */
  public void released(Conversation c, String replyTo, String text, String decision) {
    c.rememberPersona(text);
    stored(c).compose(v -> store.recordRelease(c.id(), c.persona().brandId(), c.persona().version(), replyTo, text,
            decision))
        .onFailure(err -> LOG.error("release in conversation {} not stored", c.id(), err));
  }

  /**
   * Answers a refused input a moderator let through: the same guarded turn as any message (so a
   * flagged answer is held again), with {@code input} reaching the model this time.
   */
  public Turn letThrough(Conversation conversation, String messageId, String input, String language,
      TurnSink sink) {
    return answer(conversation, messageId, letThrough(conversation.persona(), input, language), sink);
  }

  /**
   * A refused input a moderator let through, as the model gets it: the text with the input guard's
   * rewrites (its personal data redacted, as for any message), never refused again.
   */
  public static Screened letThrough(LivePersona persona, String input, String language) {
    String lang = Disclosures.lang(persona.persona(), language);
    String question = persona.policy().check(input, new CheckContext(Direction.INPUT, Channel.CHAT, null, lang, false,
        null)).text();
    return new Screened(false, input, question, null, "allow", lang);
  }

  /**
   * What the model was asked for a stored audience message: the text with the input guard's rewrites
   * (personal data redacted), in the message's language.
   */
  private static String asked(LivePersona persona, String text) {
    String language = Disclosures.lang(persona.persona(), LanguageDetector.detect(text));
    return persona.policy().check(text, new CheckContext(Direction.INPUT, Channel.CHAT, null, language, false, null))
        .text();
  }

  /** A running turn; {@link #cancel()} stops the model upstream and ends the turn silently. */
  public interface Turn {
    /** Stops the reply: the upstream request is aborted and no further output reaches the sink. */
    void cancel();
  }

  /** A turn that has already ended (nothing to cancel). */
  private static final Turn ENDED = () -> { };

  /**
   * The input guard's outcome for one audience message.
   *
   * @param refused   true when the message must not reach the model
   * @param original  the audience text as received
   * @param question  what the model and the room see: the original, or its rewrite (e.g. a redacted phone
   *                  number); PII stays here
   * @param refusal   the in-persona refusal line when refused, else null
   * @param decision  the input verdict on the wire (allow, rewrite, flag, block)
   * @param language  the reply language chosen for this message
   * @param address   the asker's network address, whose moderation-item budget pays for items this message
   *                  files (its input, or a held or withheld reply); null: the conversation's own address
   */
  public record Screened(boolean refused, String original, String question, String refusal, String decision,
                         String language, String address) {
    /** A message of the conversation's own audience (a one-to-one chat). */
    public Screened(boolean refused, String original, String question, String refusal, String decision,
        String language) {
      this(refused, original, question, refusal, decision, language, null);
    }
  }

  /**
   * Runs the input guard on an audience message (prompt injection, abuse, PII). A refused message is
   * stored as an open moderation item and as a transcript turn; it never reaches the model. Runs on the
   * caller's context; no I/O is awaited.
   */
  public Screened screen(Conversation conversation, String messageId, String text) {
    return screen(conversation, messageId, text, null);
  }

  /**
   * As {@link #screen(Conversation, String, String)} for a message from {@code address} (a room viewer's
   * question: the room's conversation has no address of its own); a refused message's item counts against
   * that address's moderation-item budget, and so do held or withheld replies to it.
   */
  public Screened screen(Conversation conversation, String messageId, String text, String address) {
    String budget = address != null ? address : conversation.audienceAddress();
    LivePersona lp = conversation.persona();
    Persona persona = lp.persona();
    long started = System.nanoTime();
    String language = Disclosures.lang(persona, LanguageDetector.detect(text));
    Verdict input = lp.policy().check(text, new CheckContext(Direction.INPUT, Channel.CHAT, null, language, false,
        null));
    String decision = wire(input.decision());
    if (input.decision() == Decision.BLOCK || input.decision() == Decision.FLAG) {
      String refusal = Disclosures.inputRefused(persona, language);
      persist(conversation, messageId, text, text, refusal, decision, input.findings(), "input-guard", null, started);
      if (mayFile(conversation, budget)) {
        JsonObject ctx = context(conversation, messageId, null, language);
        stored(conversation).compose(v -> file(com.personaruntime.runtime.storage.Sql.newId(),
                new ModerationStore.NewItem(ItemKind.CHAT_INPUT, lp.brandId(), lp.personaId(), lp.version(), decision,
                    text, refusal, findingsJson(input.findings()), ctx, conversation.id(), messageId, false)))
            .onFailure(err -> LOG.error("moderation item for conversation {} not stored", conversation.id(), err));
      }
      return new Screened(true, text, text, refusal, decision, language, address);
    }
    String question = input.decision() == Decision.REWRITE ? input.text() : text;
    return new Screened(false, text, question, null, decision, language, address);
  }

  /**
   * Runs one turn: input guard, then (unless refused) the guarded model reply. Output goes to
   * {@code sink} on the caller's context; a refused message gets the refusal line and {@code done}
   * before this method returns.
   */
  public Turn turn(Conversation conversation, String messageId, String text, TurnSink sink) {
    conversation.touch(System.currentTimeMillis());
    Screened s = screen(conversation, messageId, text);
    if (s.refused()) {
      // The refused text never reaches the model, not even through memory.
      conversation.remember(Disclosures.WITHHELD_INPUT, s.refusal());
      sink.delta(s.refusal());
      sink.done(s.decision());
      return ENDED;
    }
    return answer(conversation, messageId, s, sink);
  }

  /**
   * Streams the persona's guarded reply to a message that {@link #screen} accepted. Must be called on
   * the context that owns {@code conversation}; the sink is called there, in order, and {@code done}
   * exactly once unless the turn is cancelled.
   */
  public Turn answer(Conversation conversation, String messageId, Screened screened, TurnSink sink) {
    if (screened.refused()) {
      throw new IllegalArgumentException("message " + messageId + " was refused by the input guard");
    }
    Context context = vertx.getOrCreateContext();
    LivePersona lp = conversation.persona();
    Persona persona = lp.persona();
    long started = System.nanoTime();
    conversation.touch(System.currentTimeMillis());
    String question = screened.question();
    String language = screened.language();
    TurnState state = new TurnState(conversation, messageId, screened.original(), question, sink, context, started,
        language,
        screened.address() != null ? screened.address() : conversation.audienceAddress());
    state.guard = lp.policy().streamingGuard(new CheckContext(Direction.OUTPUT, Channel.CHAT, null, language, false,
        conversation.canary()));
    ModelSpec spec;
    try {
      spec = modelFor(persona);
    } catch (IllegalArgumentException e) {
      // A binding the gateway refuses (e.g. its key variable is unset): answer with the composer.
      LOG.warn("model binding of persona {} unusable, using the composer: {}", lp.slug(), e.getMessage());
      spec = null;
    }
    ModelSpec model = spec;
    composers.get(lp).compose(bundle -> {
      Future<List<Persona.KnowledgeEntry>> knowledge = model == null
          ? Future.succeededFuture(List.of())
          : vertx.executeBlocking(() -> relevant(persona, bundle.index().search(question, 4)), false);
      return knowledge.map(k -> new Prepared(bundle, k));
    }).onComplete(ar -> context.runOnContext(v -> {
      // Back on the conversation's context: the bundle may have been built by another connection's
      // context, and the conversation's memory is confined to this one.
      if (state.cancelled.get()) {
        return;
      }
      if (ar.failed()) {
        LOG.error("turn could not start for persona {}", lp.slug(), ar.cause());
        state.interrupt(null);
        return;
      }
      // Tone: the segment the page chose (else one inferred from how the audience writes) and the
      // audience's sentiment, for both the model's prompt and the composer.
      Audience audience = Audience.resolve(ar.result().bundle().model().persona(), conversation.segment(), question,
          conversation.audienceMessages());
      List<ModelRoute> chain = new ArrayList<>();
      if (model != null) {
        chain.add(ModelRoute.of(model));
      }
      chain.add(ModelRoute.of(ar.result().bundle().model().forAudience(audience), "composer"));
      ChatRequest request;
      try {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(prompts.system(persona, language, ar.result().knowledge(),
            conversation.canary(), audience)));
        messages.addAll(conversation.memory());
        messages.add(UserMessage.from(question));
        request = ChatRequest.builder().messages(messages).build();
      } catch (RuntimeException e) {
        LOG.error("prompt for persona {} could not be assembled", lp.slug(), e);
        state.interrupt(null);
        return;
      }
      state.handle = gateway.stream(chain, request, state, new Attribution(persona.brand(), persona.id()));
      if (state.cancelled.get()) {
        state.handle.cancel();
      }
    }));
    return state::cancel;
  }

  private record Prepared(ComposerModels.Bundle bundle, List<Persona.KnowledgeEntry> knowledge) {
  }

  private ModelSpec modelFor(Persona persona) {
    return bindings.resolve(persona);
  }

  private static List<Persona.KnowledgeEntry> relevant(Persona persona, List<KnowledgeHit> hits) {
    List<Persona.KnowledgeEntry> out = new ArrayList<>();
    for (KnowledgeHit h : hits) {
      persona.knowledge().stream().filter(k -> k.id().equals(h.knowledge().id())).findFirst().ifPresent(out::add);
    }
    return out;
  }

  /** The state of one turn, confined to the connection's context. */
  private final class TurnState implements StreamListener {
    final Conversation conversation;
    final String messageId;
    final String audienceText;
    /** What the model was asked: the audience text with the input guard's rewrites (redacted personal data). */
    final String question;
    final TurnSink sink;
    final Context context;
    final long started;
    final String language;
    final AtomicBoolean cancelled = new AtomicBoolean();
    StreamingGuard guard;
    volatile StreamHandle handle;
    String route;
    Integer firstTokenMs;
    boolean finished;
    /** A held reply: the audience is done, the model's full reply is still being collected for the item. */
    HeldReply held;
    final StringBuilder shown = new StringBuilder();

    /** Whose moderation-item budget pays for this turn's held or withheld reply (null: no budget). */
    final String budgetAddress;

    TurnState(Conversation conversation, String messageId, String audienceText, String question, TurnSink sink,
        Context context,
        long started, String language, String budgetAddress) {
      this.budgetAddress = budgetAddress;
      this.conversation = conversation;
      this.messageId = messageId;
      this.audienceText = audienceText;
      this.question = question;
      this.sink = sink;
      this.context = context;
      this.started = started;
      this.language = language;
    }

    void cancel() {
      if (held != null) {
        // The audience left while the held reply was still being collected: file what there is.
        context.runOnContext(v -> fileHeld(null));
      }
      if (cancelled.compareAndSet(false, true)) {
        StreamHandle h = handle;
        if (h != null) {
          h.cancel();
        }
      }
    }

    private void show(String text) {
      if (!text.isEmpty()) {
        if (firstTokenMs == null) {
          firstTokenMs = (int) ((System.nanoTime() - started) / 1_000_000);
        }
        shown.append(text);
        sink.delta(text);
      }
    }

    @Override
    public void onStart(String routeName) {
      context.runOnContext(v -> route = routeName);
    }

    @Override
    public void onDelta(String text) {
      context.runOnContext(v -> {
        if (held != null) {
          guard.offer(text); // collected (nothing is released once stopped)
          return;
        }
        if (finished || cancelled.get()) {
          return;
        }
        show(guard.offer(text));
        if (guard.stopped()) {
          if (guard.verdict().decision() != Decision.FLAG) {
            StreamHandle h = handle;
            if (h != null) {
              h.cancel();
            }
          }
          stop(false, null);
        }
      });
    }

    @Override
    public void onComplete(String fullText, String routeName, TokenUsage usage) {
      context.runOnContext(v -> {
        if (held != null) {
          route = routeName;
          fileHeld(fullText);
          return;
        }
        if (finished || cancelled.get()) {
          return;
        }
        route = routeName;
        Verdict verdict = guard.finish();
        if (guard.stopped()) {
          stop(true, fullText);
          return;
        }
        show(rest(verdict));
        end(wire(verdict.decision()), verdict.findings());
      });
    }

    @Override
    public void onError(GatewayFailure failure) {
      context.runOnContext(v -> {
        if (held != null) {
          fileHeld(null);
          return;
        }
        if (finished || cancelled.get()) {
          return;
        }
        interrupt(failure);
      });
    }

    /** The model failed: release what the guard passed, then an apology; the turn still ends. */
    void interrupt(GatewayFailure failure) {
      if (failure != null) {
        LOG.warn("model stream failed for persona {} ({}): {}", conversation.persona().slug(), route,
            failure);
      }
      Verdict verdict = guard.finish();
      if (guard.stopped()) {
        stop(true, null);
        return;
      }
      show(rest(verdict));
      String line = Disclosures.interrupted(conversation.persona().persona(), language);
      show(shown.length() == 0 ? line.replaceFirst("^ … ", "") : line);
      end(wire(verdict.decision()), verdict.findings());
    }

    /**
     * The guard flagged or blocked: nothing more is released. A block ends with the fallback line and
     * files an item for the record. A flag holds the reply: the audience gets the held line at once, in
     * place of what streamed of the reply,
     * the model's reply is collected to its end (never shown) and filed as a held item a moderator
     * releases (see {@link ModerationStore}).
     */
    void stop(boolean streamEnded, String fullText) {
      Verdict verdict = guard.verdict();
      LivePersona lp = conversation.persona();
      String decision = wire(verdict.decision());
      // A held reply files an item too, so it counts against the asker's budget; over budget the reply is
      // withheld (the fallback line) instead of held for a moderator who would never see it.
      boolean filing = mayFile(conversation, budgetAddress);
      if (verdict.decision() == Decision.FLAG && moderation != null && filing) {
        String itemId = com.personaruntime.runtime.storage.Sql.newId();
        String line = Disclosures.held(lp.persona(), language);
        held = new HeldReply(itemId, shown.toString(), context(conversation, messageId, audienceText, language));
        held.context.put("route", route);
        sink.held(itemId, line);
        // The holding line replaces what was streamed of the reply (a sentence cut where the guard stopped
        // reads as broken; the whole reply comes with the release): the audience's screen, the transcript and
        // the persona's memory all hold the line alone. The moderator's item keeps what streamed before it.
        shown.setLength(0);
        shown.append(line);
        end(decision, verdict.findings());
        if (streamEnded) {
          fileHeld(fullText);
        }
        return;
      }
      String fallback = Disclosures.withheld(lp.persona(), language);
      String prefix = shown.length() > 0 ? " " : "";
      String before = shown.toString();
      shown.append(prefix).append(fallback);
      sink.delta(prefix + fallback);
      if (filing) {
        JsonObject ctx = context(conversation, messageId, audienceText, language).put("route", route);
        String content = guard.received();
        stored(conversation).compose(v -> file(com.personaruntime.runtime.storage.Sql.newId(),
                new ModerationStore.NewItem(ItemKind.CHAT_REPLY, lp.brandId(), lp.personaId(), lp.version(), decision,
                    content, before, findingsJson(verdict.findings()), ctx, conversation.id(), messageId, false)))
            .onFailure(err -> LOG.error("moderation item for conversation {} not stored", conversation.id(), err));
      }
      end(decision, verdict.findings());
    }

    /**
     * Files the held item once the model's reply is complete ({@code fullText}) or cut short (null:
     * what was received). The findings are those of the whole reply, so a moderator sees everything
     * that would stop it. Runs once.
     */
    void fileHeld(String fullText) {
      HeldReply h = held;
      if (h == null || h.filed) {
        return;
      }
      h.filed = true;
      String content = fullText != null && !fullText.isBlank() ? fullText : guard.received();
      LivePersona lp = conversation.persona();
      Verdict whole = lp.policy().check(content, new CheckContext(Direction.OUTPUT, Channel.CHAT, null, language,
          false, conversation.canary()));
      List<Finding> findings = whole.findings().isEmpty() ? guard.verdict().findings() : whole.findings();
      String verdict = whole.decision() == Decision.BLOCK ? "block" : "flag";
      h.context.put("route", route);
      stored(conversation).compose(v -> file(h.itemId, new ModerationStore.NewItem(ItemKind.CHAT_REPLY,
              lp.brandId(), lp.personaId(), lp.version(), verdict, content, h.shownBefore, findingsJson(findings),
              h.context, conversation.id(), messageId, true)))
          .onFailure(err -> LOG.error("held item {} of conversation {} not stored", h.itemId, conversation.id(),
              err));
    }

    private String rest(Verdict verdict) {
      String released = guard.released();
      String alreadyShown = shown.toString();
      // finish() released the held tail: everything released that was not shown yet.
      return released.length() > alreadyShown.length() && released.startsWith(alreadyShown)
          ? released.substring(alreadyShown.length()) : "";
    }

    private void end(String decision, List<Finding> findings) {
      finished = true;
      sink.done(decision);
      // the memory (sent to the model with every later message) holds what the model was asked, never the
      // personal data the input guard redacted from it
      conversation.remember(question, shown.toString());
      persist(conversation, messageId, audienceText, question, shown.toString(), decision, findings, route,
          firstTokenMs, started);
    }
  }

  private void persist(Conversation c, String messageId, String audience, String remembered, String reply,
      String decision, List<Finding> findings, String route, Integer firstTokenMs, long started) {
    int total = (int) ((System.nanoTime() - started) / 1_000_000);
    List<String> earlier = earlierMessages(c, remembered); // now, on the conversation's context
    String audienceKey = c.audienceKey(messageId); // in a room: the viewer who asked this message
    stored(c).compose(v -> store.recordTurn(c.id(), c.persona().brandId(), c.persona().version(), messageId, audience, reply, decision,
            findingsJson(findings), route, firstTokenMs, total))
        .onSuccess(v -> notifyObserver(new TurnObserver.RecordedTurn(c.persona(), c.id(), messageId, c.room(),
            audienceKey, c.audienceName(), audience, reply, decision, "input-guard".equals(route), route,
            firstTokenMs, total, earlier)))
        .onFailure(err -> LOG.error("transcript turn of conversation {} not stored", c.id(), err));
  }

  /** The audience's messages in the conversation's memory before {@code current}, oldest first. */
  private static List<String> earlierMessages(Conversation c, String current) {
    List<String> out = new ArrayList<>();
    for (ChatMessage m : c.memory()) {
      if (m instanceof UserMessage u && u.hasSingleText()) {
        out.add(u.singleText());
      }
    }
    if (!out.isEmpty() && out.get(out.size() - 1).equals(current)) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  private void notifyObserver(TurnObserver.RecordedTurn turn) {
    try {
      observer.recorded(turn);
    } catch (RuntimeException e) {
      LOG.error("turn observer failed for conversation {}", turn.conversationId(), e);
    }
  }


  /** Files an item in the moderation queue, or (no queue: the console preview) hands it to the store. */
  private Future<?> file(String id, ModerationStore.NewItem n) {
    if (moderation != null) {
      return moderation.create(id, n);
    }
    return store.addModerationItem(n.brandId(), n.personaId(), n.kind().wire(), n.verdict(), n.content(),
        n.shownText(), n.findingsJson(), n.context());
  }

  /** A held reply being collected. */
  private static final class HeldReply {
    final String itemId;
    final String shownBefore;
    final JsonObject context;
    boolean filed;

    HeldReply(String itemId, String shownBefore, JsonObject context) {
      this.itemId = itemId;
      this.shownBefore = shownBefore;
      this.context = context;
    }
  }

  /**
   * An item's conversation context: ids, persona version, language, the audience's question, the room,
   * the turns before it as the audience saw them ({@code turns: [{role: audience|persona, text}]}) and
   * the in-persona lines a reject ({@code closingLine}) and an SLA expiry ({@code expiryLine}) release.
   */
  private static JsonObject context(Conversation c, String messageId, String audienceText, String language) {
    JsonObject ctx = new JsonObject()
        .put("conversationId", c.id())
        .put("messageId", messageId)
        .put("personaVersion", c.persona().version())
        .put("language", language)
        .put("closingLine", Disclosures.rejected(c.persona().persona(), language))
        .put("expiryLine", Disclosures.expired(c.persona().persona(), language));
    if (audienceText != null) {
      ctx.put("audienceText", audienceText);
    }
    if (c.room() != null) {
      ctx.put("room", c.room());
    }
    JsonArray turns = new JsonArray();
    for (ChatMessage m : c.memory()) {
      if (m instanceof UserMessage u) {
        turns.add(new JsonObject().put("role", "audience").put("text", u.singleText()));
      } else if (m instanceof dev.langchain4j.data.message.AiMessage a) {
        turns.add(new JsonObject().put("role", "persona").put("text", a.text()));
      }
    }
    ctx.put("turns", turns);
    return ctx;
  }

  static String wire(Decision d) {
    return d.name().toLowerCase(Locale.ROOT);
  }

  static String findingsJson(List<Finding> findings) {
    JsonArray a = new JsonArray();
    for (Finding f : findings) {
      JsonObject o = new JsonObject().put("rule", f.ruleId()).put("severity", f.severity().name().toLowerCase(Locale.ROOT))
          .put("action", f.action().name().toLowerCase(Locale.ROOT)).put("start", f.start()).put("end", f.end())
          .put("message", f.message());
      if (f.score() != null) {
        o.put("score", f.score());
      }
      a.add(o);
    }
    return a.encode();
  }
}
