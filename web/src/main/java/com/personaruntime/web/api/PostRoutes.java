package com.personaruntime.web.api;

import com.personaruntime.runtime.auth.Principal;
import com.personaruntime.runtime.catalog.PersonaCatalog;
import com.personaruntime.runtime.posts.PlatformProfile;
import com.personaruntime.runtime.posts.PostException;
import com.personaruntime.runtime.posts.PostService;
import com.personaruntime.runtime.posts.PostService.Post;
import com.personaruntime.runtime.posts.PostService.Variant;
import com.personaruntime.runtime.posts.PostStatus;
import com.personaruntime.runtime.posts.VariantStatus;
import com.personaruntime.runtime.storage.Brand;
import com.personaruntime.runtime.storage.BrandRepository;
import com.personaruntime.web.http.ApiException;
import com.personaruntime.web.http.Auth;
import com.personaruntime.web.http.Bodies;
import com.personaruntime.web.http.FieldProblems;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Posts: drafting, review, scheduling ({@link PostService}). Routes (ARCHITECTURE.md "Posts and
 * publishing"):
 * <ul>
 *   <li>{@code POST /api/v1/posts} {@code {"persona","brief","platforms":[...],"sponsored":bool,"language"?}}
 *       -> 201 the post;</li>
 *   <li>{@code GET /api/v1/posts[?status=&limit=]}, {@code GET /api/v1/posts/{id}};</li>
 *   <li>{@code PUT /api/v1/posts/{id}/variants/{platform}} {@code {"text"}}: edit (re-checked, voids approvals);</li>
 *   <li>{@code POST /api/v1/posts/{id}/approve}, {@code .../reject} ({@code {"platforms"?, "reason"?}}),
 *       {@code .../comments} ({@code {"body","platform"?}}), {@code .../schedule}
 *       ({@code {"at","zone"?,"platforms"?}}), {@code .../publish} (now), and the same per variant under
 *       {@code /api/v1/posts/{id}/variants/{platform}/...};</li>
 *   <li>{@code DELETE /api/v1/posts/{id}}: cancel;</li>
 *   <li>{@code GET /api/v1/posts/platforms}: the platform profiles.</li>
 * </ul>
 * Roles: owners and editors draft, edit, schedule and cancel; every member (moderators too) may
 * approve, reject and comment; the author never approves their own post (403). A post of a brand
 * the caller does not belong to answers 404 like an unknown id.
 */
public final class PostRoutes {
  private static final Set<String> CREATE_FIELDS = Set.of("persona", "brief", "platforms", "sponsored", "language");

  private final PostService posts;
  private final PersonaCatalog catalog;
  private final BrandRepository brands;
  private final Supplier<String> publicBaseUrl;

  public PostRoutes(PostService posts, PersonaCatalog catalog, BrandRepository brands, Supplier<String> publicBaseUrl) {
    this.posts = posts;
    this.catalog = catalog;
    this.brands = brands;
    this.publicBaseUrl = publicBaseUrl;
  }

  public void mount(Router router) {
    router.get("/api/v1/posts/platforms").handler(this::platforms);
    router.post("/api/v1/posts").handler(this::create);
    router.get("/api/v1/posts").handler(this::list);
    router.get("/api/v1/posts/:id").handler(this::get);
    router.delete("/api/v1/posts/:id").handler(this::cancel);
    router.put("/api/v1/posts/:id/variants/:platform").handler(this::edit);
    for (String prefix : List.of("/api/v1/posts/:id", "/api/v1/posts/:id/variants/:platform")) {
      router.post(prefix + "/approve").handler(this::approve);
      router.post(prefix + "/reject").handler(this::reject);
      router.post(prefix + "/comments").handler(this::comment);
      router.post(prefix + "/schedule").handler(this::schedule);
      router.post(prefix + "/publish").handler(this::publishNow);
    }
  }

  private void platforms(RoutingContext ctx) {
    JsonArray out = new JsonArray();
    for (PlatformProfile p : posts.profiles().all()) {
      out.add(new JsonObject().put("id", p.id()).put("name", p.name()).put("counting", p.counting().wire())
          .put("maxLength", p.maxLength()).put("maxHashtags", p.maxHashtags()).put("maxLinks", p.maxLinks())
          .put("escape", p.escape()).put("linksClickable", p.linksClickable())
          .put("aiFlags", new JsonObject(p.aiFlags())).put("sponsoredFlags", new JsonObject(p.sponsoredFlags()))
          .put("source", p.source()));
    }
    Json.send(ctx, 200, new JsonObject().put("items", out));
  }

  private void create(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    for (String f : body.fieldNames()) {
      if (!CREATE_FIELDS.contains(f)) {
        throw ApiException.invalid(f + ": unknown field; expected persona, brief, platforms, sponsored, language");
      }
    }
    String persona = Bodies.requiredString(body, "persona");
    String brief = Bodies.requiredString(body, "brief");
    if (brief.length() > PostService.MAX_BRIEF) {
      throw ApiException.invalid("brief: must be at most " + PostService.MAX_BRIEF + " characters, got "
          + brief.length());
    }
    List<String> platforms = stringList(body, "platforms", true);
    boolean sponsored = Bodies.optionalBoolean(body, "sponsored", false);
    String language = Bodies.optionalString(body, "language");
    catalog.liveFor(p, persona)
        .compose(lp -> {
          if (!p.canEdit(lp.brandId())) {
            return Future.failedFuture(ApiException.forbidden("your role in the persona's brand may not draft posts "
                + "(owner or editor needed)"));
          }
          return posts.draft(p.userId(), lp, brief, platforms, sponsored, language);
        })
        .compose(this::json)
        .onComplete(ar -> respond(ctx, 201, ar));
  }

  private void list(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    String rawStatus = ctx.queryParams().get("status");
    PostStatus status;
    try {
      status = rawStatus == null ? null : PostStatus.fromWire(rawStatus);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(e.getMessage());
    }
    int limit = 50;
    String rawLimit = ctx.queryParams().get("limit");
    if (rawLimit != null) {
      try {
        limit = Integer.parseInt(rawLimit);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > 200) {
        throw ApiException.invalid("limit: must be a whole number between 1 and 200, got '" + rawLimit + "'");
      }
    }
    List<String> brandIds = p.platformAdmin() ? null : new ArrayList<>(p.roles().keySet());
    posts.list(brandIds, status, limit)
        .compose(list -> {
          List<Future<JsonObject>> all = list.stream().map(this::json).toList();
          return Future.all(all).map(x -> {
            JsonArray items = new JsonArray();
            all.forEach(f -> items.add(f.result()));
            return new JsonObject().put("items", items);
          });
        })
        .onComplete(ar -> respond(ctx, 200, ar));
  }

  private void get(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    visible(p, ctx.pathParam("id")).compose(this::json).onComplete(ar -> respond(ctx, 200, ar));
  }

  private void cancel(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    editable(p, ctx.pathParam("id")).compose(post -> posts.cancel(p.userId(), post.id()))
        .compose(this::json).onComplete(ar -> respond(ctx, 200, ar));
  }

  private void edit(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    String text = Bodies.requiredString(body, "text");
    if (text.length() > PostService.MAX_TEXT) {
      throw ApiException.invalid("text: must be at most " + PostService.MAX_TEXT + " characters");
    }
    String platform = ctx.pathParam("platform");
    editable(p, ctx.pathParam("id"))
        .compose(post -> catalog.liveFor(p, post.personaId())
            .recover(err -> Future.failedFuture(ApiException.conflict("persona '" + post.personaSlug()
                + "' is no longer published: its guard cannot check the edit")))
            .compose(lp -> posts.edit(p.userId(), lp, post.id(), platform, text)))
        .compose(this::json).onComplete(ar -> respond(ctx, 200, ar));
  }

  private void approve(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    JsonObject body = optionalBody(ctx);
    List<String> platforms = platformsOf(ctx, body);
    String comment = Bodies.optionalString(body, "comment");
    visible(p, ctx.pathParam("id"))
        .compose(post -> posts.approve(p.userId(), post.id(), platforms))
        .compose(post -> comment == null || comment.isBlank() ? Future.succeededFuture(post)
            : posts.comment(p.userId(), post.id(), platforms == null || platforms.size() != 1 ? null : platforms.get(0),
                comment))
        .compose(this::json).onComplete(ar -> respond(ctx, 200, ar));
  }

  private void reject(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    JsonObject body = optionalBody(ctx);
    List<String> platforms = platformsOf(ctx, body);
    String reason = Bodies.optionalString(body, "reason");
    if (reason != null && reason.length() > 4000) {
      throw ApiException.invalid("reason: must be at most 4000 characters");
    }
    visible(p, ctx.pathParam("id"))
        .compose(post -> posts.reject(p.userId(), post.id(), platforms, reason == null || reason.isBlank() ? null
            : reason))
        .compose(this::json).onComplete(ar -> respond(ctx, 200, ar));
  }

  private void comment(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    String text = Bodies.requiredString(body, "body");
    String platform = ctx.pathParam("platform") != null ? ctx.pathParam("platform")
        : Bodies.optionalString(body, "platform");
    visible(p, ctx.pathParam("id"))
        .compose(post -> posts.comment(p.userId(), post.id(), platform, text))
        .compose(this::json).onComplete(ar -> respond(ctx, 201, ar));
  }

  private void schedule(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    // every problem at once ("tomorrow" in zone "Mars/Base": both named), not the first only
    FieldProblems problems = new FieldProblems();
    String zoneName = problems.read(() -> Bodies.optionalString(body, "zone"), null);
    ZoneId zone = problems.has("zone") ? null : problems.read(() -> {
      try {
        return zoneName == null || zoneName.isBlank() ? ZoneId.of("UTC") : ZoneId.of(zoneName.strip());
      } catch (DateTimeException e) {
        throw ApiException.invalid("zone: not an IANA time zone such as Asia/Ho_Chi_Minh, got '" + zoneName + "'");
      }
    }, null);
    String atText = problems.read(() -> Bodies.requiredString(body, "at"), null);
    // a wrong zone still lets a wrong "at" be named (read in UTC: only its form is checked then)
    Instant at = atText == null ? null
        : problems.read(() -> resolveAt(atText, zone == null ? ZoneId.of("UTC") : zone), null);
    List<String> platforms = problems.read(() -> platformsOf(ctx, body), null);
    problems.throwIfAny();
    doSchedule(ctx, p, at, zone.getId(), platforms);
  }

  private void publishNow(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    JsonObject body = optionalBody(ctx);
    doSchedule(ctx, p, Instant.EPOCH, null, platformsOf(ctx, body));
  }

  private void doSchedule(RoutingContext ctx, Principal p, Instant at, String zone, List<String> platforms) {
    editable(p, ctx.pathParam("id"))
        .compose(post -> posts.schedule(p.userId(), post.id(), at, zone, platforms))
        .compose(this::json).onComplete(ar -> respond(ctx, 200, ar));
  }

  /**
   * The instant of a schedule: an ISO-8601 instant or date-time with offset ({@code 2026-03-08T07:30:00Z},
   * {@code 2026-03-08T14:30+07:00}) as given; a local date-time without offset
   * ({@code 2026-03-08T02:30}) in {@code zone}. A local time that falls in a DST gap moves forward by
   * the gap's length (02:30 on a spring-forward night in New York is 03:30 EDT); in an overlap the
   * earlier offset is used. Public for tests of the DST rules.
   */
  public static Instant resolveAt(String at, ZoneId zone) {
    String s = at.strip();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      // not with an offset
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      // not an instant
    }
    try {
      return ZonedDateTime.ofLocal(LocalDateTime.parse(s), zone, null).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.invalid("at: not an ISO-8601 date-time such as 2026-12-24T19:00:00+07:00 or "
          + "2026-12-24T19:00 (with zone), got '" + at + "'");
    }
  }

  // ------------------------------------------------------------------ helpers

  private Future<Post> visible(Principal p, String id) {
    return posts.find(id).compose(found -> found.isPresent() && p.canRead(found.get().brandId())
        ? Future.succeededFuture(found.get())
        : Future.failedFuture(ApiException.notFound("post '" + id + "' not found")));
  }

  private Future<Post> editable(Principal p, String id) {
    return visible(p, id).compose(post -> p.canEdit(post.brandId()) ? Future.succeededFuture(post)
        : Future.failedFuture(ApiException.forbidden("your role in the post's brand may not change or schedule posts "
            + "(owner or editor needed)")));
  }

  private static JsonObject optionalBody(RoutingContext ctx) {
    String raw = ctx.body() == null ? null : ctx.body().asString();
    return raw == null || raw.isBlank() ? new JsonObject() : Bodies.object(ctx);
  }

  private static List<String> platformsOf(RoutingContext ctx, JsonObject body) {
    String one = ctx.pathParam("platform");
    if (one != null) {
      return List.of(one);
    }
    return stringList(body, "platforms", false);
  }

  private static List<String> stringList(JsonObject body, String field, boolean required) {
    Object v = body.getValue(field);
    if (v == null) {
      if (required) {
        throw ApiException.invalid(field + ": is required (a list such as [\"instagram\", \"x\"])");
      }
      return null;
    }
    if (!(v instanceof JsonArray a)) {
      throw ApiException.invalid(field + ": must be a list of strings, got " + Bodies.typeName(v));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!(a.getValue(i) instanceof String s) || s.isBlank()) {
        throw ApiException.invalid(field + "[" + i + "]: must be a non-blank string");
      }
      out.add(s.strip().toLowerCase(java.util.Locale.ROOT));
    }
    return out;
  }

  private Future<JsonObject> json(Post post) {
    return brands.findById(post.brandId()).map(b -> postJson(post, b.map(Brand::slug).orElse(null),
        publicBaseUrl.get()));
  }

  /** A post as the API shows it. */
  static JsonObject postJson(Post post, String brandSlug, String baseUrl) {
    JsonArray variants = new JsonArray();
    for (Variant v : post.variants()) {
      JsonArray approvals = new JsonArray();
      v.approvals().forEach(a -> approvals.add(new JsonObject().put("by", a.userId()).put("at", a.at().toString())
          .put("textSha256", a.textSha256()).put("current", a.current())));
      JsonArray deliveries = new JsonArray();
      v.deliveries().forEach(d -> deliveries.add(new JsonObject().put("id", d.id()).put("channelId", d.channelId())
          .put("webhookId", d.webhookId()).put("status", d.status()).put("attempts", d.attempts())
          .put("nextAttemptAt", d.status().equals("pending") ? d.dueAt().toString() : null)
          .put("lastStatus", d.lastStatus()).put("lastError", d.lastError())
          .put("deliveredAt", d.deliveredAt() == null ? null : d.deliveredAt().toString())));
      boolean out = v.status() == VariantStatus.PUBLISHING || v.status() == VariantStatus.PUBLISHED;
      variants.add(new JsonObject()
          .put("id", v.id())
          .put("platform", v.platform())
          .put("status", v.status().wire())
          .put("text", v.text())
          .put("textSha256", v.textSha256())
          .put("verdict", v.verdict())
          .put("findings", new JsonArray(v.findingsJson()))
          .put("blocking", v.blocking())
          .put("needsApproval", v.needsApproval())
          .put("length", v.length())
          .put("limit", v.limit())
          .put("labels", new JsonArray(v.labels()))
          .put("platformFlags", v.platformFlags())
          .put("generator", v.generator())
          .put("moderationItemId", v.moderationItemId())
          .put("approvals", approvals)
          .put("deliveries", deliveries)
          .put("lastError", v.lastError())
          .put("publishedAt", v.publishedAt() == null ? null : v.publishedAt().toString())
          .put("provenanceUrl", out ? baseUrl + "/api/v1/provenance/" + v.id() : null));
    }
    JsonArray comments = new JsonArray();
    post.comments().forEach(c -> comments.add(new JsonObject().put("id", c.id()).put("platform", c.platform())
        .put("by", c.userId()).put("body", c.body()).put("at", c.at().toString())));
    String local = null;
    if (post.scheduledAt() != null) {
      ZoneId z = post.zone() == null ? ZoneId.of("UTC") : ZoneId.of(post.zone());
      local = post.scheduledAt().atZone(z).toOffsetDateTime().toString();
    }
    return new JsonObject()
        .put("id", post.id())
        .put("status", post.status().wire())
        .put("persona", post.personaSlug())
        .put("personaVersion", post.personaVersion())
        .put("brand", brandSlug)
        .put("brief", post.brief())
        .put("language", post.language())
        .put("sponsored", post.sponsored())
        .put("authorId", post.authorId())
        .put("scheduledAt", post.scheduledAt() == null ? null : post.scheduledAt().toString())
        .put("zone", post.zone())
        .put("scheduledLocal", local)
        .put("createdAt", post.createdAt().toString())
        .put("updatedAt", post.updatedAt().toString())
        .put("variants", variants)
        .put("comments", comments);
  }

  private static void respond(RoutingContext ctx, int status, AsyncResult<JsonObject> ar) {
    if (ar.failed()) {
      ctx.fail(mapped(ar.cause()));
      return;
    }
    Json.send(ctx, status, ar.result());
  }

  static Throwable mapped(Throwable t) {
    t = CatalogErrors.map(t);
    if (t instanceof PostException pe) {
      return switch (pe.kind()) {
        case FORBIDDEN -> ApiException.forbidden(pe.getMessage());
        case CONFLICT -> ApiException.conflict(pe.getMessage());
        case NOT_FOUND -> ApiException.notFound(pe.getMessage());
      };
    }
    if (t instanceof IllegalArgumentException) {
      return ApiException.invalid(t.getMessage());
    }
    return t;
  }
}
