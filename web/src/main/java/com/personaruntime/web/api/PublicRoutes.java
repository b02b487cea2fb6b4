package com.personaruntime.web.api;

import com.personaruntime.runtime.catalog.PersonaCatalog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What anonymous audiences may see: the published personas' public face (name, brand, bio,
 * languages, greeting), for the chat page. Nothing else of a persona leaves through here.
 */
public final class PublicRoutes {
  private final PersonaCatalog catalog;

  public PublicRoutes(PersonaCatalog catalog) {
    this.catalog = catalog;
  }

  public void mount(Router router) {
    router.get("/api/v1/public/personas").handler(this::list);
  }

  private void list(RoutingContext ctx) {
    catalog.published().onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      JsonArray items = new JsonArray();
      ar.result().forEach(lp -> {
        var p = lp.persona();
        items.add(new JsonObject()
            .put("id", p.id())
            .put("name", p.name())
            .put("brand", lp.brandName()) // the display name: audiences never see the slug
            .put("bio", p.bio())
            .put("languages", new JsonArray(p.languages()))
            .put("greeting", p.voice().greeting()));
      });
      Json.send(ctx, 200, new JsonObject().put("items", items));
    });
  }
}
