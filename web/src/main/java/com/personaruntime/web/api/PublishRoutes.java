package com.personaruntime.web.api;

import com.personaruntime.runtime.auth.Principal;
import com.personaruntime.runtime.provenance.ProvenanceService;
import com.personaruntime.runtime.publish.Channel;
import com.personaruntime.runtime.publish.ChannelStore;
import com.personaruntime.runtime.storage.Brand;
import com.personaruntime.runtime.storage.BrandRepository;
import com.personaruntime.web.http.ApiException;
import com.personaruntime.web.http.Auth;
import com.personaruntime.web.http.Bodies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * Publishing channels of a brand and the public provenance endpoints:
 * <ul>
 *   <li>{@code POST /api/v1/brands/{slug}/channels} {@code {"platform","url"}} -> 201
 *       {@code {"id","platform","url","status","secret":"whsec_..."}} (the secret is shown only here);</li>
 *   <li>{@code GET /api/v1/brands/{slug}/channels} (no secrets), {@code DELETE .../channels/{id}} -> 204;</li>
 *   <li>{@code GET /api/v1/provenance/{variantId}} (public) -> {@code {"record","jws"}};</li>
 *   <li>{@code GET /api/v1/provenance/keys} (public) -> JWKS.</li>
 * </ul>
 * Owners and editors manage channels; any member may list them. A brand the caller does not belong
 * to answers 404.
 */
public final class PublishRoutes {
  private static final Set<String> CHANNEL_FIELDS = Set.of("platform", "url");
  private final ChannelStore channels;
  private final BrandRepository brands;
  private final ProvenanceService provenance;

  public PublishRoutes(ChannelStore channels, BrandRepository brands, ProvenanceService provenance) {
    this.channels = channels;
    this.brands = brands;
    this.provenance = provenance;
  }

  /** The public provenance routes: mount before authentication. */
  public void mountPublic(Router router) {
    router.get("/api/v1/provenance/keys").handler(ctx -> provenance.jwks().onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      ctx.response().putHeader("content-type", "application/jwk-set+json; charset=utf-8")
          .putHeader("cache-control", "public, max-age=300")
          .putHeader("access-control-allow-origin", "*")
          .end(ar.result().encode());
    }));
    router.get("/api/v1/provenance/:variantId").handler(ctx -> {
      String id = ctx.pathParam("variantId");
      provenance.find(id).onComplete(ar -> {
        if (ar.failed()) {
          ctx.fail(ar.cause());
          return;
        }
        if (ar.result().isEmpty()) {
          ctx.fail(ApiException.notFound("no published post variant '" + id + "'"));
          return;
        }
        ctx.response().putHeader("content-type", "application/json; charset=utf-8")
            .putHeader("access-control-allow-origin", "*")
            .end(ar.result().get().encode());
      });
    });
  }

  public void mount(Router router) {
    router.post("/api/v1/brands/:brand/channels").handler(this::create);
    router.get("/api/v1/brands/:brand/channels").handler(this::list);
    router.delete("/api/v1/brands/:brand/channels/:channelId").handler(this::delete);
  }

  private Future<Brand> brand(Principal p, String slug, boolean edit) {
    return brands.findBySlug(slug).compose(b -> {
      if (b.isEmpty() || !p.canRead(b.get().id())) {
        return Future.failedFuture(ApiException.notFound("brand '" + slug + "' not found"));
      }
      if (edit && !p.canEdit(b.get().id())) {
        return Future.failedFuture(ApiException.forbidden("your role in brand '" + slug
            + "' may not manage publishing channels (owner or editor needed)"));
      }
      return Future.succeededFuture(b.get());
    });
  }

  private void create(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    String slug = ctx.pathParam("brand");
    brand(p, slug, true).compose(b -> {
      JsonObject body = Bodies.object(ctx);
      for (String f : body.fieldNames()) {
        if (!CHANNEL_FIELDS.contains(f)) {
          return Future.failedFuture(ApiException.invalid(f + ": unknown field; expected platform, url"));
        }
      }
      String platform = Bodies.requiredString(body, "platform").strip().toLowerCase(java.util.Locale.ROOT);
      String url = Bodies.requiredString(body, "url").strip();
      return channels.create(p.userId(), b.id(), platform, url);
    }).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(PostRoutes.mapped(ar.cause()));
        return;
      }
      Json.send(ctx, 201, channelJson(ar.result()).put("secret", ar.result().secret()));
    });
  }

  private void list(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    brand(p, ctx.pathParam("brand"), false).compose(b -> channels.list(b.id())).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      JsonArray items = new JsonArray();
      ar.result().forEach(c -> items.add(channelJson(c)));
      Json.send(ctx, 200, new JsonObject().put("items", items));
    });
  }

  private void delete(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    String id = ctx.pathParam("channelId");
    brand(p, ctx.pathParam("brand"), true).compose(b -> channels.delete(p.userId(), b.id(), id)).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      ctx.response().setStatusCode(204).end();
    });
  }

  static JsonObject channelJson(Channel c) {
    return new JsonObject().put("id", c.id()).put("platform", c.platform()).put("url", c.url())
        .put("status", c.status()).put("disabledReason", c.disabledReason())
        .put("createdAt", c.createdAt().toString());
  }
}
