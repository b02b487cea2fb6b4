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
    for (String field : body.fieldNames()) {
      if (!List.of("persona", "text", "direction", "channel", "platform", "sponsored", "language").contains(field)) {
        throw ApiException.invalid(field + ": unknown field; expected persona, text, direction, channel, platform, "
            + "sponsored, language");
      }
    }
    String persona = Bodies.requiredString(body, "persona");
    Object rawText = body.getValue("text");
    if (rawText == null) {
      throw ApiException.invalid("text: is required");
    }
    if (!(rawText instanceof String text)) {
      throw ApiException.invalid("text: must be a string, got " + Bodies.typeName(rawText));
    }
    if (text.length() > MAX_TEXT) {
      throw ApiException.invalid("text: must be at most " + MAX_TEXT + " characters, got " + text.length());
    }
    String direction = Bodies.oneOf(body, "direction", "output", List.of("input", "output"));
    String channel = Bodies.oneOf(body, "channel", "chat", List.of("chat", "post"));
    String platform = Bodies.optionalString(body, "platform");
    if (platform != null && !PLATFORM.matcher(platform).matches()) {
      throw ApiException.invalid("platform: must be a platform name like instagram, x, tiktok, facebook, got '"
          + platform + "'");
    }
    String language = Bodies.optionalString(body, "language");
    if (language != null && !LANGUAGE.matcher(language).matches()) {
      throw ApiException.invalid("language: must be a two-letter ISO 639-1 code such as vi or en, got '"
          + language + "'");
    }
    boolean sponsored = Bodies.optionalBoolean(body, "sponsored", false);
    if (sponsored && channel.equals("chat") && direction.equals("input")) {
      throw ApiException.invalid("sponsored: only applies to output (a persona's post or reply), not to input");
    }
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
