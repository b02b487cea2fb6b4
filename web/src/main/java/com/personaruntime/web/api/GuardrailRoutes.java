package com.personaruntime.web.api;

import com.personaruntime.guardrails.Channel;
import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Direction;
import com.personaruntime.guardrails.Finding;
import com.personaruntime.guardrails.Verdict;
import com.personaruntime.runtime.catalog.PersonaCatalog;
import com.personaruntime.web.http.ApiException;
import com.personaruntime.web.http.Auth;
import com.personaruntime.web.http.Bodies;
import com.personaruntime.web.http.FieldProblems;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/guardrails/check}: runs a persona's published policy over a text.
 * Finding offsets ({@code start}, {@code end}, end exclusive) are UTF-16 code units of the text
 * sent (Java/JavaScript string indices: an emoji outside the BMP counts 2). The
 * check itself is pure and fast, so it runs on the event loop.
 */
public final class GuardrailRoutes {
  /** Longest text accepted by the check API, in characters. */
  public static final int MAX_TEXT = 20_000;
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
  private static final Pattern PLATFORM = Pattern.compile("[a-z0-9_-]{1,32}");

  private final PersonaCatalog catalog;

  public GuardrailRoutes(PersonaCatalog catalog) {
    this.catalog = catalog;
  }

  public void mount(Router router) {
    router.post("/api/v1/guardrails/check").handler(this::check);
  }

  private void check(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    // every problem of the body at once (text, direction and sponsored wrong: three lines), not the first only
    FieldProblems problems = new FieldProblems();
    for (String field : body.fieldNames()) {
      if (!List.of("persona", "text", "direction", "channel", "platform", "sponsored", "language").contains(field)) {
        problems.add(field + ": unknown field; expected persona, text, direction, channel, platform, "
            + "sponsored, language");
      }
    }
    String persona = problems.read(() -> Bodies.requiredString(body, "persona"), null);
    String text = problems.read(() -> {
      Object rawText = body.getValue("text");
      if (rawText == null) {
        throw ApiException.invalid("text: is required");
      }
      if (!(rawText instanceof String t)) {
        throw ApiException.invalid("text: must be a string, got " + Bodies.typeName(rawText));
      }
      if (t.length() > MAX_TEXT) {
        throw ApiException.invalid("text: must be at most " + MAX_TEXT + " characters, got " + t.length());
      }
      return t;
    }, null);
    String direction = problems.read(() -> Bodies.oneOf(body, "direction", "output", List.of("input", "output")), null);
    String channel = problems.read(() -> Bodies.oneOf(body, "channel", "chat", List.of("chat", "post")), null);
    String platform = problems.read(() -> {
      String pl = Bodies.optionalString(body, "platform");
      if (pl != null && !PLATFORM.matcher(pl).matches()) {
        throw ApiException.invalid("platform: must be a platform name like instagram, x, tiktok, facebook, got '"
            + pl + "'");
      }
      return pl;
    }, null);
    String language = problems.read(() -> {
      String lang = Bodies.optionalString(body, "language");
      if (lang != null && !LANGUAGE.matcher(lang).matches()) {
        throw ApiException.invalid("language: must be a two-letter ISO 639-1 code such as vi or en, got '"
            + lang + "'");
      }
      return lang;
    }, null);
    boolean sponsored = problems.read(() -> Bodies.optionalBoolean(body, "sponsored", false), false);
    if (sponsored && "chat".equals(channel) && "input".equals(direction)) {
      problems.add("sponsored: only applies to output (a persona's post or reply), not to input");
    }
    problems.throwIfAny();
    CheckContext context = new CheckContext(
        Direction.valueOf(direction.toUpperCase(Locale.ROOT)),
        Channel.valueOf(channel.toUpperCase(Locale.ROOT)),
        platform, language, sponsored, null);
    catalog.liveFor(Auth.principal(ctx), persona).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(CatalogErrors.map(ar.cause()));
        return;
      }
      Verdict verdict = ar.result().policy().check(text, context);
      Json.send(ctx, 200, verdictJson(verdict));
    });
  }

  /** The contract's verdict shape. */
  public static JsonObject verdictJson(Verdict verdict) {
    JsonArray findings = new JsonArray();
    for (Finding f : verdict.findings()) {
      JsonObject o = new JsonObject()
          .put("rule", f.ruleId())
          .put("severity", f.severity().name().toLowerCase(Locale.ROOT))
          .put("action", f.action().name().toLowerCase(Locale.ROOT))
          .put("start", f.start())
          .put("end", f.end())
          .put("message", f.message());
      if (f.score() != null) {
        o.put("score", f.score()); // learned detectors: the model's probability (0..1)
      }
      findings.add(o);
    }
    return new JsonObject()
        .put("decision", verdict.decision().name().toLowerCase(Locale.ROOT))
        .put("text", verdict.text())
        .put("findings", findings);
  }
}
