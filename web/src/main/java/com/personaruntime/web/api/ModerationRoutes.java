package com.personaruntime.web.api;

import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Decision;
import com.personaruntime.guardrails.Verdict;
import com.personaruntime.runtime.auth.Principal;
import com.personaruntime.runtime.catalog.PersonaCatalog;
import com.personaruntime.runtime.live.ModerationStore;
import com.personaruntime.runtime.live.ModerationStore.Item;
import com.personaruntime.web.http.ApiException;
import com.personaruntime.web.http.Auth;
import com.personaruntime.web.http.Bodies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The moderation queue of the caller's brands and its workflow:
 * <ul>
 *   <li>{@code GET /api/v1/moderation/items?status=open} lists items;</li>
 *   <li>{@code GET /api/v1/moderation/items/{id}} one item with its workflow state;</li>
 *   <li>{@code POST /api/v1/moderation/items/{id}/claim} open -> claimed by the caller;</li>
 *   <li>{@code POST /api/v1/moderation/items/{id}/decision} with
 *       {@code {"decision":"approve|edit|reject","text":"(edit only)","note":"optional"}}:
 *       open or claimed (by the caller) -> approved, edited or rejected.</li>
 * </ul>
 * An item of a brand the caller may not moderate answers 404 like an unknown id; a decided
 * item, or one claimed by someone else, answers 409. An edited text goes through the persona's
 * guard first: a text the guard blocks is refused (400), a rewrite (e.g. a redaction) is what is
 * stored. See {@link ModerationStore} for the audit entries and the {@code moderation.events}
 * event bus messages.
 */
public final class ModerationRoutes {
  private static final List<String> STATUSES = List.of("open", "claimed", "approved", "edited", "rejected");
  private static final List<String> DECISION_FIELDS = List.of("decision", "text", "note");
  /** Longest edited text and note, in characters. */
  static final int MAX_TEXT = GuardrailRoutes.MAX_TEXT;
  static final int MAX_NOTE = 2_000;
  private final ModerationStore moderation;
  private final PersonaCatalog catalog;

  public ModerationRoutes(ModerationStore moderation, PersonaCatalog catalog) {
    this.moderation = moderation;
    this.catalog = catalog;
  }

  public void mount(Router router) {
    router.get("/api/v1/moderation/items").handler(this::list);
    router.get("/api/v1/moderation/items/:id").handler(this::get);
    router.post("/api/v1/moderation/items/:id/claim").handler(this::claim);
    router.post("/api/v1/moderation/items/:id/decision").handler(this::decide);
  }

  private void get(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    String id = ctx.pathParam("id");
    visible(p, id).onComplete(ar -> respond(ctx, ar.map(ModerationRoutes::itemJson)));
  }

  private void claim(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    String id = ctx.pathParam("id");
    visible(p, id).compose(item -> moderation.claim(item.id(), p.userId()))
        .onComplete(ar -> respond(ctx, ar.map(ModerationRoutes::itemJson)));
  }

  private void decide(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    String id = ctx.pathParam("id");
    JsonObject body = Bodies.object(ctx);
    for (String field : body.fieldNames()) {
      if (!DECISION_FIELDS.contains(field)) {
        throw ApiException.invalid(field + ": unknown field; expected decision, text, note");
      }
    }
    Bodies.requiredString(body, "decision");
    String decision = Bodies.oneOf(body, "decision", null, ModerationStore.DECISIONS);
    String text = Bodies.optionalString(body, "text");
    if (decision.equals("edit")) {
      text = Bodies.requiredString(body, "text");
      if (text.length() > MAX_TEXT) {
        throw ApiException.invalid("text: must be at most " + MAX_TEXT + " characters, got " + text.length());
      }
    } else if (text != null) {
      throw ApiException.invalid("text: only allowed with decision 'edit', not '" + decision + "'");
    }
    String note = Bodies.optionalString(body, "note");
    if (note != null && note.length() > MAX_NOTE) {
      throw ApiException.invalid("note: must be at most " + MAX_NOTE + " characters, got " + note.length());
    }
    if (note != null && note.isBlank()) {
      note = null;
    }
    String edited = text;
    String theNote = note;
    visible(p, id)
        .compose(item -> decision.equals("edit") ? guarded(p, item, edited) : Future.succeededFuture((String) null))
        .compose(finalText -> moderation.decide(id, p.userId(), decision, finalText, theNote))
        .onComplete(ar -> respond(ctx, ar.map(ModerationRoutes::itemJson)));
  }

