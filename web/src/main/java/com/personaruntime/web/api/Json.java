package com.personaruntime.web.api;

import com.personaruntime.runtime.auth.ApiTokenInfo;
import com.personaruntime.runtime.auth.Principal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** JSON shapes shared by the routes. */
final class Json {
  private Json() {
  }

  static void send(RoutingContext ctx, int status, Object body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json; charset=utf-8")
        .putHeader("cache-control", "no-store")
        .end(body instanceof JsonObject o ? o.encode() : body instanceof JsonArray a ? a.encode()
            : io.vertx.core.json.Json.encode(body));
  }

  static JsonObject principal(Principal p) {
    JsonArray brands = new JsonArray();
    p.roles().forEach((brandId, role) -> brands.add(new JsonObject().put("brandId", brandId)
        .put("role", role.name().toLowerCase())));
    return new JsonObject()
        .put("id", p.userId())
        .put("email", p.email())
        .put("name", p.displayName())
        .put("platformAdmin", p.platformAdmin())
        .put("memberships", brands);
  }

  static JsonObject token(ApiTokenInfo t) {
    return new JsonObject()
        .put("id", t.id())
        .put("name", t.name())
        .put("prefix", t.prefix())
        .put("createdAt", String.valueOf(t.createdAt()))
        .put("lastUsedAt", t.lastUsedAt() == null ? null : t.lastUsedAt().toString())
        .put("expiresAt", t.expiresAt() == null ? null : t.expiresAt().toString())
        .put("revoked", t.revokedAt() != null);
  }
}
