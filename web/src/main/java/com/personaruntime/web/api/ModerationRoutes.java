package com.personaruntime.web.api;

import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Decision;
import com.personaruntime.guardrails.Finding;
import com.personaruntime.guardrails.Verdict;
import com.personaruntime.runtime.auth.Principal;
import com.personaruntime.runtime.catalog.PersonaCatalog;
import com.personaruntime.runtime.moderation.ClaimMode;
import com.personaruntime.runtime.moderation.ItemKind;
import com.personaruntime.runtime.moderation.ItemStatus;
import com.personaruntime.runtime.moderation.ModerationDecision;
import com.personaruntime.runtime.moderation.ModerationItem;
import com.personaruntime.runtime.moderation.ModerationSettings;
import com.personaruntime.runtime.moderation.ModerationStore;
import com.personaruntime.runtime.storage.Brand;
import com.personaruntime.runtime.storage.BrandRepository;
import com.personaruntime.web.http.ApiException;
import com.personaruntime.web.http.Auth;
import com.personaruntime.web.http.Bodies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The moderation queue of the caller's brands and its workflow (see {@link ModerationStore} for the
 * transitions, audit entries and events):
 * <ul>
 *   <li>{@code GET /api/v1/moderation/items} lists items; query {@code status} (a status, a comma list,
 *       {@code pending} = open+claimed (default), {@code decided} or {@code all}), {@code kind},
 *       {@code brand} and {@code persona} (slugs), {@code rule} (a rule id), {@code olderThan} (seconds),
 *       {@code order} ({@code oldest} (default) or {@code newest}), {@code limit} (1..500, 100);</li>
 *   <li>{@code GET /api/v1/moderation/items/{id}} one item;</li>
 *   <li>{@code POST .../{id}/claim} takes (or renews, or takes over a lapsed) lease;
 *       {@code POST .../{id}/unclaim} lets go;</li>
 *   <li>{@code POST .../{id}/check} {@code {"text"}}: the persona's guard on a text a moderator is about
 *       to release (verdict, text with rewrites, findings), without deciding;</li>
 *   <li>{@code POST .../{id}/decision} {@code {"decision","text"?,"reason"?,"note"?}};</li>
 *   <li>{@code POST /api/v1/moderation/decisions} {@code {"items":[ids],"decision","reason"?,"note"?}}:
 *       one decision on many items (each on its own; the answer lists each outcome);</li>
 *   <li>{@code GET /api/v1/moderation/events}: Server-Sent Events of the caller's brands;</li>
 *   <li>{@code GET|PUT /api/v1/brands/{brand}/moderation}: the brand's claiming, SLA and lease.</li>
 * </ul>
 * Released text is checked by the persona's published guard first and the check fails closed: a text
 * the guard blocks is refused (400 naming the findings), and when the persona has no published guard
 * any more, approve and edit are refused (409) — reject still works. An item of a brand the caller may
 * not moderate answers 404 like an unknown id; a decided item, or one someone else holds a live claim
 * on, answers 409.
 */
public final class ModerationRoutes {
  private static final List<String> DECISION_FIELDS = List.of("decision", "text", "reason", "note");
  private static final List<String> BULK_FIELDS = List.of("items", "decision", "reason", "note");
  private static final List<String> SETTINGS_FIELDS = List.of("claiming", "slaSeconds", "leaseSeconds");
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
  private static final Pattern RULE = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  /** Longest edited text and note, in characters. */
  static final int MAX_TEXT = GuardrailRoutes.MAX_TEXT;
  static final int MAX_NOTE = 2_000;
  static final int MAX_BULK = 100;
  private static final long PING_MILLIS = 15_000;

  private final Vertx vertx;
  private final ModerationStore moderation;
  private final PersonaCatalog catalog;
  private final BrandRepository brands;
  private final AtomicLong eventIds = new AtomicLong();

  public ModerationRoutes(Vertx vertx, ModerationStore moderation, PersonaCatalog catalog, BrandRepository brands) {
    this.vertx = vertx;
    this.moderation = moderation;
    this.catalog = catalog;
    this.brands = brands;
  }

  public void mount(Router router) {
    router.get("/api/v1/moderation/items").handler(this::list);
    router.get("/api/v1/moderation/events").handler(this::events);
    router.post("/api/v1/moderation/decisions").handler(this::bulk);
    router.get("/api/v1/moderation/items/:id").handler(this::get);
    router.post("/api/v1/moderation/items/:id/claim").handler(this::claim);
    router.post("/api/v1/moderation/items/:id/unclaim").handler(this::unclaim);
    router.post("/api/v1/moderation/items/:id/check").handler(this::check);
    router.post("/api/v1/moderation/items/:id/decision").handler(this::decide);
    router.get("/api/v1/brands/:brand/moderation").handler(this::getSettings);
    router.put("/api/v1/brands/:brand/moderation").handler(this::putSettings);
  }

