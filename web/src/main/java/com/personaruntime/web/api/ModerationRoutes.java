package com.personaruntime.web.api;

import com.personaruntime.runtime.auth.Principal;
import com.personaruntime.runtime.live.LiveStore;
import com.personaruntime.web.http.ApiException;
import com.personaruntime.web.http.Auth;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** {@code GET /api/v1/moderation/items?status=open}: the queue of the caller's brands. */
public final class ModerationRoutes {
  private static final List<String> STATUSES = List.of("open", "claimed", "approved", "edited", "rejected");
  private final LiveStore store;

  public ModerationRoutes(LiveStore store) {
    this.store = store;
  }

  public void mount(Router router) {
    router.get("/api/v1/moderation/items").handler(this::list);
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
    Future<List<String>> brands = p.platformAdmin() ? store.allBrandIds()
        : Future.succeededFuture(p.roles().keySet().stream().filter(p::canModerate).toList());
    brands.compose(ids -> store.moderationItems(ids, wanted, max)).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      JsonArray items = new JsonArray();
      ar.result().forEach(i -> items.add(new JsonObject()
          .put("id", i.id())
          .put("kind", i.kind())
          .put("status", i.status())
          .put("decision", i.decision())
          .put("personaId", i.personaId())
          .put("content", i.content())
          .put("releasedText", i.releasedText())
          .put("findings", new JsonArray(i.findingsJson()))
          .put("context", new JsonObject(i.contextJson()))
          .put("createdAt", String.valueOf(i.createdAt()))));
      Json.send(ctx, 200, new JsonObject().put("items", items));
    });
  }
}
