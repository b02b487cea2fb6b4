package com.personaruntime.web.api;

import com.personaruntime.runtime.auth.Principal;
import com.personaruntime.runtime.catalog.PersonaCatalog;
import com.personaruntime.runtime.insights.InsightsService;
import com.personaruntime.runtime.insights.InsightsStore;
import com.personaruntime.runtime.insights.Sentiment;
import com.personaruntime.runtime.storage.BrandRepository;
import com.personaruntime.web.http.ApiException;
import com.personaruntime.web.http.Auth;
import com.personaruntime.web.http.Bodies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Audience insights of a persona (brand-scoped: a persona of another brand answers 404, like an
 * unknown one):
 * <ul>
 *   <li>{@code GET /api/v1/insights?persona=SLUG&days=N} (N in 1..366, default 30): the report of
 *       {@link InsightsService#report};</li>
 *   <li>{@code GET /api/v1/insights/turns.csv?persona=SLUG&days=N}: every turn with its signals as
 *       CSV (RFC 4180, UTF-8); the {@code audience_text} column only for roles that may read
 *       transcripts ({@link #mayReadTranscripts}), empty otherwise;</li>
 *   <li>{@code PUT /api/v1/insights/turns/{turnId}/sentiment} with
 *       {@code {"sentiment":"positive|negative|neutral"|null}}: a manual label, used instead of the
 *       automatic one (null clears it);</li>
 *   <li>{@code GET/PUT /api/v1/insights/settings?brand=SLUG} with {@code {"retentionDays":N|null}}:
 *       transcript retention (owners only to change).</li>
 * </ul>
 */
public final class InsightRoutes {
  static final int DEFAULT_DAYS = 30;
  private static final String[] CSV_HEADER = {"turn_id", "created_at", "conversation", "room", "audience",
      "language", "sentiment", "sentiment_score", "sentiment_source", "intent", "topic", "question", "answered",
      "response_ms", "verdict", "audience_text"};

  private final InsightsService insights;
  private final PersonaCatalog catalog;
  private final BrandRepository brands;

  public InsightRoutes(InsightsService insights, PersonaCatalog catalog, BrandRepository brands) {
    this.insights = insights;
    this.catalog = catalog;
    this.brands = brands;
  }

  public void mount(Router router) {
    router.get("/api/v1/insights").handler(this::report);
    router.get("/api/v1/insights/turns.csv").handler(this::csv);
    router.put("/api/v1/insights/turns/:turnId/sentiment").handler(this::correct);
    router.get("/api/v1/insights/settings").handler(this::getSettings);
    router.put("/api/v1/insights/settings").handler(this::putSettings);
  }

  /**
   * Whether the principal may read audience text of the brand's transcripts: members who work the
   * moderation queue (every brand role today, see {@link com.personaruntime.runtime.storage.Role})
   * and platform admins. The one place to narrow when a read-only analyst role arrives.
   */
  public static boolean mayReadTranscripts(Principal p, String brandId) {
    return p.canModerate(brandId);
  }

  private void report(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    String slug = persona(ctx);
    int days = days(ctx);
    catalog.get(p, slug).recover(t -> Future.failedFuture(CatalogErrors.map(t)))
        .compose(rec -> insights.report(rec.id(), rec.slug(), days).map(r -> r.put("brand", rec.brandSlug())))
        .onSuccess(r -> Json.send(ctx, 200, r))
        .onFailure(ctx::fail);
  }

  private void csv(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    String slug = persona(ctx);
    int days = days(ctx);
    catalog.get(p, slug).recover(t -> Future.failedFuture(CatalogErrors.map(t)))
        .compose(rec -> insights.turns(rec.id(), days).map(rows -> csv(rows, mayReadTranscripts(p, rec.brandId()))))
        .onSuccess(body -> ctx.response()
            .putHeader("content-type", "text/csv; charset=utf-8")
            .putHeader("content-disposition", "attachment; filename=\"" + slug + "-turns-" + days + "d.csv\"")
            .end(body))
        .onFailure(ctx::fail);
  }

  static String csv(List<InsightsStore.TurnRow> rows, boolean withText) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).get())) {
      for (InsightsStore.TurnRow r : rows) {
        printer.printRecord(r.turnId(), r.at(), r.conversationId(), r.room(), r.audienceId(), r.language(),
            r.effectiveSentiment(), r.sentimentScore(), r.sentiment() == null ? null : r.manual() != null ? "manual" : "auto",
            r.intent(), safe(r.topic()), r.question(), r.answered(), r.responseMs(), r.decision(),
            withText ? safe(r.audienceText()) : null);
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing CSV to memory failed", e);
    }
    return out.toString();
  }

  /** A cell a spreadsheet would run as a formula ("=", "+", "-", "@") is prefixed with "'" (OWASP CSV injection). */
  static String safe(String cell) {
    if (cell == null || cell.isEmpty()) {
      return cell;
    }
    char c = cell.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
  }

  private void correct(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    long turnId;
    try {
      turnId = Long.parseLong(ctx.pathParam("turnId"));
    } catch (NumberFormatException e) {
      throw ApiException.notFound("turn '" + ctx.pathParam("turnId") + "' not found");
    }
    JsonObject body = Bodies.object(ctx);
    for (String field : body.fieldNames()) {
      if (!field.equals("sentiment")) {
        throw ApiException.invalid(field + ": unknown field; expected sentiment");
      }
    }
    if (!body.containsKey("sentiment")) {
      throw ApiException.invalid("sentiment: required (positive, negative, neutral, or null to clear)");
    }
    Object value = body.getValue("sentiment");
    Sentiment label;
    if (value == null) {
      label = null;
    } else if (value instanceof String s) {
      try {
        label = Sentiment.fromWire(s);
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("sentiment: " + e.getMessage());
      }
    } else {
      throw ApiException.invalid("sentiment: expected a string or null, got " + Bodies.typeName(value));
    }
    long id = turnId;
    insights.store().owner(id).compose(owner -> {
      if (owner.isEmpty() || !p.canRead(owner.get().brandId())) {
        return Future.failedFuture(ApiException.notFound("turn '" + id + "' not found or not analysed yet"));
      }
      if (!p.canModerate(owner.get().brandId())) {
        return Future.failedFuture(ApiException.forbidden("your role may not correct labels"));
      }
      return insights.store().correct(id, label, p.email());
    }).onSuccess(v -> Json.send(ctx, 200, new JsonObject().put("turnId", id)
            .put("sentiment", label == null ? null : label.wire())
            .put("source", label == null ? "auto" : "manual")))
        .onFailure(ctx::fail);
  }

  private Future<String> brandId(Principal p, RoutingContext ctx) {
    String slug = ctx.queryParams().get("brand");
    if (slug == null || slug.isBlank()) {
      return Future.failedFuture(ApiException.invalid("brand: query parameter required (a brand slug)"));
    }
    return brands.findBySlug(slug).compose(b -> b.isPresent() && p.canRead(b.get().id())
        ? Future.succeededFuture(b.get().id())
        : Future.failedFuture(ApiException.notFound("brand '" + slug + "' not found")));
  }

  private void getSettings(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    brandId(p, ctx).compose(insights.store()::settings)
        .onSuccess(s -> Json.send(ctx, 200, settingsJson(ctx.queryParams().get("brand"), s)))
        .onFailure(ctx::fail);
  }

  private void putSettings(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    for (String field : body.fieldNames()) {
      if (!field.equals("retentionDays")) {
        throw ApiException.invalid(field + ": unknown field; expected retentionDays");
      }
    }
    Object v = body.getValue("retentionDays");
    Integer days;
    if (v == null) {
      days = null;
    } else if (v instanceof Integer || v instanceof Long) {
      long d = ((Number) v).longValue();
      if (d < 1 || d > 36_500) {
        throw ApiException.invalid("retentionDays: must be between 1 and 36500, or null to keep forever, got " + d);
      }
      days = (int) d;
    } else {
      throw ApiException.invalid("retentionDays: expected a whole number of days or null, got " + Bodies.typeName(v));
    }
    brandId(p, ctx).compose(id -> p.isOwner(id)
            ? insights.store().setRetention(id, days).compose(s -> insights.applyRetention().map(s))
            : Future.failedFuture(ApiException.forbidden("only an owner may change the brand's retention")))
        .onSuccess(s -> Json.send(ctx, 200, settingsJson(ctx.queryParams().get("brand"), s)))
        .onFailure(ctx::fail);
  }

  private static JsonObject settingsJson(String brand, InsightsStore.Settings s) {
    return new JsonObject().put("brand", brand).put("retentionDays", s.retentionDays());
  }

  private static String persona(RoutingContext ctx) {
    String slug = ctx.queryParams().get("persona");
    if (slug == null || slug.isBlank()) {
      throw ApiException.invalid("persona: query parameter required (a persona slug)");
    }
    return slug;
  }

  private static int days(RoutingContext ctx) {
    String raw = ctx.queryParams().get("days");
    if (raw == null) {
      return DEFAULT_DAYS;
    }
    try {
      int d = Integer.parseInt(raw.strip());
      if (d >= 1 && d <= InsightsService.MAX_DAYS) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.invalid("days: must be a whole number from 1 to " + InsightsService.MAX_DAYS + ", got '" + raw
        + "'");
  }
}