  /** The item if the principal may moderate its brand; 404 otherwise, the same as for an unknown id. */
  private Future<Item> visible(Principal p, String id) {
    return moderation.find(id).compose(found -> found.isPresent() && p.canModerate(found.get().brandId())
        ? Future.succeededFuture(found.get())
        : Future.failedFuture(ApiException.notFound("moderation item '" + id + "' not found")));
  }

  /**
   * An edited text through the persona's guard (output for replies and posts, input for an
   * audience message): blocked is refused, otherwise the guard's text (rewrites applied) is kept.
   * Fails closed: when the persona's guard cannot be run (the persona is deleted or unpublished, or the
   * lookup fails), the edit is refused (409, or the lookup's own error) rather than released unchecked.
   */
  private Future<String> guarded(Principal p, Item item, String text) {
    CheckContext context = switch (item.kind()) {
      case "post" -> CheckContext.post(null, null, false);
      case "chat_input" -> CheckContext.chatInput();
      default -> CheckContext.chatOutput();
    };
    return catalog.liveFor(p, item.personaId()).transform(ar -> {
      if (ar.failed()) {
        if (ar.cause() instanceof com.personaruntime.runtime.catalog.CatalogException c
            && c.kind() == com.personaruntime.runtime.catalog.CatalogException.Kind.NOT_FOUND) {
          return Future.failedFuture(ApiException.conflict("text: the persona of this item has no published "
              + "version, so an edited text cannot be checked by its guard; approve or reject instead"));
        }
        return Future.failedFuture(ar.cause());
      }
      Verdict verdict = ar.result().policy().check(text, context);
      if (verdict.decision() == Decision.BLOCK) {
        String why = verdict.findings().stream()
            .filter(f -> Decision.of(f.action()) == Decision.BLOCK)
            .map(f -> f.ruleId() + ": " + f.message())
            .collect(Collectors.joining("; "));
        return Future.failedFuture(ApiException.invalid("text: the persona's guard blocks this text (" + why + ")"));
      }
      return Future.succeededFuture(verdict.text());
    });
  }

  private static void respond(RoutingContext ctx, io.vertx.core.AsyncResult<JsonObject> ar) {
    if (ar.failed()) {
      Throwable t = ar.cause();
      ctx.fail(t instanceof IllegalArgumentException ? ApiException.invalid(t.getMessage()) : t);
      return;
    }
    Json.send(ctx, 200, ar.result());
  }

  /** An item as the API shows it (the list's fields plus the workflow state). */
  static JsonObject itemJson(Item i) {
    return new JsonObject()
        .put("id", i.id())
        .put("brandId", i.brandId())
        .put("kind", i.kind())
        .put("status", i.status())
        .put("decision", i.decision())
        .put("personaId", i.personaId())
        .put("content", i.content())
        .put("releasedText", i.releasedText())
        .put("findings", new JsonArray(i.findingsJson()))
        .put("context", new JsonObject(i.contextJson()))
        .put("createdAt", String.valueOf(i.createdAt()))
        .put("claimedBy", i.claimedBy())
        .put("claimedAt", i.claimedAt() == null ? null : i.claimedAt().toString())
        .put("decidedBy", i.decidedBy())
        .put("decidedAt", i.decidedAt() == null ? null : i.decidedAt().toString())
        .put("finalText", i.finalText())
        .put("note", i.note());
  }

  private void list(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    String status = ctx.queryParams().get("status");
    if (status == null) {
      status = "open";
    }
    if (!STATUSES.contains(status)) {
      throw ApiException.invalid("status: must be one of " + String.join(", ", STATUSES) + ", got '" + status + "'");
    }
    int limit = 100;
    String rawLimit = ctx.queryParams().get("limit");
    if (rawLimit != null) {
      try {
        limit = Integer.parseInt(rawLimit);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > 500) {
        throw ApiException.invalid("limit: must be a whole number between 1 and 500, got '" + rawLimit + "'");
      }
    }
    String wanted = status;
    int max = limit;
    List<String> brands = p.platformAdmin() ? null : p.roles().keySet().stream().filter(p::canModerate).toList();
    moderation.list(brands, wanted, max).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      JsonArray items = new JsonArray();
      ar.result().forEach(i -> items.add(itemJson(i)));
      Json.send(ctx, 200, new JsonObject().put("items", items));
    });
  }
}