  // ------------------------------------------------------------------ items

  private void get(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    visible(p, ctx.pathParam("id")).compose(this::shown).onComplete(ar -> respond(ctx, ar));
  }

  private void claim(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    visible(p, ctx.pathParam("id")).compose(item -> moderation.claim(item.id(), p.userId()))
        .compose(this::shown).onComplete(ar -> respond(ctx, ar));
  }

  private void unclaim(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    visible(p, ctx.pathParam("id")).compose(item -> moderation.unclaim(item.id(), p.userId()))
        .compose(this::shown).onComplete(ar -> respond(ctx, ar));
  }

  private void check(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    for (String field : body.fieldNames()) {
      if (!field.equals("text")) {
        throw ApiException.invalid(field + ": unknown field; expected text");
      }
    }
    String text = Bodies.requiredString(body, "text");
    if (text.length() > MAX_TEXT) {
      throw ApiException.invalid("text: must be at most " + MAX_TEXT + " characters, got " + text.length());
    }
    visible(p, ctx.pathParam("id")).compose(item -> verdict(p, item, text)).onComplete(ar -> respond(ctx,
        ar.map(ModerationRoutes::verdictJson)));
  }

  private void decide(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    String id = ctx.pathParam("id");
    JsonObject body = Bodies.object(ctx);
    Request r = request(body, DECISION_FIELDS);
    String text = Bodies.optionalString(body, "text");
    if (r.decision() == ModerationDecision.EDIT) {
      text = Bodies.requiredString(body, "text");
      if (text.length() > MAX_TEXT) {
        throw ApiException.invalid("text: must be at most " + MAX_TEXT + " characters, got " + text.length());
      }
    } else if (text != null) {
      throw ApiException.invalid("text: only allowed with decision 'edit', not '" + r.decision().wire() + "'");
    }
    String edited = text;
    visible(p, id).compose(item -> decideOne(p, item, r, edited))
        .compose(this::shown).onComplete(ar -> respond(ctx, ar));
  }

