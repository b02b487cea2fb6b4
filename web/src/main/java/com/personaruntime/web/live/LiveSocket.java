package com.personaruntime.web.live;

import com.personaruntime.runtime.catalog.LivePersona;
import com.personaruntime.runtime.catalog.PersonaCatalog;
import com.personaruntime.runtime.live.AudienceLimits;
import com.personaruntime.runtime.live.ChatEngine;
import com.personaruntime.runtime.live.Conversation;
import com.personaruntime.runtime.live.Disclosures;
import com.personaruntime.runtime.live.LiveRooms;
import com.personaruntime.runtime.live.LiveStore;
import com.personaruntime.runtime.moderation.ModerationStore;
import com.personaruntime.runtime.live.TokenBucket;
import com.personaruntime.runtime.live.TurnSink;
import com.personaruntime.web.http.Errors;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSocket {@code /api/v1/live/{personaSlug}}: anonymous audiences chat with a published
 * persona. The first frame is always {@code hello} with the AI disclosure; each audience
 * {@code message} gets {@code delta} frames and one {@code done}. Limits per connection:
 * message length, a token-bucket rate limit, one reply at a time, an idle timeout, and a
 * bounded write queue (a client too slow to read is disconnected rather than buffered).
 *
 * <p>With {@code ?room=NAME} the connection is a viewer of a live room ({@link LiveRooms}):
 * {@code hello} carries {@code room} and the viewer's id; questions go to the room over the event
 * bus and, once the input guard accepted them, come back to every viewer as
 * {@code {"type":"message","id","text","from","clientId"}}; the persona's reply streams to every
 * viewer as {@code delta}/{@code done} frames whose {@code replyTo} is the room message id; the AI
 * disclosure is repeated as {@code {"type":"disclosure","text"}}. A refused question is answered to
 * the asker only (a refusal {@code delta} and {@code done} with {@code replyTo} = the client's id);
 * a full queue gives the asker {@code error queue_full}.
 */
public final class LiveSocket {
  private static final Logger LOG = LoggerFactory.getLogger(LiveSocket.class);
  private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  /** A browser id the chat page keeps in local storage (insights: returning audience). */
  private static final Pattern BROWSER = Pattern.compile("[A-Za-z0-9_-]{8,64}");
  /** Longest opt-in display name for insights. */
  private static final int MAX_NAME = 40;
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Limits of one connection.
   *
   * @param maxMessageChars         longest audience text
   * @param burst                   token bucket capacity
   * @param messagesPerSecond       token bucket refill rate
   * @param idleTimeoutMillis       close after this long without audience messages
   * @param redisclosureAfterMillis repeat the AI disclosure after a gap this long (one-to-one chats)
   * @param allowedOrigins          origins allowed to connect; empty allows any
   * @param resumeTtl               how long a resume token stays valid after its last use
   */
  public record Limits(int maxMessageChars, int burst, double messagesPerSecond, long idleTimeoutMillis,
                       long redisclosureAfterMillis, List<String> allowedOrigins, Duration resumeTtl) {
  }

  private final Vertx vertx;
  private final PersonaCatalog catalog;
  private final ChatEngine engine;
  private final LiveRooms rooms;
  private final Limits limits;
  private final Clock clock;
  private final AudienceLimits audience;
  private final LiveStore store;
  private final ModerationStore moderation;
  private final int memoryLines;

  /** The endpoint; {@link #mount} adds its route. {@code memoryLines}: transcript lines a resume reloads. */
  public LiveSocket(Vertx vertx, PersonaCatalog catalog, ChatEngine engine, LiveRooms rooms, Limits limits,
      Clock clock, AudienceLimits audience, LiveStore store, ModerationStore moderation, int memoryLines) {
    this.audience = audience;
    this.store = store;
    this.moderation = moderation;
    this.memoryLines = memoryLines;
    this.vertx = vertx;
    this.catalog = catalog;
    this.engine = engine;
    this.rooms = rooms;
    this.limits = limits;
    this.clock = clock;
  }

  /** Mount before any body handler: the upgrade request must not be read as a body. */
  public void mount(Router router) {
    router.get("/api/v1/live/:slug").handler(this::upgrade);
  }

  private void upgrade(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String slug = ctx.pathParam("slug");
    String room = req.getParam("room");
    String resume = req.getParam("resume");
    if (room != null && !ROOM.matcher(room).matches()) {
      Errors.send(ctx, 400, "bad_room", "room: must be 1-64 letters, digits, '-' or '_', got '" + room + "'", null);
      return;
    }
    String browser = req.getParam("browser");
    if (browser != null && !BROWSER.matcher(browser).matches()) {
      Errors.send(ctx, 400, "bad_browser", "browser: must be 8-64 letters, digits, '-' or '_'", null);
      return;
    }
    String name = req.getParam("name");
    if (name != null) {
      name = name.strip();
      if (name.isEmpty() || name.length() > MAX_NAME || name.codePoints().anyMatch(Character::isISOControl)) {
        Errors.send(ctx, 400, "bad_name", "name: must be 1-" + MAX_NAME + " printable characters", null);
        return;
      }
    }
    String displayName = name;
    String origin = req.getHeader("Origin");
    if (!limits.allowedOrigins().isEmpty() && (origin == null || !limits.allowedOrigins().contains(origin))) {
      Errors.send(ctx, 403, "origin_not_allowed", "origin '" + origin + "' may not open live chats", null);
      return;
    }
    req.pause();
    // Everything this connection owns lives on the event loop that accepted it (one of the HTTP
    // verticles); results computed elsewhere (worker threads, a room hosted on another loop) hop back.
    Context context = vertx.getOrCreateContext();
    catalog.live(slug).onComplete(ar -> on(context, () -> {
      if (ar.failed()) {
        req.resume();
        ctx.fail(ar.cause());
        return;
      }
      if (ar.result().isEmpty()) {
        req.resume();
        Errors.send(ctx, 404, "not_found", "persona '" + slug + "' not found", null);
        return;
      }
      LivePersona lp = ar.result().get();
      // the visitor's language (the page's ?lang=, else the browser's Accept-Language) when the persona
      // speaks it: the AI disclosure is said in it until the visitor writes in another
      String lang = req.getParam("lang");
      String visitor = Disclosures.visitorLanguage(lp.persona(), lang != null ? lang : req.getHeader("Accept-Language"));
      String segment = req.getParam("segment");
      if (segment != null && room == null && segmentOf(lp, segment) == null) {
        req.resume();
        Errors.send(ctx, 400, "bad_segment", segmentProblem(slug, segmentNames(lp), segment), null);
        return;
      }
      String address = com.personaruntime.web.http.ClientAddress.of(ctx);
      AudienceLimits.Admission admission = audience.admit(address);
      req.toWebSocket().onSuccess(ws -> {
        // Hold incoming frames until the connection's handlers are in place.
        ws.pause();
        if (!admission.admitted()) {
          refuse(ws, admission.refusal());
          return;
        }
        // until a Connection takes over the close handler (and the lease with it)
        ws.closeHandler(v -> admission.lease().release());
        if (room == null && resume != null) {
          store.resume(resume, lp.personaId(), limits.resumeTtl(), memoryLines)
              .compose(found -> found.isPresent()
                  ? engine.resume(lp, found.get()).map(c -> new Opened(c, resume, true, found.get().lines()))
                  : engine.open(lp, null).map(c -> new Opened(c, null, false, List.of())))
              .onComplete(conv -> on(context, () -> {
                if (conv.failed()) {
                  unavailable(ws, slug, conv.cause());
                  return;
                }
                if (segment != null) {
                  conv.result().conversation().segment(segmentOf(lp, segment));
                }
                conv.result().conversation().audienceAddress(address);
                Connection c = new Connection(ws, lp, conv.result().conversation(), null, address,
                    admission.lease());
                c.language = visitor;
                c.resumeToken = conv.result().token();
                c.resumed = conv.result().resumed();
                c.resumeFailed = !conv.result().resumed();
                c.history = conv.result().history();
                c.start();
              }));
        } else if (room == null) {
          engine.open(lp, null).onComplete(conv -> on(context, () -> {
            if (conv.failed()) {
              unavailable(ws, slug, conv.cause());
              return;
            }
            if (segment != null) {
              conv.result().segment(segmentOf(lp, segment));
            }
            conv.result().audienceAddress(address);
            conv.result().identify(browser, displayName);
            Connection c = new Connection(ws, lp, conv.result(), null, address, admission.lease());
            c.language = visitor;
            c.start();
          }));
        } else {
          rooms.join(lp, room).onComplete(joined -> on(context, () -> {
            if (joined.failed()) {
              unavailable(ws, slug, joined.cause());
              return;
            }
            Connection viewer = new Connection(ws, lp, null, room, address, admission.lease());
            viewer.browser = browser; // who asks, for the room's audience in insights
            viewer.language = visitor;
            viewer.start();
          }));
        }
      }).onFailure(err -> {
        if (admission.admitted()) {
          admission.lease().release();
        }
        LOG.debug("websocket upgrade failed for {}: {}", slug, err.getMessage());
      });
    }));
  }

  /** A connection over the audience limits: an error frame naming the limit, then a close code, never a hang. */
  private void refuse(ServerWebSocket ws, AudienceLimits.Refusal refusal) {
    AudienceLimits.Options o = audience.options();
    if (refusal == AudienceLimits.Refusal.SERVER_FULL) {
      ws.writeTextMessage(error(refusal.code(), "the server holds " + o.connections()
          + " live chats already; try again later").encode());
      ws.close((short) 1013, "server full");
    } else {
      ws.writeTextMessage(error(refusal.code(), "at most " + o.connectionsPerAddress()
          + " live chats per network address; close one to open another").encode());
      ws.close((short) 1008, "too many connections");
    }
  }

  /** Runs {@code action} on {@code context}: at once when already there, else queued onto it. */
  private static void on(Context context, Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  /** The persona's segment name matching {@code name} (case-insensitive), or null. */
  private static String segmentOf(LivePersona lp, String name) {
    return lp.persona().audiences().stream().map(a -> a.segment()).filter(n -> n.equalsIgnoreCase(name.strip()))
        .findFirst().orElse(null);
  }

  /**
   * Why {@code got} is not an audience segment of the persona, and what is: {@code "segment: 'vip' is not
   * an audience segment of persona 'linh'; expected one of genz, professionals"}, or for a persona without
   * segments {@code "...; persona 'milo' has no audience segments: leave segment out"} (never "one of []").
   */
  static String segmentProblem(String slug, java.util.List<String> names, Object got) {
    String given = got instanceof String str ? "'" + str + "'" : String.valueOf(got);
    String start = "segment: " + given + " is not an audience segment of persona '" + slug + "'; ";
    return names.isEmpty() ? start + "persona '" + slug + "' has no audience segments: leave segment out"
        : start + "expected one of " + String.join(", ", names);
  }

  private static java.util.List<String> segmentNames(LivePersona lp) {
    return lp.persona().audiences().stream().map(a -> a.segment()).toList();
  }

  private record Opened(Conversation conversation, String token, boolean resumed, List<LiveStore.Line> history) {
  }

  private static void unavailable(ServerWebSocket ws, String slug, Throwable cause) {
    LOG.error("could not open a live chat with {}", slug, cause);
    ws.writeTextMessage(error("unavailable", "the persona cannot chat right now").encode());
    ws.close((short) 1011, "unavailable");
  }

  /** {@code {"type":"held","replyTo","item","text"}}: a flagged reply waits for a moderator. */
  static JsonObject heldFrame(String replyTo, String item, String line) {
    return new JsonObject().put("type", "held").put("replyTo", replyTo).put("item", item).put("text", line);
  }

  private static JsonObject error(String code, String message) {
    return new JsonObject().put("type", "error").put("code", code).put("message", message);
  }

  /**
   * One audience connection (a one-to-one chat when {@code room} is null, else a room viewer); all
   * state is confined to the socket's event-loop context.
   */
  private final class Connection {
    private final ServerWebSocket ws;
    private LivePersona persona;
    private MessageConsumer<String> personaChanges;
    private final Conversation conversation;
    private final String room;
    private final String viewerId;
    private final String address;
    private final AudienceLimits.Lease lease;
    private final TokenBucket bucket;
    private ChatEngine.Turn current;
    private MessageConsumer<JsonObject> roomFrames;
    private MessageConsumer<JsonObject> releases;
    private long idleTimer = -1;
    private boolean closed;
    /** The browser id a room viewer's client sent (insights count a room's audience by it), or null. */
    String browser;
    /** The resume token of a resumed conversation (a new one is issued otherwise). */
    String resumeToken;
    boolean resumed;
    boolean resumeFailed;
    /** A resumed conversation's last lines, as the audience saw them (sent in hello). */
    List<LiveStore.Line> history = List.of();
    /**
     * The conversation's language as far as this connection knows it: the visitor's (page or browser)
     * language when the persona speaks it, then the language of the visitor's latest message; null for
     * the persona's first language. The AI disclosure is said in it.
     */
    String language;
    /** Items already delivered on this connection (a release may arrive both live and from the database). */
    private final java.util.Set<String> delivered = new java.util.HashSet<>();
    /** Let-through inputs waiting for the current reply to end. */
    private final java.util.ArrayDeque<JsonObject> waiting = new java.util.ArrayDeque<>();
    /**
     * Reloads of a newly published version still running (a policy compile takes up to a few hundred
     * ms): a message that arrives meanwhile waits for them, so "a newly published version applies from
     * the next message" holds however long the compile takes.
     */
    private int reloading;
    /** The one message that arrived during a reload (its reply id and text), started when the reload ends. */
    private String[] deferred;

    Connection(ServerWebSocket ws, LivePersona persona, Conversation conversation, String room, String address,
        AudienceLimits.Lease lease) {
      this.address = address;
      this.lease = lease;
      this.ws = ws;
      this.persona = persona;
      this.conversation = conversation;
      this.room = room;
      byte[] b = new byte[6];
      RANDOM.nextBytes(b);
      this.viewerId = "v-" + HexFormat.of().formatHex(b);
      this.bucket = new TokenBucket(limits.burst(), limits.messagesPerSecond(), clock);
    }

    /** Room frames that arrived before hello was sent (sent right after it, in order). */
    private final List<JsonObject> early = new java.util.ArrayList<>();
    private boolean helloSent;

    void start() {
      if (room != null && !ws.isClosed()) {
        // Subscribed before hello, and hello only once the subscription is registered (cluster-wide on a
        // clustered event bus): a viewer that has hello misses no frame of the room; frames arriving before
        // hello wait for it, so hello stays the first frame.
        io.vertx.core.Context context = vertx.getOrCreateContext();
        roomFrames = rooms.frames(persona.slug(), room, this::roomFrame);
        roomFrames.completion().onComplete(ar -> context.runOnContext(v -> {
          if (ar.failed()) {
            LOG.warn("room {} frames subscription not confirmed: {}", room, ar.cause().toString());
          }
          begin();
        }));
        return;
      }
      begin();
    }

    private void roomFrame(JsonObject frame) {
      if (helloSent) {
        send(frame);
      } else {
        early.add(frame);
      }
    }

    private void begin() {
      if (ws.isClosed()) {
        // The audience left while the conversation was being opened.
        closed = true;
        lease.release();
        if (roomFrames != null) {
          roomFrames.unregister();
        }
        if (room != null) {
          rooms.leave(persona.slug(), room);
        }
        return;
      }
      var p = persona.persona();
      JsonObject info = new JsonObject()
          .put("id", p.id())
          .put("name", p.name())
          .put("brand", persona.brandName()) // the display name: audiences never see the slug
          .put("bio", p.bio())
          .put("languages", new JsonArray(p.languages()))
          .put("greeting", p.voice().greeting())
          .put("segments", new JsonArray(segmentNames(persona)));
      JsonObject hello = new JsonObject().put("type", "hello").put("persona", info)
          .put("disclosure", Disclosures.aiDisclosure(p, persona.brandName(), language))
          .put("disclosureLanguage", Disclosures.lang(p, language))
          // the longest message this server accepts (live.maxMessageChars), so a page can refuse a longer one
          // before sending it instead of guessing the default
          .put("maxMessageChars", limits.maxMessageChars());
      if (room == null) {
        if (resumeToken == null) {
          resumeToken = store.newResumeToken();
          String token = resumeToken;
          // stored with the conversation's row, at the first message: a silent socket writes nothing
          conversation.whenStored(() -> store.storeResumeToken(token, conversation.id(), persona.personaId(),
                  limits.resumeTtl())
              .onFailure(err -> LOG.error("resume token of conversation {} not stored", conversation.id(), err)));
        }
        hello.put("conversation", conversation.id()).put("resumeToken", resumeToken).put("resumed", resumed);
        if (conversation.segment() != null) {
          hello.put("segment", conversation.segment());
        }
        if (resumed) {
          JsonArray lines = new JsonArray();
          for (LiveStore.Line line : history) {
            if (line.audience() != null && !line.audience().isEmpty()) {
              lines.add(new JsonObject().put("role", "audience").put("text", line.audience()));
            }
            lines.add(new JsonObject().put("role", "persona").put("text", line.persona()));
          }
          hello.put("history", lines);
        }
      } else {
        hello.put("room", room).put("viewer", viewerId);
      }
      send(hello);
      helloSent = true;
      early.forEach(this::send);
      early.clear();
      if (resumeFailed) {
        send(error("resume_failed", "the resume token is unknown or expired; this is a new conversation"));
      }
      ws.closeHandler(v -> onClose());
      // a deleted persona stops talking, a newly published version applies from the next message
      personaChanges = vertx.eventBus().consumer(PersonaCatalog.CHANGED_ADDRESS, m -> {
        if (persona.slug().equals(m.body())) {
          follow();
        }
      });
      if (room == null) {
        // Registered before the database is asked, so a decision taken in between is not missed.
        releases = vertx.eventBus().consumer(ModerationStore.releaseAddress(conversation.id()),
            m -> deliver(m.body()));
        if (resumed) {
          moderation.undelivered(conversation.id()).onComplete(ar -> {
            if (ar.failed()) {
              LOG.error("releases of conversation {} not read", conversation.id(), ar.cause());
              return;
            }
            ar.result().forEach(item -> deliver(ModerationStore.delivery(item)));
          });
        }
      }
      ws.exceptionHandler(err -> LOG.debug("live socket error: {}", err.getMessage()));
      ws.textMessageHandler(this::onText);
      ws.binaryMessageHandler(b -> send(error("bad_frame", "binary frames are not supported; send JSON text")));
      armIdle();
      ws.resume();
    }

    private void armIdle() {
      if (idleTimer >= 0) {
        vertx.cancelTimer(idleTimer);
      }
      idleTimer = vertx.setTimer(limits.idleTimeoutMillis(), id -> {
        if (!closed) {
          send(error("idle_timeout", "closing after " + limits.idleTimeoutMillis() / 1000 + " s without messages"));
          ws.close((short) 1000, "idle");
        }
      });
    }

    private void onText(String raw) {
      if (closed) {
        return;
      }
      armIdle();
      JsonObject frame;
      try {
        frame = new JsonObject(raw);
      } catch (DecodeException | ClassCastException e) {
        send(error("bad_frame", "frame is not a JSON object"));
        return;
      }
      Object type = frame.getValue("type");
      if ("hello".equals(type) && room == null) {
        // The embedding page's options: {"type":"hello","segment":"genz"} chooses the audience segment.
        Object seg = frame.getValue("segment");
        String chosen = seg instanceof String str ? segmentOf(persona, str) : null;
        if (seg != null && chosen == null) {
          send(error("bad_segment", segmentProblem(persona.slug(), segmentNames(persona), seg)));
          return;
        }
        conversation.segment(chosen);
        send(new JsonObject().put("type", "options").put("segment", chosen));
        return;
      }
      if (!"message".equals(type)) {
        send(error("bad_frame", "type: expected 'message'" + (room == null ? " or 'hello'" : "") + ", got "
            + (type == null ? "nothing" : "'" + type + "'")));
        return;
      }
      Object id = frame.getValue("id");
      if (!(id instanceof String || id instanceof Number) || !MESSAGE_ID.matcher(String.valueOf(id)).matches()) {
        send(error("bad_frame", "id: expected a string or number of 1-64 characters [A-Za-z0-9._:-]"));
        return;
      }
      String replyTo = String.valueOf(id);
      Object text = frame.getValue("text");
      if (!(text instanceof String s) || s.isBlank()) {
        send(error("bad_frame", "text: expected a non-empty string").put("replyTo", replyTo));
        return;
      }
      if (s.length() > limits.maxMessageChars()) {
        send(error("too_long", "text: at most " + limits.maxMessageChars() + " characters, got " + s.length())
            .put("replyTo", replyTo));
        return;
      }
      // Rate limit before anything else that costs work (ARCHITECTURE.md: limits first).
      if (!bucket.tryTake()) {
        send(error("rate_limited", "too many messages; slow down").put("replyTo", replyTo));
        return;
      }
      if (engine.overloaded()) {
        // backpressure: the database is behind; refusing is better than dropping what was said
        send(error("overloaded", "the server is busy; send your message again in a moment").put("replyTo", replyTo));
        return;
      }
      if (!audience.tryMessage(address)) {
        send(error("rate_limited", "too many messages from your network address (at most "
            + audience.options().messagesPerMinutePerAddress() + " a minute); slow down").put("replyTo", replyTo));
        return;
      }
      if (room != null) {
        ask(replyTo, s);
        return;
      }
      if (current != null || deferred != null) {
        send(error("busy", "wait for the current reply to finish").put("replyTo", replyTo));
        return;
      }
      if (reloading > 0) {
        deferred = new String[] {replyTo, s};
        return;
      }
      start(replyTo, s);
    }

    /** Starts the reply to one audience message in a one-to-one chat (nothing else running). */
    private void start(String replyTo, String s) {
      long now = clock.millis();
      String said = com.personaruntime.composer.LanguageDetector.detect(s);
      if (said != null && persona.persona().languages().contains(said)) {
        language = said; // the reply (and the runtime's lines about it) will be in this language too
      }
      if (conversation.idleMillis(now) > limits.redisclosureAfterMillis()) {
        send(disclosure(null, language));
      }
      boolean[] ended = new boolean[1];
      ChatEngine.Turn turn = engine.turn(conversation, replyTo, s, new TurnSink() {
        @Override
        public void delta(String t) {
          send(Frames.delta(replyTo, t));
        }

        @Override
        public void held(String itemId, String line) {
          send(heldFrame(replyTo, itemId, line));
        }

        @Override
        public void done(String decision) {
          ended[0] = true;
          current = null;
          send(new JsonObject().put("type", "done").put("replyTo", replyTo).put("decision", decision));
          vertx.runOnContext(x -> next());
        }
      });
      // A refused message ends before turn() returns: it must not leave the connection busy.
      if (!ended[0]) {
        current = turn;
      }
    }

    /**
     * Delivers a moderator's decision (a {@link ModerationStore#delivery} message) once: a held reply's
     * release as a {@code released} frame followed by the AI disclosure (a human has just spoken for
     * the persona), or a let-through input's answer (run through the model now).
     */
    private void deliver(JsonObject d) {
      String item = d.getString("item");
      if (closed || item == null || !delivered.add(item)) {
        return;
      }
      if ("let_through".equals(d.getString("status"))) {
        waiting.addLast(d);
        next();
        return;
      }
      String text = d.getString("text");
      String decision = d.getString("decision");
      JsonObject frame = new JsonObject().put("type", "released").put("replyTo", d.getString("replyTo"))
          .put("item", item).put("decision", decision).put("text", text);
      if (d.getBoolean("expired", false)) {
        frame.put("expired", true);
      }
      send(frame);
      engine.released(conversation, d.getString("replyTo"), text, decision);
      if (!d.getBoolean("expired", false)) {
        // a person decided what the persona says: the AI disclosure again (an SLA expiry is the system's line)
        // in the language of the held turn, as the held and closing lines were
        String turnLanguage = d.getString("language");
        send(disclosure("moderator", turnLanguage != null ? turnLanguage : language));
      }
      conversation.touch(clock.millis());
      markReleased(item, null);
    }

    /** A {@code disclosure} frame in {@code lang} (see {@link Disclosures#aiDisclosure(com.personaruntime.personas.Persona, String, String)}). */
    private JsonObject disclosure(String reason, String lang) {
      JsonObject frame = new JsonObject().put("type", "disclosure");
      if (reason != null) {
        frame.put("reason", reason);
      }
      return frame.put("text", Disclosures.aiDisclosure(persona.persona(), persona.brandName(), lang))
          .put("language", Disclosures.lang(persona.persona(), lang));
    }

    private void markReleased(String item, String text) {
      moderation.markReleased(item, text).onFailure(err -> LOG.error("release of item {} not recorded", item, err));
    }

    /** Answers the next let-through input when no reply is running. */
    private void next() {
      if (closed || current != null || waiting.isEmpty()) {
        return;
      }
      JsonObject d = waiting.pollFirst();
      String item = d.getString("item");
      String replyTo = d.getString("replyTo");
      StringBuilder text = new StringBuilder();
      boolean[] ended = new boolean[1];
      String[] heldLine = new String[1];
      ChatEngine.Turn turn = engine.letThrough(conversation, replyTo, d.getString("input"), d.getString("language"),
          new TurnSink() {
            @Override
            public void delta(String t) {
              text.append(t);
            }

            @Override
            public void held(String itemId, String line) {
              heldLine[0] = line;
              send(heldFrame(replyTo, itemId, line));
            }

            @Override
            public void done(String verdict) {
              ended[0] = true;
              current = null;
              if (heldLine[0] != null) {
                markReleased(item, heldLine[0]);
              } else {
                send(new JsonObject().put("type", "released").put("replyTo", replyTo).put("item", item)
                    .put("decision", "let_through").put("text", text.toString()));
                markReleased(item, text.toString());
              }
              vertx.runOnContext(x -> next());
            }
          });
      if (!ended[0]) {
        current = turn;
      }
    }

    /** Sends a question to the room; the accepted question comes back to every viewer as a message frame. */
    private void ask(String clientId, String text) {
      // the asker's address travels with the question: items it files count against that address's budget
      JsonObject q = new JsonObject().put("viewer", viewerId).put("clientId", clientId).put("text", text)
          .put("address", address);
      if (browser != null) {
        q.put("audience", browser);
      }
      // Bounded wait: during a takeover the room's old owner may still be registered but gone.
      Context context = vertx.getOrCreateContext();
      vertx.eventBus().<JsonObject>request(LiveRooms.askAddress(persona.slug(), room), q,
          new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(5_000)).onComplete(ar -> on(context,
          () -> {
        if (ar.failed()) {
          LOG.warn("room {} of {} did not take a question: {}", room, persona.slug(), ar.cause().getMessage());
          send(error("unavailable", "the room cannot take questions right now").put("replyTo", clientId));
          return;
        }
        JsonObject r = ar.result().body();
        switch (r.getString("status", "")) {
          case LiveRooms.ACCEPTED -> { }
          case LiveRooms.QUEUE_FULL -> send(error("queue_full",
              "the persona has too many questions waiting; ask again in a moment").put("replyTo", clientId));
          case LiveRooms.REFUSED -> {
            send(new JsonObject().put("type", "delta").put("replyTo", clientId).put("text", r.getString("text")));
            send(new JsonObject().put("type", "done").put("replyTo", clientId).put("decision",
                r.getString("decision")));
          }
          default -> send(error("unavailable", "the room cannot take questions right now").put("replyTo", clientId));
        }
      }));
    }

    private void send(JsonObject frame) {
      if (!closed) {
        send(frame.encode());
      }
    }

    /** Sends one frame's JSON text (see {@link Frames}); closes a client that does not keep up. */
    private void send(String frame) {
      if (closed) {
        return;
      }
      if (ws.writeQueueFull()) {
        // Backpressure: a client that does not read is cut off instead of buffering without bound.
        LOG.info("closing a live connection that does not keep up (persona {}, room {})", persona.slug(), room);
        ws.close((short) 1008, "client too slow");
        onClose();
        return;
      }
      ws.writeTextMessage(frame);
    }

    /** The persona changed: close if it is gone, else continue with its published version. */
    private void follow() {
      Context context = vertx.getOrCreateContext();
      String slug = persona.slug();
      reloading++;
      catalog.reload(slug).onComplete(ar -> on(context, () -> {
        reloading--;
        if (closed) {
          return;
        }
        try {
          applyReload(ar);
        } finally {
          if (reloading == 0 && deferred != null && !closed) {
            String[] d = deferred;
            deferred = null;
            start(d[0], d[1]);
          }
        }
      }));
    }

    /** Applies a finished reload: a deleted persona ends the chat, a new version applies from now on. */
    private void applyReload(io.vertx.core.AsyncResult<java.util.Optional<LivePersona>> ar) {
      String slug = persona.slug();
      if (ar.failed()) {
        LOG.warn("could not reload persona {} for an open chat: {}", slug, ar.cause().getMessage());
        return;
      }
      if (ar.result().isEmpty()) {
        deferred = null;
        send(error("persona_unavailable", "this persona is no longer available"));
        ws.close((short) 1001, "persona removed");
        onClose();
        return;
      }
      LivePersona newer = ar.result().get();
      if (newer.version() != persona.version() && room == null) {
        persona = newer;
        conversation.switchTo(newer);
      }
    }

    private void onClose() {
      if (closed) {
        return;
      }
      closed = true;
      lease.release();
      if (personaChanges != null) {
        personaChanges.unregister();
      }
      if (idleTimer >= 0) {
        vertx.cancelTimer(idleTimer);
      }
      if (current != null) {
        current.cancel();
        current = null;
      }
      if (releases != null) {
        releases.unregister();
      }
      if (roomFrames != null) {
        roomFrames.unregister();
        rooms.leave(persona.slug(), room);
      }
    }
  }
}
