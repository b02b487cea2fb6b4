package com.personaruntime.web.live;

import com.personaruntime.runtime.catalog.LivePersona;
import com.personaruntime.runtime.catalog.PersonaCatalog;
import com.personaruntime.runtime.live.ChatEngine;
import com.personaruntime.runtime.live.Conversation;
import com.personaruntime.runtime.live.Disclosures;
import com.personaruntime.runtime.live.TokenBucket;
import com.personaruntime.runtime.live.TurnSink;
import com.personaruntime.web.http.Errors;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
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
 */
public final class LiveSocket {
  private static final Logger LOG = LoggerFactory.getLogger(LiveSocket.class);
  private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** Limits of one connection. */
  public record Limits(int maxMessageChars, int burst, double messagesPerSecond, long idleTimeoutMillis,
                       long redisclosureAfterMillis, List<String> allowedOrigins) {
  }

  private final Vertx vertx;
  private final PersonaCatalog catalog;
  private final ChatEngine engine;
  private final Limits limits;
  private final Clock clock;

  public LiveSocket(Vertx vertx, PersonaCatalog catalog, ChatEngine engine, Limits limits, Clock clock) {
    this.vertx = vertx;
    this.catalog = catalog;
    this.engine = engine;
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
    if (room != null && !ROOM.matcher(room).matches()) {
      Errors.send(ctx, 400, "bad_room", "room: must be 1-64 letters, digits, '-' or '_', got '" + room + "'", null);
      return;
    }
    String origin = req.getHeader("Origin");
    if (!limits.allowedOrigins().isEmpty() && (origin == null || !limits.allowedOrigins().contains(origin))) {
      Errors.send(ctx, 403, "origin_not_allowed", "origin '" + origin + "' may not open live chats", null);
      return;
    }
    req.pause();
    catalog.live(slug).onComplete(ar -> {
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
      req.toWebSocket().onSuccess(ws -> engine.open(lp, room).onComplete(conv -> {
        if (conv.failed()) {
          LOG.error("could not open a conversation with {}", slug, conv.cause());
          ws.writeTextMessage(error("unavailable", "the persona cannot chat right now").encode());
          ws.close((short) 1011, "unavailable");
          return;
        }
        new Connection(ws, conv.result()).start();
      })).onFailure(err -> LOG.debug("websocket upgrade failed for {}: {}", slug, err.getMessage()));
    });
  }

  private static JsonObject error(String code, String message) {
    return new JsonObject().put("type", "error").put("code", code).put("message", message);
  }

  /** One audience connection; all state is confined to the socket's event-loop context. */
  private final class Connection {
    private final ServerWebSocket ws;
    private final Conversation conversation;
    private final TokenBucket bucket;
    private ChatEngine.Turn current;
    private long idleTimer = -1;
    private boolean closed;

    Connection(ServerWebSocket ws, Conversation conversation) {
      this.ws = ws;
      this.conversation = conversation;
      this.bucket = new TokenBucket(limits.burst(), limits.messagesPerSecond(), clock);
    }

    void start() {
      LivePersona lp = conversation.persona();
      var p = lp.persona();
      JsonObject persona = new JsonObject()
          .put("id", p.id())
          .put("name", p.name())
          .put("brand", p.brand())
          .put("bio", p.bio())
          .put("languages", new JsonArray(p.languages()))
          .put("greeting", p.voice().greeting());
      send(new JsonObject().put("type", "hello").put("persona", persona)
          .put("conversation", conversation.id())
          .put("disclosure", Disclosures.aiDisclosure(p, null)));
      ws.textMessageHandler(this::onText);
      ws.binaryMessageHandler(b -> send(error("bad_frame", "binary frames are not supported; send JSON text")));
      ws.closeHandler(v -> onClose());
      ws.exceptionHandler(err -> LOG.debug("live socket error: {}", err.getMessage()));
      armIdle();
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
      armIdle();
      JsonObject frame;
      try {
        frame = new JsonObject(raw);
      } catch (DecodeException | ClassCastException e) {
        send(error("bad_frame", "frame is not a JSON object"));
        return;
      }
      Object type = frame.getValue("type");
      if (!"message".equals(type)) {
        send(error("bad_frame", "type: expected 'message', got " + (type == null ? "nothing" : "'" + type + "'")));
        return;
      }
      Object id = frame.getValue("id");
      if (!(id instanceof String || id instanceof Number) || !MESSAGE_ID.matcher(String.valueOf(id)).matches()) {
        send(error("bad_frame", "id: expected a string or number of 1-64 characters [A-Za-z0-9._:-]"));
        return;
      }
      Object text = frame.getValue("text");
      if (!(text instanceof String s) || s.isBlank()) {
        send(error("bad_frame", "text: expected a non-empty string").put("replyTo", String.valueOf(id)));
        return;
      }
      if (s.length() > limits.maxMessageChars()) {
        send(error("too_long", "text: at most " + limits.maxMessageChars() + " characters, got " + s.length())
            .put("replyTo", String.valueOf(id)));
        return;
      }
      if (current != null) {
        send(error("busy", "wait for the current reply to finish").put("replyTo", String.valueOf(id)));
        return;
      }
      if (!bucket.tryTake()) {
        send(error("rate_limited", "too many messages; slow down").put("replyTo", String.valueOf(id)));
        return;
      }
      String replyTo = String.valueOf(id);
      long now = clock.millis();
      if (conversation.idleMillis(now) > limits.redisclosureAfterMillis()) {
        send(new JsonObject().put("type", "disclosure")
            .put("text", Disclosures.aiDisclosure(conversation.persona().persona(), null)));
      }
      current = engine.turn(conversation, replyTo, s, new TurnSink() {
        @Override
        public void delta(String t) {
          send(new JsonObject().put("type", "delta").put("replyTo", replyTo).put("text", t));
        }

        @Override
        public void done(String decision) {
          current = null;
          send(new JsonObject().put("type", "done").put("replyTo", replyTo).put("decision", decision));
        }
      });
    }

    private void send(JsonObject frame) {
      if (closed) {
        return;
      }
      if (ws.writeQueueFull()) {
        // Backpressure: a client that does not read is cut off instead of buffering without bound.
        LOG.info("closing a live connection that does not keep up ({})", conversation.id());
        closed = true;
        if (current != null) {
          current.cancel();
          current = null;
        }
        ws.close((short) 1008, "client too slow");
        return;
      }
      ws.writeTextMessage(frame.encode());
    }

    private void onClose() {
      closed = true;
      if (idleTimer >= 0) {
        vertx.cancelTimer(idleTimer);
      }
      if (current != null) {
        current.cancel();
        current = null;
      }
    }
  }
}