  private void bulk(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    Request r = request(body, BULK_FIELDS);
    if (r.decision() == ModerationDecision.EDIT) {
      throw ApiException.invalid("decision: 'edit' needs a text per item; decide edited items one by one");
    }
    Object raw = body.getValue("items");
    if (!(raw instanceof JsonArray ids) || ids.isEmpty() || ids.size() > MAX_BULK) {
      throw ApiException.invalid("items: expected a list of 1 to " + MAX_BULK + " item ids");
    }
    List<String> list = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      if (!(ids.getValue(i) instanceof String s) || s.isBlank()) {
        throw ApiException.invalid("items[" + i + "]: expected an item id (string)");
      }
      list.add(s);
    }
    // One after the other, so the answer's order is the request's and two items never race each other.
    JsonArray results = new JsonArray();
    Future<Void> chain = Future.succeededFuture();
    for (String id : list) {
      chain = chain.compose(v -> visible(p, id).compose(item -> decideOne(p, item, r, null)).transform(ar -> {
        JsonObject out = new JsonObject().put("id", id);
        if (ar.succeeded()) {
          out.put("status", ar.result().status().wire());
        } else {
          ApiException e = asApi(ar.cause());
          out.put("error", new JsonObject().put("code", e.code()).put("message", e.getMessage()))
              .put("httpStatus", e.status());
        }
        results.add(out);
        return Future.<Void>succeededFuture();
      }));
    }
    chain.onComplete(ar -> Json.send(ctx, 200, new JsonObject().put("results", results)));
  }

  /** The parsed common fields of a decision request. */
  private record Request(ModerationDecision decision, String reason, String note) {
  }

  private static Request request(JsonObject body, List<String> fields) {
    for (String field : body.fieldNames()) {
      if (!fields.contains(field)) {
        throw ApiException.invalid(field + ": unknown field; expected " + String.join(", ", fields));
      }
    }
    String wire = Bodies.requiredString(body, "decision");
    ModerationDecision decision;
    try {
      decision = ModerationDecision.of(wire);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(e.getMessage());
    }
    String reason = Bodies.optionalString(body, "reason");
    if (reason != null && !RULE.matcher(reason).matches()) {
      throw ApiException.invalid("reason: expected a rule id of the item or 'other', got '" + reason + "'");
    }
    String note = Bodies.optionalString(body, "note");
    if (note != null && note.length() > MAX_NOTE) {
      throw ApiException.invalid("note: must be at most " + MAX_NOTE + " characters, got " + note.length());
    }
    if (note != null && note.isBlank()) {
      note = null;
    }
    return new Request(decision, reason, note);
  }

  /** Runs what a release needs through the guard (approve: the original; edit: the moderator's text), then decides. */
  private Future<ModerationItem> decideOne(Principal p, ModerationItem item, Request r, String edited) {
    if (item.kind() == ItemKind.POST) {
      return Future.failedFuture(ApiException.conflict("moderation item " + item.id() + " is a post variant: decide "
          + "it through the posts API (POST /api/v1/posts/{id}/approve or .../reject, edits with PUT "
          + "/api/v1/posts/{id}/variants/{platform})"));
    }
    if (!item.kind().allows(r.decision())) {
      return Future.failedFuture(ApiException.invalid("decision: an item of kind '" + item.kind().wire()
          + "' takes one of " + item.kind().decisions().stream().map(ModerationDecision::wire).toList()
          + ", got '" + r.decision().wire() + "'"));
    }
    Future<String> released = switch (r.decision()) {
      case APPROVE -> guarded(p, item, item.content(), "the original reply");
      case EDIT -> guarded(p, item, edited, "text");
      default -> Future.succeededFuture((String) null);
    };
    return released.compose(text -> moderation.decide(item.id(), p.userId(), r.decision(), text, r.reason(),
        r.note()));
  }

  /** The item if the principal may moderate its brand; 404 otherwise, the same as for an unknown id. */
  private Future<ModerationItem> visible(Principal p, String id) {
    return moderation.find(id).compose(found -> found.isPresent() && p.canModerate(found.get().brandId())
        ? Future.succeededFuture(found.get())
        : Future.failedFuture(ApiException.notFound("moderation item '" + id + "' not found")));
  }

  /**
   * The item as staff see it: the audience's contact data hidden ({@link ModerationItem#toJson(java.util.Collection)}),
   * the persona's own public contact address kept in its replies.
   */
  private Future<JsonObject> shown(ModerationItem item) {
    return publicEmails(item.personaSlug()).map(item::toJson);
  }

  /**
   * The published persona's own public contact details (its contact e-mail and phone, and those written in its
   * knowledge: what its replies may give out), or none; never fails.
   */
  private Future<List<String>> publicEmails(String personaSlug) {
    return catalog.live(personaSlug).map(lp -> lp
            .map(l -> com.personaruntime.personas.PersonaPolicies.publicContacts(l.persona()))
            .orElse(List.of()))
        .otherwise(List.of());
  }

  /** The persona's published guard on a text to be released from this item. */
  private Future<Verdict> verdict(Principal p, ModerationItem item, String text) {
    CheckContext context = item.kind() == ItemKind.CHAT_INPUT ? CheckContext.chatInput() : CheckContext.chatOutput();
    return catalog.liveFor(p, item.personaId()).transform(ar -> ar.failed()
        ? Future.failedFuture(ApiException.conflict("persona '" + item.personaSlug() + "' has no published version, "
            + "so its guard cannot check a release; reject the item instead"))
        : Future.succeededFuture(ar.result().policy().check(text, context)));
  }

  /** A text through the guard, failing closed: blocked is refused; otherwise the guard's text (rewrites applied). */
  private Future<String> guarded(Principal p, ModerationItem item, String text, String what) {
    return verdict(p, item, text).compose(verdict -> {
      if (verdict.decision() == Decision.BLOCK) {
        // each blocking rule with the words it stopped on, never the rule's internal pattern
        String why = verdict.findings().stream()
            .filter(f -> Decision.of(f.action()) == Decision.BLOCK)
            .map(f -> f.ruleId() + " \"" + spanOf(text, f) + "\"")
            .distinct()
            .collect(Collectors.joining("; "));
        return Future.failedFuture(ApiException.invalid(what.equals("text")
            ? "text: the persona's guard blocks this text: " + why
            : "decision: the persona's guard blocks the original reply: " + why + "; edit or reject it"));
      }
      return Future.succeededFuture(verdict.text());
    });
  }

  /** The words of {@code text} a finding stopped on (offsets clamped to the text). */
  private static String spanOf(String text, Finding f) {
    int start = Math.min(f.start(), text.length());
    int end = Math.min(Math.max(f.end(), start), text.length());
    String span = text.substring(start, end).strip();
    return span.length() > 80 ? span.substring(0, 80) + "…" : span;
  }

  static JsonObject verdictJson(Verdict v) {
    JsonArray findings = new JsonArray();
    for (Finding f : v.findings()) {
      findings.add(new JsonObject().put("rule", f.ruleId())
          .put("severity", f.severity().name().toLowerCase(Locale.ROOT))
          .put("action", f.action().name().toLowerCase(Locale.ROOT))
          .put("start", f.start()).put("end", f.end()).put("message", f.message()));
    }
    return new JsonObject().put("verdict", v.decision().name().toLowerCase(Locale.ROOT)).put("text", v.text())
        .put("findings", findings);
  }

  private static ApiException asApi(Throwable t) {
    if (t instanceof ApiException a) {
      return a;
    }
    if (t instanceof IllegalArgumentException) {
      return ApiException.invalid(t.getMessage());
    }
    if (t instanceof com.personaruntime.runtime.storage.ConflictException) {
      return ApiException.conflict(t.getMessage());
    }
    if (t instanceof com.personaruntime.runtime.storage.NotFoundException) {
      return ApiException.notFound(t.getMessage());
    }
    return new ApiException(500, "internal", "the decision could not be stored");
  }

  private static void respond(RoutingContext ctx, io.vertx.core.AsyncResult<JsonObject> ar) {
    if (ar.failed()) {
      Throwable t = ar.cause();
      ctx.fail(t instanceof IllegalArgumentException ? ApiException.invalid(t.getMessage()) : t);
      return;
    }
    Json.send(ctx, 200, ar.result());
  }

  private void list(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    var q = ctx.queryParams();
    Set<ItemStatus> statuses = statuses(q.get("status"));
    ItemKind kind = null;
    if (q.get("kind") != null) {
      try {
        kind = ItemKind.of(q.get("kind"));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid(e.getMessage());
      }
    }
    String persona = slug(q.get("persona"), "persona");
    String brand = slug(q.get("brand"), "brand");
    String rule = q.get("rule");
    if (rule != null && !RULE.matcher(rule).matches()) {
      throw ApiException.invalid("rule: expected a rule id such as 'competitor', got '" + rule + "'");
    }
    java.time.Instant olderThan = null;
    if (q.get("olderThan") != null) {
      long seconds = number(q.get("olderThan"), "olderThan", 0, 365L * 24 * 3600);
      olderThan = moderation.clock().instant().minus(Duration.ofSeconds(seconds));
    }
    String order = q.get("order") == null ? "oldest" : q.get("order");
    if (!order.equals("oldest") && !order.equals("newest")) {
      throw ApiException.invalid("order: must be oldest or newest, got '" + order + "'");
    }
    int limit = q.get("limit") == null ? 100 : (int) number(q.get("limit"), "limit", 1, 500);
    List<String> ids = p.platformAdmin() ? null : p.roles().keySet().stream().filter(p::canModerate).toList();
    moderation.list(new ModerationStore.Query(ids, statuses, kind, persona, brand, rule, olderThan,
        order.equals("newest"), limit)).onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
            return;
          }
          Map<String, Future<List<String>>> keep = new HashMap<>();
          List<Future<List<String>>> lookups = new ArrayList<>();
          for (ModerationItem i : ar.result()) {
            lookups.add(keep.computeIfAbsent(i.personaSlug(), this::publicEmails));
          }
          Future.join(lookups).onComplete(done -> {
            JsonArray items = new JsonArray();
            ar.result().forEach(i -> items.add(i.toJson(keep.get(i.personaSlug()).result())));
            Json.send(ctx, 200, new JsonObject().put("items", items));
          });
        });
  }

  private static Set<ItemStatus> statuses(String raw) {
    if (raw == null || raw.equals("pending")) {
      return EnumSet.of(ItemStatus.OPEN, ItemStatus.CLAIMED);
    }
    if (raw.equals("all")) {
      return EnumSet.allOf(ItemStatus.class);
    }
    if (raw.equals("decided")) {
      EnumSet<ItemStatus> s = EnumSet.allOf(ItemStatus.class);
      s.removeIf(ItemStatus::pending);
      return s;
    }
    EnumSet<ItemStatus> out = EnumSet.noneOf(ItemStatus.class);
    for (String part : raw.split(",")) {
      try {
        out.add(ItemStatus.of(part.trim()));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("status: must be pending, decided, all or one or more (comma separated) of "
            + String.join(", ", ItemStatus.names()) + ", got '" + raw + "'");
      }
    }
    return out;
  }

  private static String slug(String raw, String field) {
    if (raw != null && !SLUG.matcher(raw).matches()) {
      throw ApiException.invalid(field + ": expected a slug (a-z, 0-9, '-'), got '" + raw + "'");
    }
    return raw;
  }

  private static long number(String raw, String field, long min, long max) {
    long n;
    try {
      n = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      n = Long.MIN_VALUE;
    }
    if (n < min || n > max) {
      throw ApiException.invalid(field + ": must be a whole number between " + min + " and " + max + ", got '" + raw
          + "'");
    }
    return n;
  }

  // ------------------------------------------------------------------ events (SSE)

  /**
   * {@code GET /api/v1/moderation/events}: {@code text/event-stream} of the caller's brands. Each event
   * is {@code event: item.created|item.claimed|item.unclaimed|item.decided|item.released} with
   * {@code data:} the JSON of {@link ModerationStore#event}. Fed by the event bus address
   * {@value ModerationStore#EVENTS_ADDRESS}, so with a clustered event bus every node's decisions
   * arrive. A comment line is sent every 15 s to keep proxies from closing the stream; a client
   * that does not read is disconnected.
   */
  private void events(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    HttpServerResponse res = ctx.response();
    res.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("Content-Encoding", "identity") // no compression: events must not wait in a gzip buffer
        .putHeader("X-Accel-Buffering", "no");
    res.write("retry: 3000\n: connected\n\n");
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(ModerationStore.EVENTS_ADDRESS, m -> {
      JsonObject e = m.body();
      if (!p.canModerate(e.getString("brandId")) || res.ended() || res.closed()) {
        return;
      }
      if (res.writeQueueFull()) {
        res.reset();
        return;
      }
      res.write("id: " + eventIds.incrementAndGet() + "\nevent: " + e.getString("type") + "\ndata: " + e.encode()
          + "\n\n");
    });
    long ping = vertx.setPeriodic(PING_MILLIS, id -> {
      if (!res.ended() && !res.closed()) {
        res.write(": ping\n\n");
      }
    });
    Runnable cleanup = () -> {
      consumer.unregister();
      vertx.cancelTimer(ping);
    };
    res.closeHandler(v -> cleanup.run());
    res.exceptionHandler(err -> cleanup.run());
  }

  // ------------------------------------------------------------------ settings

  private Future<Brand> brandFor(Principal p, String slug, boolean manage) {
    return brands.findBySlug(slug).compose(b -> {
      if (b.isEmpty() || !p.canRead(b.get().id())) {
        return Future.failedFuture(ApiException.notFound("brand '" + slug + "' not found"));
      }
      if (manage && !p.isOwner(b.get().id())) {
        return Future.failedFuture(ApiException.forbidden("only an owner of brand '" + slug
            + "' may change its moderation settings"));
      }
      return Future.succeededFuture(b.get());
    });
  }

  private void getSettings(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    String slug = ctx.pathParam("brand");
    brandFor(p, slug, false).compose(b -> moderation.settings(b.id()))
        .onComplete(ar -> respond(ctx, ar.map(s -> s.toJson().put("brand", slug))));
  }

  private void putSettings(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    String slug = ctx.pathParam("brand");
    JsonObject body = Bodies.object(ctx);
    for (String field : body.fieldNames()) {
      if (!SETTINGS_FIELDS.contains(field)) {
        throw ApiException.invalid(field + ": unknown field; expected " + String.join(", ", SETTINGS_FIELDS));
      }
    }
    brandFor(p, slug, true).compose(b -> moderation.settings(b.id()).compose(current -> {
      ModerationSettings next;
      try {
        ClaimMode mode = body.containsKey("claiming")
            ? ClaimMode.of(Bodies.requiredString(body, "claiming")) : current.claiming();
        next = new ModerationSettings(mode, intField(body, "slaSeconds", current.slaSeconds()),
            intField(body, "leaseSeconds", current.leaseSeconds()));
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(ApiException.invalid(e.getMessage()));
      }
      return moderation.saveSettings(b.id(), next, p.userId());
    })).onComplete(ar -> respond(ctx, ar.map(s -> s.toJson().put("brand", slug))));
  }

  private static int intField(JsonObject body, String field, int current) {
    if (!body.containsKey(field)) {
      return current;
    }
    Object v = body.getValue(field);
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new IllegalArgumentException(field + ": expected a whole number, got " + Bodies.typeName(v));
    }
    return n.intValue();
  }
}
