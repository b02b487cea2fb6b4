package com.personaruntime.runtime.live;

import com.personaruntime.runtime.catalog.LivePersona;
import com.personaruntime.runtime.cluster.RoomOwnership;
import com.personaruntime.runtime.moderation.ModerationStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
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
 *       {@code {viewer, clientId, text, address, audience}} ({@code audience}: the browser id the viewer sent, or
 *       absent; insights count the room's audience by it, else by the viewer id; {@code address}: the asker's network address, whose
 *       moderation-item budget pays for what the question files); the reply is {@code {status: accepted, id}},
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
 * <p>Cluster-wide, one node hosts a room (queue, answering loop, disclosure timer): the first node whose
 * viewer joins takes the room's ownership ({@link RoomOwnership}: cluster lock + epoch fencing token);
 * every other node with viewers of the room is a candidate that retries every
 * {@link Options#takeoverCheckMillis()} and takes the room over when the owner is gone (its lock is freed
 * when it leaves the room or dies). Viewers on every node consume the room's published frames, so each
 * sees each frame exactly once. Every frame carries the owner's {@code epoch}; a viewer drops frames of an
 * older epoch than one it has seen ({@link #frames}), and a stale owner's next question is refused by the
 * fenced write ({@link RoomOwnership.Lease#fence()}) and it steps down. Room message ids are
 * {@code r<epoch>-<seq>}, unique across nodes and restarts. A takeover starts a new room conversation (the
 * room's memory restarts; the transcript keeps both); a question that was queued or a reply that was
 * streaming on the dead owner ends for each viewer with an {@code error} frame of code
 * {@code interrupted} (instead of {@code done}) when the new owner announces itself.
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
   * @param takeoverCheckMillis how often a node with viewers of a room hosted elsewhere checks whether it
   *                         can take the room over (at least 10)
   */
  public record Options(int queueSize, long disclosureMillis, long takeoverCheckMillis) {
    /** With the default takeover check (every second). */
    public Options(int queueSize, long disclosureMillis) {
      this(queueSize, disclosureMillis, 1000);
    }

    /** Validates; messages name the field and the value. */
    public Options {
      if (takeoverCheckMillis < 10) {
        throw new IllegalArgumentException("takeoverCheckMillis must be at least 10, got " + takeoverCheckMillis);
      }
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

  /** Frame type announcing a new owner's epoch to the viewers' filters; never sent to clients. */
  static final String OWNER = "owner";

  private final Vertx vertx;
  private final ChatEngine engine;
  private final Options options;
  private final RoomOwnership ownership;
  private final Map<String, Site> rooms = new HashMap<>();

  /** Rooms answering with {@code engine}, hosted where {@code ownership} grants them. */
  private final ModerationStore moderation;

  /**
   * Rooms answering with {@code engine}, hosted where {@code ownership} grants them; {@code moderation}
   * records the releases of held replies delivered to rooms.
   */
  public LiveRooms(Vertx vertx, ChatEngine engine, Options options, RoomOwnership ownership,
      ModerationStore moderation) {
    this.moderation = moderation;
    this.vertx = vertx;
    this.engine = engine;
    this.options = options;
    this.ownership = ownership;
  }

  /**
   * Subscribes a viewer connection to a room's frames: {@code sink} gets every frame the room publishes,
   * in order, except frames of an older owner than one already seen (a stale owner's) and the internal
   * owner announcements. Unregister the consumer when the viewer leaves.
   */
  public MessageConsumer<JsonObject> frames(String slug, String room, Handler<JsonObject> sink) {
    long[] newest = {0};
    // replies this viewer saw start (announced question, no done yet), to end them if their owner goes away
    java.util.Set<String> open = new java.util.LinkedHashSet<>();
    return vertx.eventBus().consumer(outAddress(slug, room), m -> {
      JsonObject frame = m.body();
      long epoch = frame.getLong("epoch", 0L);
      if (epoch < newest[0]) {
        return;
      }
      if (epoch > newest[0] && !open.isEmpty()) {
        // a new owner: the replies of the old one that were still streaming will never finish
        for (String id : open) {
          sink.handle(interrupted(id, epoch));
        }
        open.clear();
      }
      newest[0] = epoch;
      String type = frame.getString("type");
      if ("message".equals(type)) {
        if (open.size() < 1_000) {
          open.add(frame.getString("id"));
        }
      } else if ("done".equals(type)) {
        open.remove(frame.getString("replyTo"));
      }
      if (!OWNER.equals(type)) {
        sink.handle(frame);
      }
    });
  }

  /**
   * The frame that ends, for a viewer, a reply whose room owner went away while it was queued or streaming
   * (the node hosting the room died and another took the room over): {@code {"type":"error",
   * "code":"interrupted","replyTo":ID,"message":...}}. It replaces the {@code done} that will never come;
   * the text already shown stays as it was (it had passed the streaming guard).
   */
  static JsonObject interrupted(String replyTo, long epoch) {
    return new JsonObject().put("type", "error").put("code", "interrupted").put("replyTo", replyTo)
        .put("epoch", epoch)
        .put("message", "the room moved to another server while this reply was pending; ask again if needed");
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
   * Counts a viewer in. The first viewer of a room on this node makes this node a candidate: it hosts the
   * room if no other node does, else it takes the room over when the owner goes away. Completes once the
   * room accepts questions here or is known to be hosted elsewhere. Pair every successful join with
   * {@link #leave}.
   */
  public Future<Void> join(LivePersona persona, String room) {
    String key = key(persona.slug(), room);
    Site site;
    synchronized (this) {
      site = rooms.get(key);
      if (site == null) {
        site = new Site(key, persona, room, vertx.getOrCreateContext());
        rooms.put(key, site);
        site.start();
      }
      site.viewers++;
    }
    Site joined = site;
    return site.ready.future().recover(err -> {
      leave(persona.slug(), room);
      return Future.failedFuture(err);
    }).onSuccess(v -> LOG.debug("viewer joined room {} ({} here)", joined.key, joined.viewers));
  }

  /**
   * Counts a viewer out; when the last viewer on this node leaves, this node stops hosting the room (its
   * ownership is released, another node with viewers takes over) or stops being a candidate.
   */
  public void leave(String slug, String room) {
    String key = key(slug, room);
    Site site;
    synchronized (this) {
      site = rooms.get(key);
      if (site == null || --site.viewers > 0) {
        return;
      }
      rooms.remove(key);
    }
    site.context.runOnContext(v -> site.close());
  }

  /** Viewers counted on this node (for tests and metrics). */
  public synchronized int viewers(String slug, String room) {
    Site site = rooms.get(key(slug, room));
    return site == null ? 0 : site.viewers;
  }

  /** Whether this node hosts the room now (for tests and metrics). */
  public synchronized boolean hosts(String slug, String room) {
    Site site = rooms.get(key(slug, room));
    return site != null && site.hosted != null;
  }

  private static String key(String slug, String room) {
    return slug + "." + room;
  }

  /**
   * A room as seen from this node: its local viewers and whether this node hosts it or waits to take it
   * over. Everything but {@code viewers} is confined to {@code context}.
   */
  private final class Site {
    final String key;
    final LivePersona persona;
    final String name;
    final Context context;
    final Promise<Void> ready = Promise.promise();
    int viewers; // guarded by LiveRooms.this
    Room hosted;
    long retryTimer = -1;
    boolean closed;

    Site(String key, LivePersona persona, String name, Context context) {
      this.key = key;
      this.persona = persona;
      this.name = name;
      this.context = context;
    }

    void start() {
      context.runOnContext(v -> tryHost());
    }

    /** Tries to take the room's ownership; hosts it on success, else checks again later. */
    void tryHost() {
      retryTimer = -1;
      if (closed) {
        return;
      }
      ownership.tryAcquire(key, 20).onComplete(ar -> context.runOnContext(v -> {
        if (ar.failed()) {
          LOG.warn("room {}: ownership check failed: {}", key, ar.cause().getMessage());
          retryLater();
          return;
        }
        if (ar.result().isEmpty()) {
          ready.tryComplete(); // hosted elsewhere: questions go there over the event bus
          retryLater();
          return;
        }
        RoomOwnership.Lease lease = ar.result().get();
        if (closed) {
          lease.release();
          return;
        }
        LOG.info("room {} hosted on this node (epoch {})", key, lease.epoch());
        Room r = new Room(this, lease);
        hosted = r;
        r.start().onComplete(started -> {
          if (started.succeeded()) {
            ready.tryComplete();
          } else {
            LOG.warn("room {} could not start here: {}", key, started.cause().getMessage());
            stepDown(r);
            ready.tryFail(started.cause());
          }
        });
      }));
    }

    void retryLater() {
      if (!closed && retryTimer < 0) {
        retryTimer = vertx.setTimer(options.takeoverCheckMillis(), id -> context.runOnContext(v -> tryHost()));
      }
    }

    /** This node lost the room (a newer owner fenced it out, or it could not start): stop hosting it. */
    void stepDown(Room r) {
      if (hosted == r) {
        hosted = null;
        r.close();
        retryLater();
      }
    }

    void close() {
      closed = true;
      ready.tryFail("room " + key + " closed");
      if (retryTimer >= 0) {
        vertx.cancelTimer(retryTimer);
      }
      if (hosted != null) {
        hosted.close();
        hosted = null;
      }
    }
  }

  /** A room hosted on this node under one lease; confined to its site's context. */
  private final class Room {
    final Site site;
    final String key;
    final LivePersona persona;
    final String name;
    final Context context;
    final RoomOwnership.Lease lease;
    final Promise<Void> ready = Promise.promise();
    final Deque<Question> queue = new ArrayDeque<>();
    Future<Boolean> fences = Future.succeededFuture(true);
    int pending;
    Conversation conversation;
    MessageConsumer<JsonObject> asks;
    MessageConsumer<JsonObject> releases;
    /** Who asked each recent question (room message id to viewer id), so held and released frames name them. */
    final Map<String, String> askers = new java.util.LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > 500;
      }
    };
    final java.util.Set<String> delivered = new java.util.HashSet<>();
    long disclosureTimer = -1;
    ChatEngine.Turn current;
    long seq;
    boolean closed;

    Room(Site site, RoomOwnership.Lease lease) {
      this.site = site;
      this.key = site.key;
      this.persona = site.persona;
      this.name = site.name;
      this.context = site.context;
      this.lease = lease;
    }

    Future<Void> start() {
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
        publish(new JsonObject().put("type", OWNER));
        asks = vertx.eventBus().consumer(askAddress(persona.slug(), name), this::onAsk);
        releases = vertx.eventBus().consumer(ModerationStore.releaseAddress(conversation.id()),
            m -> release(m.body()));
        disclosureTimer = vertx.setPeriodic(options.disclosureMillis(), id -> publish(new JsonObject()
            .put("type", "disclosure")
            .put("text", Disclosures.aiDisclosure(persona.persona(), persona.brandName()))));
        asks.completion().onComplete(c -> ready.tryComplete());
      })));
      return ready.future();
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
      String address = body.getString("address"); // the asker's: items this question files count against it
      // who asked, for insights: the browser id the viewer's client sent, else its connection's viewer id
      String audience = body.getString("audience") != null ? body.getString("audience") : viewer;
      if (text == null || text.isBlank()) {
        m.fail(400, "text: expected a non-empty string");
        return;
      }
      if (waiting() >= options.queueSize()) {
        m.reply(new JsonObject().put("status", QUEUE_FULL));
        return;
      }
      String id = "r" + lease.epoch() + "-" + (++seq);
      pending++;
      // Fenced: only the room's current owner may accept (and so store and answer) a question. Chained so
      // that questions keep their order while the writes are in flight.
      fences = fences.transform(prev -> lease.fence()).onComplete(f -> {
        pending--;
        if (closed) {
          m.fail(503, "room closed");
          return;
        }
        if (f.failed() || !f.result()) {
          if (f.failed()) {
            LOG.warn("room {}: fenced write failed: {}", key, f.cause().getMessage());
            m.fail(503, "room unavailable");
            return;
          }
          LOG.warn("room {}: a newer owner took the room (epoch {} is stale); stepping down", key, lease.epoch());
          m.fail(503, "room moved to another node");
          site.stepDown(this);
          return;
        }
        accept(m, id, viewer, clientId, text, address, audience);
      });
    }

    private void accept(Message<JsonObject> m, String id, String viewer, String clientId, String text,
        String address, String audience) {
      conversation.askedBy(id, audience);
      ChatEngine.Screened s = engine.screen(conversation, id, text, address);
      if (s.refused()) {
        m.reply(new JsonObject().put("status", REFUSED).put("text", s.refusal()).put("decision", s.decision()));
        return;
      }
      publish(new JsonObject().put("type", "message").put("id", id).put("text", s.question())
          .put("from", viewer).put("clientId", clientId));
      askers.put(id, viewer);
      queue.addLast(new Question(id, s));
      m.reply(new JsonObject().put("status", ACCEPTED).put("id", id));
      pump();
    }

    /**
     * Questions waiting for their answer: queued ones plus those whose fenced acceptance is in flight,
     * not counting the one that will be answered at once when none is running.
     */
    int waiting() {
      int n = queue.size() + pending;
      return current == null && n > 0 ? n - 1 : n;
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
        public void held(String itemId, String line) {
          publish(new JsonObject().put("type", "held").put("replyTo", q.id()).put("item", itemId).put("text", line)
              .put("from", askers.get(q.id())));
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

    /**
     * A moderator decided a reply held in this room: the release goes to every viewer (naming the
     * asker as {@code from}), then the AI disclosure, since a human has just spoken for the persona.
     * A let-through question is answered to the room like any accepted question.
     */
    void release(JsonObject d) {
      String item = d.getString("item");
      if (closed || item == null || !delivered.add(item)) {
        return;
      }
      String replyTo = d.getString("replyTo");
      if ("let_through".equals(d.getString("status"))) {
        String input = d.getString("input");
        ChatEngine.Screened s = ChatEngine.letThrough(conversation.persona(), input, d.getString("language", "en"));
        // The question itself is never shown (it was refused); the room sees the persona's guarded answer.
        moderation.markReleased(item, null);
        queue.addLast(new Question(replyTo, s));
        pump();
        return;
      }
      String text = d.getString("text");
      JsonObject frame = new JsonObject().put("type", "released").put("replyTo", replyTo).put("item", item)
          .put("decision", d.getString("decision")).put("text", text).put("from", askers.get(replyTo));
      if (d.getBoolean("expired", false)) {
        frame.put("expired", true);
      }
      publish(frame);
      engine.released(conversation, replyTo, text, d.getString("decision"));
      if (!d.getBoolean("expired", false)) {
        // a person decided what the persona says: the AI disclosure again (not after an SLA expiry)
        // in the language of the held question, as its held and closing lines were
        publish(new JsonObject().put("type", "disclosure").put("reason", "moderator")
            .put("text", Disclosures.aiDisclosure(persona.persona(), persona.brandName(), d.getString("language")))
            .put("language", Disclosures.lang(persona.persona(), d.getString("language"))));
      }
      moderation.markReleased(item, null).onFailure(err -> LOG.error("release of item {} not recorded", item, err));
    }

    void publish(JsonObject frame) {
      if (!closed) {
        vertx.eventBus().publish(outAddress(persona.slug(), name), frame.put("epoch", lease.epoch()));
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
      if (releases != null) {
        releases.unregister();
      }
      if (current != null) {
        current.cancel();
        current = null;
      }
      queue.clear();
      lease.release();
      LOG.debug("room {} closed here (epoch {})", key, lease.epoch());
    }
  }

  private record Question(String id, ChatEngine.Screened screened) {
  }
}
