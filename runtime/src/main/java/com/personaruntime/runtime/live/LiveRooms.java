package com.personaruntime.runtime.live;

import com.personaruntime.runtime.catalog.LivePersona;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live rooms: one persona hosting many viewers at once ({@code /api/v1/live/{slug}?room=NAME}).
 *
 * <p>Protocol over the event bus, so viewers and the room need not share a JVM:
 * <ul>
 *   <li>{@link #outAddress} ({@code live.room.out.SLUG.ROOM}): the room <em>publishes</em> every frame
 *       all viewers see, as the JSON of the WebSocket frame: {@code message} (an accepted audience
 *       question, with {@code id}, {@code text}, {@code from} = viewer id, {@code clientId}),
 *       {@code delta}/{@code done} of the persona's reply ({@code replyTo} = the room message id) and
 *       periodic {@code disclosure} frames. Each viewer's connection consumes it.</li>
 *   <li>{@link #askAddress} ({@code live.room.ask.SLUG.ROOM}): a viewer <em>requests</em> with
 *       {@code {viewer, clientId, text}}; the reply is {@code {status: accepted, id}},
 *       {@code {status: refused, text, decision}} (input guard; shown to the asker only) or
 *       {@code {status: queue_full}}.</li>
 * </ul>
 *
 * <p>The room answers one question at a time from a bounded FIFO queue; its reply streams to every
 * viewer through the same guarded turn as a one-to-one chat ({@link ChatEngine#answer}), with one
 * shared conversation (memory) per room. The AI disclosure is published every
 * {@link Options#disclosureMillis()}.
 *
 * <p>A room keeps the persona version it started with until its last viewer leaves.
 *
 * <p>Limitation: a room is hosted (queue, answering loop, disclosure timer) on the node where its
 * first viewer joined, and viewers are counted per node; a room is closed when the last viewer on
 * its node leaves. Viewers on other cluster nodes would reach it over the clustered event bus, but
 * electing one host cluster-wide (a cluster lock or a lease row in the database) is not done yet, so
 * today two nodes would each host their own copy of the same room.
 *
 * <p>Threading: each room is confined to the context (event loop) it was created on; the registry
 * itself is guarded by this object's monitor.
 */
public final class LiveRooms {
  private static final Logger LOG = LoggerFactory.getLogger(LiveRooms.class);

  /**
   * Settings of every room.
   *
   * @param queueSize        questions that may wait while the persona answers one (at least 1)
   * @param disclosureMillis period of the repeated AI disclosure (at least 1000)
   */
  public record Options(int queueSize, long disclosureMillis) {
    /** Validates; messages name the field and the value. */
    public Options {
      if (queueSize < 1) {
        throw new IllegalArgumentException("queueSize must be at least 1, got " + queueSize);
      }
      if (disclosureMillis < 1000) {
        throw new IllegalArgumentException("disclosureMillis must be at least 1000, got " + disclosureMillis);
      }
    }
  }

  /** Outcome statuses of an ask request. */
  public static final String ACCEPTED = "accepted";
  /** The input guard refused the question; only the asker is told. */
  public static final String REFUSED = "refused";
  /** The room's queue is full; only the asker is told. */
  public static final String QUEUE_FULL = "queue_full";

  private final Vertx vertx;
  private final ChatEngine engine;
  private final Options options;
  private final Map<String, Room> rooms = new HashMap<>();

  public LiveRooms(Vertx vertx, ChatEngine engine, Options options) {
    this.vertx = vertx;
    this.engine = engine;
    this.options = options;
  }

  /** The address every viewer of a room consumes. */
  public static String outAddress(String slug, String room) {
    return "live.room.out." + slug + "." + room;
  }

  /** The address questions to a room are sent to (request/reply). */
  public static String askAddress(String slug, String room) {
    return "live.room.ask." + slug + "." + room;
  }

  /**
   * Counts a viewer in, hosting the room on the caller's context if it is not hosted here yet.
   * Completes once the room accepts questions. Pair every successful join with {@link #leave}.
   */
  public Future<Void> join(LivePersona persona, String room) {
    String key = key(persona.slug(), room);
    Room r;
    synchronized (this) {
      r = rooms.get(key);
      if (r == null) {
        r = new Room(key, persona, room, vertx.getOrCreateContext());
        rooms.put(key, r);
        r.start();
      }
      r.viewers++;
    }
    Room joined = r;
    return r.ready.future().recover(err -> {
      leave(persona.slug(), room);
      return Future.failedFuture(err);
    }).onSuccess(v -> LOG.debug("viewer joined room {} ({} here)", joined.key, joined.viewers));
  }

  /** Counts a viewer out; the room closes when its last viewer on this node leaves. */
  public void leave(String slug, String room) {
    String key = key(slug, room);
    Room r;
    synchronized (this) {
      r = rooms.get(key);
      if (r == null || --r.viewers > 0) {
        return;
      }
      rooms.remove(key);
    }
    r.context.runOnContext(v -> r.close());
  }

  /** Viewers counted on this node (for tests and metrics). */
  public synchronized int viewers(String slug, String room) {
    Room r = rooms.get(key(slug, room));
    return r == null ? 0 : r.viewers;
  }

  private static String key(String slug, String room) {
    return slug + "." + room;
  }

  /** One hosted room; everything but {@code viewers} is confined to {@code context}. */
  private final class Room {
    final String key;
    final LivePersona persona;
    final String name;
    final Context context;
    final Promise<Void> ready = Promise.promise();
    final Deque<Question> queue = new ArrayDeque<>();
    int viewers; // guarded by LiveRooms.this
    Conversation conversation;
    MessageConsumer<JsonObject> asks;
    long disclosureTimer = -1;
    ChatEngine.Turn current;
    long seq;
    boolean closed;

    Room(String key, LivePersona persona, String name, Context context) {
      this.key = key;
      this.persona = persona;
      this.name = name;
      this.context = context;
    }

    void start() {
      context.runOnContext(v -> engine.open(persona, name).onComplete(ar -> context.runOnContext(x -> {
        if (ar.failed()) {
          LOG.error("room {} could not start", key, ar.cause());
          ready.tryFail(ar.cause());
          return;
        }
        if (closed) {
          ready.tryFail("room " + key + " closed");
          return;
        }
        conversation = ar.result();
        asks = vertx.eventBus().consumer(askAddress(persona.slug(), name), this::onAsk);
        disclosureTimer = vertx.setPeriodic(options.disclosureMillis(), id -> publish(new JsonObject()
            .put("type", "disclosure")
            .put("text", Disclosures.aiDisclosure(persona.persona(), persona.brandName()))));
        asks.completion().onComplete(c -> ready.tryComplete());
      })));
    }

    void onAsk(Message<JsonObject> m) {
      if (closed) {
        m.fail(503, "room closed");
        return;
      }
      JsonObject body = m.body();
      String viewer = body.getString("viewer");
      String clientId = body.getString("clientId");
      String text = body.getString("text");
      if (text == null || text.isBlank()) {
        m.fail(400, "text: expected a non-empty string");
        return;
      }
      if (queue.size() >= options.queueSize()) {
        m.reply(new JsonObject().put("status", QUEUE_FULL));
        return;
      }
      String id = "r" + (++seq);
      ChatEngine.Screened s = engine.screen(conversation, id, text);
      if (s.refused()) {
        m.reply(new JsonObject().put("status", REFUSED).put("text", s.refusal()).put("decision", s.decision()));
        return;
      }
      publish(new JsonObject().put("type", "message").put("id", id).put("text", s.question())
          .put("from", viewer).put("clientId", clientId));
      queue.addLast(new Question(id, s));
      m.reply(new JsonObject().put("status", ACCEPTED).put("id", id));
      pump();
    }

    /** Starts the next answer when none is running. */
    void pump() {
      if (closed || current != null || queue.isEmpty()) {
        return;
      }
      Question q = queue.pollFirst();
      boolean[] ended = new boolean[1];
      ChatEngine.Turn turn = engine.answer(conversation, q.id(), q.screened(), new TurnSink() {
        @Override
        public void delta(String text) {
          publish(new JsonObject().put("type", "delta").put("replyTo", q.id()).put("text", text));
        }

        @Override
        public void done(String decision) {
          ended[0] = true;
          publish(new JsonObject().put("type", "done").put("replyTo", q.id()).put("decision", decision));
          current = null;
          context.runOnContext(v -> pump());
        }
      });
      if (!ended[0]) {
        current = turn;
      }
    }

    void publish(JsonObject frame) {
      if (!closed) {
        vertx.eventBus().publish(outAddress(persona.slug(), name), frame);
      }
    }

    void close() {
      closed = true;
      ready.tryFail("room " + key + " closed");
      if (disclosureTimer >= 0) {
        vertx.cancelTimer(disclosureTimer);
      }
      if (asks != null) {
        asks.unregister();
      }
      if (current != null) {
        current.cancel();
        current = null;
      }
      queue.clear();
      LOG.debug("room {} closed", key);
    }
  }

  private record Question(String id, ChatEngine.Screened screened) {
  }
}
