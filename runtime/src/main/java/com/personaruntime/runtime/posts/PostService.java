package com.personaruntime.runtime.posts;

import com.personaruntime.composer.KnowledgeHit;
import com.personaruntime.gateway.ModelSpec;
import com.personaruntime.guardrails.Decision;
import com.personaruntime.guardrails.Finding;
import com.personaruntime.personas.Persona;
import com.personaruntime.runtime.catalog.LivePersona;
import com.personaruntime.runtime.catalog.ModelBindings;
import com.personaruntime.runtime.live.ComposerModels;
import com.personaruntime.runtime.provenance.ProvenanceService;
import com.personaruntime.runtime.publish.Channel;
import com.personaruntime.runtime.publish.ChannelStore;
import com.personaruntime.runtime.storage.AuditLog;
import com.personaruntime.runtime.storage.Database;
import com.personaruntime.runtime.storage.Sql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The post studio: drafting, review, scheduling (ARCHITECTURE.md "Post" flow, "Posts and
 * publishing"). Tables of migration V7; every transition is one transaction with its audit entry
 * and, when scheduling, the outbox rows and provenance records it needs.
 *
 * <p>Review rules: a variant with a blocking finding (guard block, a platform limit that cannot be
 * met) cannot be approved; approvals are bound to the SHA-256 of the variant's text, so an edit
 * voids them; the author of a post cannot approve it. A variant needs a person's approval before it
 * can be scheduled when the persona's review policy is {@code always} or the guard flagged it
 * (flagged variants also appear in the moderation queue as items of kind {@code post}); with policy
 * {@code flagged} a clean variant is approved by the policy itself.
 *
 * <p>Brand scoping and roles are the caller's job (look up with {@link #find}, then act).
 */
public final class PostService {
  /** Event bus address of post events: {@code {"type","postId","brandId","status"}}. */
  public static final String EVENTS_ADDRESS = "posts.events";
  /** Longest brief, in characters. */
  public static final int MAX_BRIEF = 4_000;
  /** Longest edited text and comment, in characters. */
  public static final int MAX_TEXT = 70_000;

  private static final String VARIANT_COLUMNS = "id, post_id, brand_id, platform, status, text, text_sha256, verdict, "
      + "findings, blocking, needs_approval, text_length, length_limit, labels, platform_flags, generator, "
      + "moderation_item_id, last_error, published_at, created_at, updated_at";
  private static final String POST_COLUMNS = "id, brand_id, persona_id, persona_slug, persona_version, author_id, "
      + "brief, language, sponsored, scheduled_at, zone, created_at, updated_at";

  private final Database db;
  private final AuditLog audit;
  private final Clock clock;
  private final PlatformProfiles profiles;
  private final PostDrafter drafter;
  private final ComposerModels composers;
  private final ModelBindings bindings;
  private final ProvenanceService provenance;
  private final Supplier<String> publicBaseUrl;

  /**
   * @param bindings      how a persona's model binding becomes a model (the operator's endpoints and keys)
   * @param publicBaseUrl the server's public base URL (for {@code provenanceUrl}), e.g. {@code https://personas.example}
   */
  public PostService(Database db, AuditLog audit, Clock clock, PlatformProfiles profiles, PostDrafter drafter,
      ComposerModels composers, ModelBindings bindings, ProvenanceService provenance,
      Supplier<String> publicBaseUrl) {
    this.db = Objects.requireNonNull(db, "db");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.profiles = Objects.requireNonNull(profiles, "profiles");
    this.drafter = Objects.requireNonNull(drafter, "drafter");
    this.composers = Objects.requireNonNull(composers, "composers");
    this.bindings = Objects.requireNonNull(bindings, "bindings");
    this.provenance = Objects.requireNonNull(provenance, "provenance");
    this.publicBaseUrl = Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
  }

  /** The platform profiles posts are drafted for. */
  public PlatformProfiles profiles() {
    return profiles;
  }

  // ------------------------------------------------------------------ types

  /** An approval of one exact text ({@code current}: it matches the variant's text now). */
  public record Approval(String userId, String textSha256, Instant at, boolean current) {
  }

  /** A comment on a post (or one of its variants: {@code platform} set). */
  public record Comment(String id, String platform, String userId, String body, Instant at) {
  }

  /** One delivery of a variant to a channel (an outbox row). */
  public record Delivery(String id, String channelId, String webhookId, String status, int attempts, Instant dueAt,
                         Integer lastStatus, String lastError, Instant deliveredAt) {
  }

  /** One platform variant. */
  public record Variant(String id, String postId, String brandId, String platform, VariantStatus status, String text,
                        String textSha256, String verdict, String findingsJson, boolean blocking, boolean needsApproval,
                        int length, int limit, List<String> labels, JsonObject platformFlags, JsonObject generator,
                        String moderationItemId, String lastError, Instant publishedAt, Instant createdAt,
                        Instant updatedAt, List<Approval> approvals, List<Delivery> deliveries) {
  }

  /** A post with its variants and comments. */
  public record Post(String id, String brandId, String personaId, String personaSlug, int personaVersion,
                     String authorId, String brief, String language, boolean sponsored, Instant scheduledAt,
                     String zone, Instant createdAt, Instant updatedAt, List<Variant> variants,
                     List<Comment> comments) {
    /** The status derived from the variants. */
    public PostStatus status() {
      return PostStatus.of(variants.stream().map(Variant::status).toList());
    }

    /** The variant of a platform, if drafted. */
    public Optional<Variant> variant(String platform) {
      return variants.stream().filter(v -> v.platform().equals(platform)).findFirst();
    }
  }

  // ------------------------------------------------------------------ drafting

  /**
   * Drafts a post: one variant per platform, written by the persona's model (or the offline
   * composer), labelled, fitted to the platform and checked by the persona's guard.
   *
   * @throws IllegalArgumentException (as a failed future) naming the field: blank or long brief,
   *                                  unknown or repeated platform, language the persona does not speak
   */
  public Future<Post> draft(String authorId, LivePersona lp, String brief, List<String> platforms, boolean sponsored,
      String language) {
    Persona persona = lp.persona();
    try {
      Sql.requireText("brief", brief, MAX_BRIEF);
      if (platforms == null || platforms.isEmpty()) {
        throw new IllegalArgumentException("platforms: must name at least one of " + String.join(", ", profiles.ids()));
      }
      Set<String> seen = new HashSet<>();
      for (String p : platforms) {
        if (profiles.get(p).isEmpty()) {
          throw new IllegalArgumentException("platforms: unknown platform '" + p + "', expected one of "
              + String.join(", ", profiles.ids()));
        }
        if (!seen.add(p)) {
          throw new IllegalArgumentException("platforms: '" + p + "' is named twice");
        }
      }
      if (language != null && !persona.languages().isEmpty() && !persona.languages().contains(language)) {
        throw new IllegalArgumentException("language: persona '" + persona.id() + "' speaks "
            + String.join(", ", persona.languages()) + ", not '" + language + "'");
      }
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    String lang = language != null ? language : persona.defaultLanguage() != null ? persona.defaultLanguage() : "en";
    ModelSpec model = modelFor(persona);
    Future<List<Persona.KnowledgeEntry>> knowledge = composers.get(lp).compose(bundle -> db.vertx()
        .executeBlocking(() -> relevant(persona, bundle.index().search(brief, 3)), false));
    return knowledge.compose(entries -> {
      Future<List<Variant>> chain = Future.succeededFuture(new ArrayList<>());
      String postId = Sql.newId();
      for (String platform : platforms) {
        PlatformProfile profile = profiles.get(platform).orElseThrow();
        chain = chain.compose(list -> draftVariant(lp, model, profile, postId, lang, sponsored, brief, entries)
            .map(v -> {
              list.add(v);
              return list;
            }));
      }
      return chain.compose(variants -> {
        Instant now = Sql.micros(clock.instant());
        Post post = new Post(postId, lp.brandId(), lp.personaId(), lp.slug(), lp.version(), authorId, brief, lang,
            sponsored, null, null, now, now, variants, List.of());
        return db.pool().withTransaction(conn -> insertPost(conn, post)
            .compose(x -> audit.append(conn, authorId, post.brandId(), "post.drafted", "post", postId,
                new JsonObject().put("persona", lp.slug()).put("platforms", new JsonArray(platforms))
                    .put("sponsored", sponsored).put("language", lang).encode())))
            .compose(x -> find(postId).map(Optional::orElseThrow))
            .onSuccess(p -> event("drafted", p));
      });
    });
  }

  private Future<Variant> draftVariant(LivePersona lp, ModelSpec model, PlatformProfile profile, String postId,
      String lang, boolean sponsored, String brief, List<Persona.KnowledgeEntry> knowledge) {
    Persona persona = lp.persona();
    PostLabels labels = PostLabels.of(persona, lang, sponsored);
    int labelLength = profile.length(VariantFitter.assemble("", labels, profile));
    int labelTags = (int) labels.visible().stream().filter(l -> l.startsWith("#")).count();
    return drafter.draft(model, persona, lp.brandName(), profile, lang, sponsored, brief, knowledge,
            profile.maxHashtags() - labelTags, profile.maxLength() - labelLength - 2)
        .map(draft -> {
          VariantFitter.Fitted f = VariantFitter.fit(draft.body(), profile, lp.policy(), labels, lang, sponsored, true);
          return variantOf(postId, lp, profile.id(), f, draft.generator(), null);
        });
  }

  private Variant variantOf(String postId, LivePersona lp, String platform, VariantFitter.Fitted f,
      JsonObject generator, String id) {
    boolean flagged = f.decision() == Decision.FLAG;
    boolean needsApproval = flagged || lp.persona().review().posts() == Persona.Review.Posts.ALWAYS;
    VariantStatus status = f.blocking() ? VariantStatus.DRAFT
        : needsApproval ? VariantStatus.IN_REVIEW : VariantStatus.APPROVED;
    Instant now = Sql.micros(clock.instant());
    return new Variant(id != null ? id : Sql.newId(), postId, lp.brandId(), platform, status, f.text(),
        ProvenanceService.contentSha256(f.text()), f.decision().wire(), findingsJson(f.findings()).encode(),
        f.blocking(), needsApproval || f.blocking(), f.length(), f.limit(), f.labels(), new JsonObject(f.flags()),
        generator, flagged ? Sql.newId() : null, null, null, now, now, List.of(), List.of());
  }

  private Future<Void> insertPost(SqlConnection conn, Post post) {
    Future<Void> f = conn.preparedQuery("INSERT INTO posts (" + POST_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?)")
        .execute(Tuple.from(new Object[] {post.id(), post.brandId(), post.personaId(), post.personaSlug(),
            post.personaVersion(), post.authorId(), post.brief(), post.language(), post.sponsored(), null, null,
            Sql.ts(post.createdAt()), Sql.ts(post.updatedAt())}))
        .mapEmpty();
    for (Variant v : post.variants()) {
      f = f.compose(x -> insertVariant(conn, post, v));
    }
    return f;
  }

  private Future<Void> insertVariant(SqlConnection conn, Post post, Variant v) {
    return conn.preparedQuery("INSERT INTO post_variants (" + VARIANT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .execute(Tuple.from(new Object[] {v.id(), v.postId(), v.brandId(), v.platform(), v.status().wire(), v.text(),
            v.textSha256(), v.verdict(), v.findingsJson(), v.blocking(), v.needsApproval(), v.length(), v.limit(),
            new JsonArray(v.labels()).encode(), v.platformFlags().encode(), v.generator().encode(),
            v.moderationItemId(), null, null, Sql.ts(v.createdAt()), Sql.ts(v.updatedAt())}))
        .compose(x -> v.moderationItemId() == null ? Future.<Void>succeededFuture()
            : insertModerationItem(conn, post.brandId(), post.personaId(), v));
  }

  private Future<Void> insertModerationItem(SqlClient conn, String brandId, String personaId, Variant v) {
    return conn.preparedQuery("INSERT INTO moderation_items (id, brand_id, persona_id, kind, status, decision, content, "
            + "released_text, findings, context, created_at) VALUES (?, ?, ?, 'post', 'open', ?, ?, NULL, ?, ?, ?)")
        .execute(Tuple.from(new Object[] {v.moderationItemId(), brandId, personaId, v.verdict(), v.text(),
            v.findingsJson(), new JsonObject().put("postId", v.postId()).put("variantId", v.id())
                .put("platform", v.platform()).encode(), Sql.ts(clock.instant())}))
        .<Void>mapEmpty()
        .onSuccess(x -> db.vertx().eventBus().publish("moderation.events", new JsonObject().put("type", "created")
            .put("itemId", v.moderationItemId()).put("brandId", brandId).put("kind", "post").put("status", "open")));
  }

  // ------------------------------------------------------------------ reading

  /** The post with this id (of any brand), with its variants, approvals, deliveries and comments. */
  public Future<Optional<Post>> find(String id) {
    return load(db.pool(), id, false);
  }

  private Future<Optional<Post>> load(SqlClient client, String id, boolean lock) {
    return client.preparedQuery("SELECT " + POST_COLUMNS + " FROM posts WHERE id = ?" + (lock ? " FOR UPDATE" : ""))
        .execute(Tuple.of(id))
        .compose(rows -> {
          Optional<Row> row = Sql.first(rows, r -> r);
          if (row.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
          }
          return loadAll(client, List.of(row.get())).map(list -> Optional.of(list.get(0)));
        });
  }

  /**
   * Posts of the given brands (all brands when {@code brandIds} is null), newest first, at most
   * {@code limit}; with a status, only posts whose derived status is that.
   */
  public Future<List<Post>> list(Collection<String> brandIds, PostStatus status, int limit) {
    if (brandIds != null && brandIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    StringBuilder sql = new StringBuilder("SELECT " + POST_COLUMNS + " FROM posts");
    List<Object> args = new ArrayList<>();
    if (brandIds != null) {
      sql.append(" WHERE brand_id IN (").append(String.join(", ", Collections.nCopies(brandIds.size(), "?")))
          .append(")");
      args.addAll(brandIds);
    }
    int max = Math.max(1, Math.min(limit, 200));
    sql.append(" ORDER BY created_at DESC, id FETCH FIRST ").append(status == null ? max : 1000).append(" ROWS ONLY");
    return db.pool().preparedQuery(sql.toString()).execute(Tuple.from(args))
        .compose(rows -> {
          List<Row> list = Sql.list(rows, r -> r);
          return list.isEmpty() ? Future.succeededFuture(List.<Post>of()) : loadAll(db.pool(), list);
        })
        .map(posts -> posts.stream().filter(p -> status == null || p.status() == status).limit(max).toList());
  }

  private Future<List<Post>> loadAll(SqlClient client, List<Row> postRows) {
    List<String> ids = postRows.stream().map(r -> Sql.string(r, "id")).toList();
    String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
    Tuple idArgs = Tuple.from(new ArrayList<Object>(ids));
    Future<List<Row>> variants = client.preparedQuery("SELECT " + VARIANT_COLUMNS + " FROM post_variants WHERE post_id IN ("
        + in + ") ORDER BY created_at, platform").execute(idArgs).map(rs -> Sql.list(rs, r -> r));
    Future<List<Row>> approvals = client.preparedQuery("SELECT a.variant_id, a.user_id, a.text_sha256, a.at FROM "
        + "post_approvals a JOIN post_variants v ON v.id = a.variant_id WHERE v.post_id IN (" + in + ") ORDER BY a.at")
        .execute(idArgs).map(rs -> Sql.list(rs, r -> r));
    Future<List<Row>> deliveries = client.preparedQuery("SELECT id, variant_id, channel_id, webhook_id, status, attempts, "
        + "due_at, last_status, last_error, delivered_at FROM publish_outbox WHERE post_id IN (" + in
        + ") ORDER BY created_at, id").execute(idArgs).map(rs -> Sql.list(rs, r -> r));
    Future<List<Row>> comments = client.preparedQuery("SELECT c.id, c.post_id, c.user_id, c.body, c.at, v.platform "
        + "FROM post_comments c LEFT JOIN post_variants v ON v.id = c.variant_id WHERE c.post_id IN (" + in
        + ") ORDER BY c.at, c.id").execute(idArgs).map(rs -> Sql.list(rs, r -> r));
    return Future.all(variants, approvals, deliveries, comments).map(all -> {
      List<Post> out = new ArrayList<>();
      for (Row p : postRows) {
        String postId = Sql.string(p, "id");
        List<Variant> vs = new ArrayList<>();
        for (Row v : variants.result()) {
          if (!postId.equals(Sql.string(v, "post_id"))) {
            continue;
          }
          String vid = Sql.string(v, "id");
          String sha = Sql.string(v, "text_sha256");
          List<Approval> as = approvals.result().stream().filter(a -> vid.equals(Sql.string(a, "variant_id")))
              .map(a -> new Approval(Sql.string(a, "user_id"), Sql.string(a, "text_sha256"), Sql.instant(a, "at"),
                  sha.equals(Sql.string(a, "text_sha256")))).toList();
          List<Delivery> ds = deliveries.result().stream().filter(d -> vid.equals(Sql.string(d, "variant_id")))
              .map(d -> new Delivery(Sql.string(d, "id"), Sql.string(d, "channel_id"), Sql.string(d, "webhook_id"),
                  Sql.string(d, "status"), Sql.integer(d, "attempts"), Sql.instant(d, "due_at"),
                  Sql.integer(d, "last_status"), Sql.string(d, "last_error"), Sql.instant(d, "delivered_at"))).toList();
          List<String> labels = new ArrayList<>();
          new JsonArray(Sql.string(v, "labels")).forEach(l -> labels.add(String.valueOf(l)));
          vs.add(new Variant(vid, postId, Sql.string(v, "brand_id"), Sql.string(v, "platform"),
              VariantStatus.fromWire(Sql.string(v, "status")), Sql.string(v, "text"), sha, Sql.string(v, "verdict"),
              Sql.string(v, "findings"), Sql.bool(v, "blocking"), Sql.bool(v, "needs_approval"),
              Sql.integer(v, "text_length"), Sql.integer(v, "length_limit"), labels,
              new JsonObject(Sql.string(v, "platform_flags")), new JsonObject(Sql.string(v, "generator")),
              Sql.string(v, "moderation_item_id"), Sql.string(v, "last_error"), Sql.instant(v, "published_at"),
              Sql.instant(v, "created_at"), Sql.instant(v, "updated_at"), as, ds));
        }
        List<Comment> cs = comments.result().stream().filter(c -> postId.equals(Sql.string(c, "post_id")))
            .map(c -> new Comment(Sql.string(c, "id"), Sql.string(c, "platform"), Sql.string(c, "user_id"),
                Sql.string(c, "body"), Sql.instant(c, "at"))).toList();
        out.add(new Post(postId, Sql.string(p, "brand_id"), Sql.string(p, "persona_id"), Sql.string(p, "persona_slug"),
            Sql.integer(p, "persona_version"), Sql.string(p, "author_id"), Sql.string(p, "brief"),
            Sql.string(p, "language"), Sql.bool(p, "sponsored"), Sql.instant(p, "scheduled_at"), Sql.string(p, "zone"),
            Sql.instant(p, "created_at"), Sql.instant(p, "updated_at"), vs, cs));
      }
      return out;
    });
  }

  // ------------------------------------------------------------------ review

  /**
   * Edits a variant's text (a person's edit: labels are placed again, the text is re-checked and
   * never shortened — over the limit it is flagged). Any approval of the old text is void; the
   * variant goes back to review (or straight to approved under policy {@code flagged} when clean).
   */
  public Future<Post> edit(String actorId, LivePersona lp, String postId, String platform, String text) {
    try {
      Sql.requireText("text", text, MAX_TEXT);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return db.pool().withTransaction(conn -> locked(conn, postId).compose(post -> {
      Variant v = variantOrFail(post, platform);
      if (!v.status().editable()) {
        return Future.failedFuture(PostException.conflict("the " + platform + " variant is " + v.status().wire()
            + "; only draft, in_review, approved or rejected variants can be edited (cancel the post first)"));
      }
      PlatformProfile profile = profiles.get(platform).orElseThrow();
      PostLabels labels = PostLabels.of(lp.persona(), post.language(), post.sponsored());
      VariantFitter.Fitted f = VariantFitter.fit(text, profile, lp.policy(), labels, post.language(), post.sponsored(),
          false);
      Variant next = variantOf(postId, lp, platform, f, v.generator().copy().put("editedBy", actorId), v.id());
      String itemId = next.moderationItemId();
      long voided = v.approvals().stream().filter(Approval::current).count();
      Future<Void> item = itemId == null ? Future.succeededFuture() : insertModerationItem(conn, post.brandId(),
          post.personaId(), next);
      return item.compose(x -> conn.preparedQuery("UPDATE post_variants SET status = ?, text = ?, text_sha256 = ?, "
                  + "verdict = ?, findings = ?, blocking = ?, needs_approval = ?, text_length = ?, length_limit = ?, "
                  + "labels = ?, platform_flags = ?, generator = ?, moderation_item_id = ?, updated_at = ? WHERE id = ?")
              .execute(Tuple.from(new Object[] {next.status().wire(), next.text(), next.textSha256(), next.verdict(),
                  next.findingsJson(), next.blocking(), next.needsApproval(), next.length(), next.limit(),
                  new JsonArray(next.labels()).encode(), next.platformFlags().encode(), next.generator().encode(),
                  itemId != null ? itemId : v.moderationItemId(), Sql.ts(clock.instant()), v.id()})))
          .compose(x -> touch(conn, postId))
          .compose(x -> audit.append(conn, actorId, post.brandId(), "post.edited", "post_variant", v.id(),
              new JsonObject().put("postId", postId).put("platform", platform).put("from", v.textSha256())
                  .put("to", next.textSha256()).put("voidedApprovals", voided).put("status", next.status().wire())
                  .encode()));
    })).compose(x -> reload(postId, "edited"));
  }

  /**
   * Approves variants (the named platforms, or every variant awaiting review): records an approval
   * of each exact text and marks them approved; their moderation items are decided too. Refused
   * (nothing changes) when the caller wrote the post, when a variant has a blocking finding, when a
   * variant is past review, or when the caller already approved a variant's current text
   * ({@code CONFLICT}, code {@code alreadyApproved}: one approval per reviewer per text).
   */
  public Future<Post> approve(String actorId, String postId, List<String> platforms) {
    return db.pool().withTransaction(conn -> locked(conn, postId).compose(post -> {
      if (post.authorId().equals(actorId)) {
        return Future.failedFuture(PostException.forbidden("the author of a post cannot approve it: another member "
            + "of the brand must review it").coded("authorApproves"));
      }
      List<Variant> targets = targets(post, platforms, EnumSetOf.REVIEWABLE);
      if (targets.isEmpty()) {
        return Future.failedFuture(PostException.conflict("nothing to approve: no variant of post " + postId
            + " is in draft or in_review"));
      }
      for (Variant v : targets) {
        if (v.blocking()) {
          return Future.failedFuture(PostException.conflict("the " + v.platform() + " variant has a blocking finding ("
              + blockingSummary(v) + "); edit it before it can be approved").coded("blocking", v.platform()));
        }
        if (!EnumSetOf.REVIEWABLE.contains(v.status()) && v.status() != VariantStatus.APPROVED) {
          return Future.failedFuture(PostException.conflict("the " + v.platform() + " variant is "
              + v.status().wire() + " and can no longer be approved"));
        }
        // one approval per reviewer per text: a repeat would only add a second line and audit entry
        if (v.approvals().stream().anyMatch(a -> a.current() && a.userId().equals(actorId))) {
          return Future.failedFuture(PostException.conflict("you have already approved the current text of the "
              + v.platform() + " variant; another approval by you adds nothing (edit the text to review it again)")
              .coded("alreadyApproved", v.platform()));
        }
      }
      Future<Void> f = Future.succeededFuture();
      for (Variant v : targets) {
        f = f.compose(x -> conn.preparedQuery("INSERT INTO post_approvals (id, variant_id, user_id, text_sha256, at) "
                + "VALUES (?, ?, ?, ?, ?)")
            .execute(Tuple.of(Sql.newId(), v.id(), actorId, v.textSha256(), Sql.ts(clock.instant())))
            .compose(r -> conn.preparedQuery("UPDATE post_variants SET status = 'approved', updated_at = ? "
                    + "WHERE id = ? AND text_sha256 = ?")
                .execute(Tuple.of(Sql.ts(clock.instant()), v.id(), v.textSha256())))
            .compose(r -> decideItem(conn, v, actorId, "approved"))
            .compose(r -> audit.append(conn, actorId, post.brandId(), "post.approved", "post_variant", v.id(),
                new JsonObject().put("postId", postId).put("platform", v.platform())
                    .put("textSha256", v.textSha256()).encode())));
      }
      return f.compose(x -> touch(conn, postId));
    })).compose(x -> reload(postId, "approved"));
  }

  /** Rejects variants (named platforms or every one not yet scheduled), with an optional reason kept as a comment. */
  public Future<Post> reject(String actorId, String postId, List<String> platforms, String reason) {
    return db.pool().withTransaction(conn -> locked(conn, postId).compose(post -> {
      Set<VariantStatus> rejectable = Set.of(VariantStatus.DRAFT, VariantStatus.IN_REVIEW, VariantStatus.APPROVED);
      List<Variant> targets = targets(post, platforms, rejectable);
      if (targets.isEmpty()) {
        return Future.failedFuture(PostException.conflict("nothing to reject: no variant of post " + postId
            + " is in draft, in_review or approved"));
      }
      for (Variant v : targets) {
        if (!rejectable.contains(v.status())) {
          return Future.failedFuture(PostException.conflict("the " + v.platform() + " variant is "
              + v.status().wire() + " and can no longer be rejected (cancel the post instead)"));
        }
      }
      Future<Void> f = Future.succeededFuture();
      for (Variant v : targets) {
        f = f.compose(x -> conn.preparedQuery("UPDATE post_variants SET status = 'rejected', updated_at = ? WHERE id = ?")
                .execute(Tuple.of(Sql.ts(clock.instant()), v.id())))
            .compose(r -> decideItem(conn, v, actorId, "rejected"))
            .compose(r -> reason == null ? Future.succeededFuture() : insertComment(conn, postId, v.id(), actorId,
                reason))
            .compose(r -> audit.append(conn, actorId, post.brandId(), "post.rejected", "post_variant", v.id(),
                new JsonObject().put("postId", postId).put("platform", v.platform()).put("reason", reason).encode()));
      }
      return f.compose(x -> touch(conn, postId));
    })).compose(x -> reload(postId, "rejected"));
  }

  /** Adds a comment to a post, or to one variant when {@code platform} is given. */
  public Future<Post> comment(String actorId, String postId, String platform, String body) {
    try {
      Sql.requireText("body", body, 4_000);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return db.pool().withTransaction(conn -> locked(conn, postId).compose(post -> {
      String variantId = platform == null ? null : variantOrFail(post, platform).id();
      return insertComment(conn, postId, variantId, actorId, body)
          .compose(x -> audit.append(conn, actorId, post.brandId(), "post.commented", "post", postId,
              new JsonObject().put("platform", platform).encode()));
    })).compose(x -> reload(postId, "commented"));
  }

  private Future<Void> insertComment(SqlClient conn, String postId, String variantId, String actorId, String body) {
    return conn.preparedQuery("INSERT INTO post_comments (id, post_id, variant_id, user_id, body, at) VALUES (?, ?, ?, ?,"
            + " ?, ?)")
        .execute(Tuple.of(Sql.newId(), postId, variantId, actorId, body, Sql.ts(clock.instant())))
        .mapEmpty();
  }

  private Future<Void> decideItem(SqlClient conn, Variant v, String actorId, String status) {
    if (v.moderationItemId() == null) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery("UPDATE moderation_items SET status = ?, decided_by = ?, decided_at = ?, final_text = ? "
            + "WHERE id = ? AND status IN ('open', 'claimed')")
        .execute(Tuple.of(status, actorId, Sql.ts(clock.instant()), status.equals("approved") ? v.text() : null,
            v.moderationItemId()))
        .map(r -> {
          if (r.rowCount() > 0) {
            db.vertx().eventBus().publish("moderation.events", new JsonObject().put("type", "decided")
                .put("itemId", v.moderationItemId()).put("brandId", v.brandId()).put("status", status)
                .put("decision", status.equals("approved") ? "approve" : "reject").put("by", actorId));
          }
          return null;
        });
  }

  // ------------------------------------------------------------------ scheduling

  /**
   * Schedules approved variants (the named platforms, or every approved one) for {@code at}: in one
   * transaction the variants become {@code scheduled}, an outbox row is written per variant and
   * matching channel (its {@code webhook-id} and body fixed now), and each variant's provenance
   * record is signed and stored. {@code at} in the past means "now".
   *
   * <p>Refused when a target variant is not approved, when an approval it needs is missing or was
   * given to another text (an edit voids it), or when the brand has no active channel for a
   * platform.
   */
  public Future<Post> schedule(String actorId, String postId, Instant at, String zone, List<String> platforms) {
    Instant now = clock.instant();
    Instant due = Sql.micros(at.isBefore(now) ? now : at);
    return db.pool().withTransaction(conn -> locked(conn, postId).compose(post -> {
      Set<VariantStatus> schedulable = Set.of(VariantStatus.APPROVED);
      List<Variant> targets = targets(post, platforms, Set.of(VariantStatus.APPROVED, VariantStatus.DRAFT,
          VariantStatus.IN_REVIEW));
      if (targets.isEmpty()) {
        return Future.failedFuture(PostException.conflict("nothing to schedule: no variant of post " + postId
            + " is approved").coded("nothingToSchedule"));
      }
      for (Variant v : targets) {
        if (!schedulable.contains(v.status())) {
          return Future.failedFuture(PostException.conflict("the " + v.platform() + " variant is " + v.status().wire()
              + "; approve or reject it first (only approved variants can be scheduled)")
              .coded("variantNotApproved", v.platform(), v.status().wire()));
        }
        if (v.needsApproval() && v.approvals().stream().noneMatch(a -> a.current()
            && !a.userId().equals(post.authorId()))) {
          return Future.failedFuture(PostException.conflict("the " + v.platform() + " variant needs an approval of "
              + "its current text by someone other than the author").coded("needsApproval", v.platform()));
        }
      }
      return ChannelStore.active(conn, post.brandId()).compose(channels -> {
        Map<Variant, List<Channel>> plan = new LinkedHashMap<>();
        for (Variant v : targets) {
          List<Channel> cs = channels.stream().filter(c -> c.receives(v.platform())).toList();
          if (cs.isEmpty()) {
            return Future.failedFuture(PostException.conflict("brand has no active channel for " + v.platform()
                + ": add one with POST /api/v1/brands/{slug}/channels").coded("noChannel", v.platform()));
          }
          plan.put(v, cs);
        }
        Future<Void> f = Future.succeededFuture();
        for (Map.Entry<Variant, List<Channel>> e : plan.entrySet()) {
          Variant v = e.getKey();
          f = f.compose(x -> enqueue(conn, post, v, e.getValue(), due, actorId));
        }
        return f.compose(x -> conn.preparedQuery("UPDATE posts SET scheduled_at = ?, zone = ?, updated_at = ? WHERE id = ?")
                .execute(Tuple.of(Sql.ts(due), zone, Sql.ts(clock.instant()), postId)))
            .compose(x -> audit.append(conn, actorId, post.brandId(), "post.scheduled", "post", postId,
                new JsonObject().put("at", due.toString()).put("zone", zone)
                    .put("platforms", new JsonArray(targets.stream().map(Variant::platform).toList())).encode()));
      });
    })).compose(x -> reload(postId, "scheduled"));
  }

  private Future<Void> enqueue(SqlConnection conn, Post post, Variant v, List<Channel> channels, Instant due,
      String actorId) {
    String provenanceUrl = publicBaseUrl.get() + "/api/v1/provenance/" + v.id();
    JsonObject record = provenanceRecord(post, v, due);
    Future<Void> f = provenance.store(conn, v.id(), record).mapEmpty();
    PlatformProfile profile = profiles.get(v.platform()).orElseThrow();
    for (Channel c : channels) {
      String outboxId = Sql.newId();
      String webhookId = "msg_" + outboxId.replace("-", "");
      JsonObject data = new JsonObject()
          .put("postId", post.id())
          .put("variantId", v.id())
          .put("platform", v.platform())
          .put("text", v.text())
          .put("disclosures", new JsonObject()
              .put("aiGenerated", true)
              .put("sponsored", post.sponsored())
              .put("labels", new JsonArray(v.labels()))
              .put("platformFlags", v.platformFlags()))
          .put("language", post.language())
          .put("persona", post.personaSlug())
          .put("contentSha256", v.textSha256())
          .put("provenanceUrl", provenanceUrl);
      String platformText = profile.platformText(v.text());
      if (!platformText.equals(v.text())) {
        data.put("platformText", platformText);
      }
      JsonObject body = new JsonObject().put("type", "post.published").put("timestamp", due.toString()).put("data", data);
      f = f.compose(x -> conn.preparedQuery("INSERT INTO publish_outbox (id, brand_id, post_id, variant_id, channel_id, "
              + "webhook_id, body, status, due_at, attempts, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, 0, ?)")
          .execute(Tuple.from(new Object[] {outboxId, post.brandId(), post.id(), v.id(), c.id(), webhookId,
              body.encode(), Sql.ts(due), Sql.ts(clock.instant())}))
          .mapEmpty());
    }
    return f.compose(x -> conn.preparedQuery("UPDATE post_variants SET status = 'scheduled', updated_at = ? "
            + "WHERE id = ? AND status = 'approved' AND text_sha256 = ?")
        .execute(Tuple.of(Sql.ts(clock.instant()), v.id(), v.textSha256())))
        .compose(r -> r.rowCount() == 1 ? Future.<Void>succeededFuture()
            : Future.failedFuture(PostException.conflict("the " + v.platform() + " variant changed meanwhile; try again")));
  }

  /** The provenance record of a variant (REFERENCE.md "Provenance of AI text": the fields worth signing). */
  JsonObject provenanceRecord(Post post, Variant v, Instant due) {
    JsonArray approvals = new JsonArray();
    for (Approval a : v.approvals()) {
      if (a.current()) {
        approvals.add(new JsonObject().put("by", a.userId()).put("at", a.at().toString())
            .put("contentSha256", a.textSha256()));
      }
    }
    JsonArray verdicts = new JsonArray();
    new JsonArray(v.findingsJson()).forEach(o -> {
      JsonObject f = (JsonObject) o;
      verdicts.add(new JsonObject().put("rule", f.getString("rule")).put("action", f.getString("action")));
    });
    return new JsonObject()
        .put("schema", ProvenanceService.SCHEMA)
        .put("postId", post.id())
        .put("variantId", v.id())
        .put("platform", v.platform())
        .put("createdAt", v.createdAt().toString())
        .put("scheduledFor", due.toString())
        .put("signedAt", Sql.micros(clock.instant()).toString())
        .put("contentSha256", v.textSha256())
        .put("contentHashAlgorithm", "SHA-256 over the UTF-8 bytes of the NFC-normalised text")
        .put("digitalSourceType", ProvenanceService.DIGITAL_SOURCE_TYPE)
        .put("generator", new JsonObject().put("provider", v.generator().getString("provider"))
            .put("model", v.generator().getString("model")).put("route", v.generator().getString("route")))
        .put("persona", new JsonObject().put("slug", post.personaSlug()).put("version", post.personaVersion()))
        .put("brandId", post.brandId())
        .put("policyVersion", post.personaSlug() + "@" + post.personaVersion())
        .put("guardrails", new JsonObject().put("decision", v.verdict()).put("findings", verdicts))
        .put("disclosure", new JsonObject().put("aiGenerated", true).put("sponsored", post.sponsored())
            .put("visibleLabels", new JsonArray(v.labels())).put("platformFlags", v.platformFlags())
            .put("language", post.language()))
        .put("approvals", approvals)
        .put("aigc", new JsonObject()
            .put("Label", "1")
            .put("ContentProducer", "persona-runtime:" + post.personaSlug())
            .put("ProduceID", v.id())
            .put("ReservedCode1", v.textSha256())
            .put("ContentPropagator", post.brandId())
            .put("PropagateID", post.id())
            .put("ReservedCode2", ""));
  }

  /** Cancels a post: variants not yet published become cancelled, pending deliveries too. */
  public Future<Post> cancel(String actorId, String postId) {
    return db.pool().withTransaction(conn -> locked(conn, postId).compose(post -> {
      Set<VariantStatus> done = Set.of(VariantStatus.PUBLISHED, VariantStatus.FAILED, VariantStatus.CANCELLED);
      List<Variant> open = post.variants().stream().filter(v -> !done.contains(v.status())).toList();
      if (open.isEmpty()) {
        return Future.failedFuture(PostException.conflict("post " + postId + " is " + post.status().wire()
            + "; nothing left to cancel"));
      }
      Future<Void> f = Future.succeededFuture();
      for (Variant v : open) {
        f = f.compose(x -> conn.preparedQuery("UPDATE post_variants SET status = 'cancelled', updated_at = ? "
                + "WHERE id = ?").execute(Tuple.of(Sql.ts(clock.instant()), v.id())))
            .compose(x -> conn.preparedQuery("UPDATE publish_outbox SET status = 'cancelled', last_error = ? "
                + "WHERE variant_id = ? AND status = 'pending'").execute(Tuple.of("cancelled by " + actorId, v.id())))
            .compose(x -> decideItem(conn, v, actorId, "rejected"))
            .mapEmpty();
      }
      return f.compose(x -> touch(conn, postId))
          .compose(x -> audit.append(conn, actorId, post.brandId(), "post.cancelled", "post", postId,
              new JsonObject().put("platforms", new JsonArray(open.stream().map(Variant::platform).toList())).encode()));
    })).compose(x -> reload(postId, "cancelled"));
  }

  // ------------------------------------------------------------------ helpers

  private Future<Post> locked(SqlConnection conn, String postId) {
    return load(conn, postId, true).compose(p -> p.isPresent() ? Future.succeededFuture(p.get())
        : Future.failedFuture(PostException.notFound("post '" + postId + "' not found")));
  }

  private Future<Void> touch(SqlClient conn, String postId) {
    return conn.preparedQuery("UPDATE posts SET updated_at = ? WHERE id = ?")
        .execute(Tuple.of(Sql.ts(clock.instant()), postId)).mapEmpty();
  }

  private Future<Post> reload(String postId, String type) {
    return find(postId).map(Optional::orElseThrow).onSuccess(p -> event(type, p));
  }

  private void event(String type, Post p) {
    db.vertx().eventBus().publish(EVENTS_ADDRESS, new JsonObject().put("type", type).put("postId", p.id())
        .put("brandId", p.brandId()).put("status", p.status().wire()));
  }

  private static Variant variantOrFail(Post post, String platform) {
    return post.variant(platform).orElseThrow(() -> PostException.notFound("post " + post.id() + " has no "
        + platform + " variant (it has " + post.variants().stream().map(Variant::platform)
        .collect(Collectors.joining(", ")) + ")"));
  }

  private static List<Variant> targets(Post post, List<String> platforms, Set<VariantStatus> byDefault) {
    if (platforms == null || platforms.isEmpty()) {
      return post.variants().stream().filter(v -> byDefault.contains(v.status())).toList();
    }
    List<Variant> out = new ArrayList<>();
    for (String p : platforms) {
      out.add(variantOrFail(post, p));
    }
    return out;
  }

  private static String blockingSummary(Variant v) {
    List<String> parts = new ArrayList<>();
    new JsonArray(v.findingsJson()).forEach(o -> {
      JsonObject f = (JsonObject) o;
      if ("block".equals(f.getString("action")) || (f.getString("rule", "").startsWith("platform.")
          && "flag".equals(f.getString("action")))) {
        parts.add(f.getString("rule") + ": " + f.getString("message"));
      }
    });
    return String.join("; ", parts);
  }

  private ModelSpec modelFor(Persona persona) {
    try {
      return bindings.resolve(persona);
    } catch (IllegalArgumentException e) {
      // a binding the server refuses (unknown endpoint, key variable not allowed): the composer drafts
      return null;
    }
  }

  private static List<Persona.KnowledgeEntry> relevant(Persona persona, List<KnowledgeHit> hits) {
    List<Persona.KnowledgeEntry> out = new ArrayList<>();
    for (KnowledgeHit h : hits) {
      persona.knowledge().stream().filter(k -> k.id().equals(h.knowledge().id())).findFirst().ifPresent(out::add);
    }
    return out;
  }

  /** Findings as the API shows them: {@code [{"rule","severity","action","start","end","message"}]}. */
  public static JsonArray findingsJson(List<Finding> findings) {
    JsonArray out = new JsonArray();
    for (Finding f : findings) {
      out.add(new JsonObject().put("rule", f.ruleId()).put("severity", f.severity().wire())
          .put("action", f.action().wire()).put("start", f.start()).put("end", f.end()).put("message", f.message()));
    }
    return out;
  }

  /** Status sets used by the review operations. */
  private static final class EnumSetOf {
    static final Set<VariantStatus> REVIEWABLE = Set.of(VariantStatus.DRAFT, VariantStatus.IN_REVIEW);
  }
}
