package com.personaruntime.web.api;

import com.personaruntime.runtime.auth.PasswordHasher;
import com.personaruntime.runtime.auth.Principal;
import com.personaruntime.runtime.storage.AuditLog;
import com.personaruntime.runtime.storage.Brand;
import com.personaruntime.runtime.storage.BrandRepository;
import com.personaruntime.runtime.storage.Role;
import com.personaruntime.runtime.storage.UserRepository;
import com.personaruntime.web.http.ApiException;
import com.personaruntime.web.http.Auth;
import com.personaruntime.web.http.Bodies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * Brands and their members. Platform admins create brands; owners (and admins) add members,
 * creating the user when the e-mail is new. A brand the caller does not belong to is 404.
 */
public final class BrandRoutes {
  private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

  private final Vertx vertx;
  private final BrandRepository brands;
  private final UserRepository users;
  private final AuditLog audit;

  public BrandRoutes(Vertx vertx, BrandRepository brands, UserRepository users, AuditLog audit) {
    this.vertx = vertx;
    this.brands = brands;
    this.users = users;
    this.audit = audit;
  }

  public void mount(Router router) {
    router.get("/api/v1/brands").handler(this::list);
    router.post("/api/v1/brands").handler(this::create);
    router.get("/api/v1/brands/:brand").handler(this::get);
    router.put("/api/v1/brands/:brand").handler(this::rename);
    router.get("/api/v1/brands/:brand/members").handler(this::members);
    router.post("/api/v1/brands/:brand/members").handler(this::addMember);
    router.delete("/api/v1/brands/:brand/members/:userId").handler(this::removeMember);
  }

  private void list(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    brands.list().onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      JsonArray items = new JsonArray();
      ar.result().stream().filter(b -> p.canRead(b.id())).forEach(b -> items.add(brandJson(b, p)));
      Json.send(ctx, 200, new JsonObject().put("items", items));
    });
  }

  private void create(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    if (!p.platformAdmin()) {
      throw ApiException.forbidden("only a platform admin may create brands");
    }
    JsonObject body = Bodies.object(ctx);
    String slug = Bodies.requiredString(body, "slug");
    if (!SLUG.matcher(slug).matches()) {
      throw ApiException.invalid("slug: must be lower-case letters, digits and dashes (max 63), got '" + slug + "'");
    }
    String name = Bodies.optionalString(body, "name");
    brands.findBySlug(slug).compose(existing -> existing.isPresent()
            ? Future.<Brand>failedFuture(ApiException.conflict("slug: brand '" + slug + "' already exists"))
            : brands.create(slug, name == null || name.isBlank() ? slug : name))
        .compose(b -> audit.append(p.userId(), b.id(), "brand.created", "brand", b.id(),
            new JsonObject().put("slug", slug).encode()).map(b))
        .onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            Json.send(ctx, 201, brandJson(ar.result(), p));
          }
        });
  }

  private void get(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    visible(p, ctx.pathParam("brand")).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else {
        Json.send(ctx, 200, brandJson(ar.result(), p));
      }
    });
  }

  /**
   * {@code PUT /api/v1/brands/{slug}} {@code {"name": "Lumière Việt Nam"}} (owners): the display name
   * audiences see in disclosures and on the chat page; the slug stays.
   */
  private void rename(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    String name = Bodies.requiredString(body, "name").strip();
    if (name.length() > 200) {
      throw ApiException.invalid("name: must be at most 200 characters, got " + name.length());
    }
    visible(p, ctx.pathParam("brand")).compose(brand -> {
      if (!p.isOwner(brand.id())) {
        return Future.failedFuture(ApiException.forbidden("only an owner of brand '" + brand.slug()
            + "' may rename it"));
      }
      return brands.rename(brand.id(), name, p.userId(), audit).map(ok -> new Brand(brand.id(), brand.slug(), name,
          brand.createdAt()));
    }).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      // served personas pick up the new name on every node
      vertx.eventBus().publish(com.personaruntime.runtime.catalog.PersonaCatalog.CHANGED_ADDRESS, "*");
      Json.send(ctx, 200, brandJson(ar.result(), p));
    });
  }

  private void members(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    managed(p, ctx.pathParam("brand"))
        .compose(b -> users.members(b.id()))
        .onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
            return;
          }
          JsonArray items = new JsonArray();
          ar.result().forEach(m -> items.add(new JsonObject()
              .put("userId", m.userId())
              .put("email", m.email())
              .put("name", m.displayName())
              .put("role", m.role().wireName())));
          Json.send(ctx, 200, new JsonObject().put("items", items));
        });
  }

  private void addMember(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    String email = Bodies.requiredString(body, "email").trim().toLowerCase();
    if (!EMAIL.matcher(email).matches()) {
      throw ApiException.invalid("email: must be an e-mail address, got '" + email + "'");
    }
    Role role;
    try {
      role = Role.fromWire(Bodies.requiredString(body, "role"));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("role: " + e.getMessage());
    }
    String password = Bodies.optionalString(body, "password");
    if (password != null && password.length() < 12) {
      throw ApiException.invalid("password: must be at least 12 characters, got " + password.length());
    }
    String name = Bodies.optionalString(body, "name");
    managed(p, ctx.pathParam("brand")).compose(brand -> users.findByEmail(email).compose(existing -> {
      if (existing.isPresent()) {
        return Future.succeededFuture(existing.get().id());
      }
      if (password == null) {
        return Future.failedFuture(ApiException.invalid(
            "password: is required when the user does not exist yet (at least 12 characters)"));
      }
      return PasswordHasher.hash(vertx, password.toCharArray())
          .compose(hash -> users.create(email, hash, name == null ? email : name, false))
          .map(u -> u.id());
    }).compose(userId -> users.addMembership(userId, brand.id(), role)
        .compose(v -> audit.append(p.userId(), brand.id(), "member.added", "user", userId,
            new JsonObject().put("email", email).put("role", role.wireName()).encode()))
        .map(v -> new JsonObject().put("userId", userId).put("email", email).put("role", role.wireName()))))
        .onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            Json.send(ctx, 201, ar.result());
          }
        });
  }

  private void removeMember(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    String userId = ctx.pathParam("userId");
    managed(p, ctx.pathParam("brand"))
        .compose(brand -> users.removeMembership(userId, brand.id()).compose(removed -> {
          if (!removed) {
            return Future.failedFuture(ApiException.notFound("member '" + userId + "' not found"));
          }
          return audit.append(p.userId(), brand.id(), "member.removed", "user", userId, "{}").mapEmpty();
        }))
        .onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            ctx.response().setStatusCode(204).end();
          }
        });
  }

  private Future<Brand> visible(Principal p, String slug) {
    return brands.findBySlug(slug).compose(b -> b.isPresent() && p.canRead(b.get().id())
        ? Future.succeededFuture(b.get())
        : Future.failedFuture(ApiException.notFound("brand '" + slug + "' not found")));
  }

  private Future<Brand> managed(Principal p, String slug) {
    return visible(p, slug).compose(b -> p.isOwner(b.id())
        ? Future.succeededFuture(b)
        : Future.failedFuture(ApiException.forbidden("only an owner of brand '" + slug + "' may manage its members")));
  }

  private static JsonObject brandJson(Brand b, Principal p) {
    var role = p.roleIn(b.id());
    return new JsonObject()
        .put("id", b.slug())
        .put("name", b.name())
        .put("role", role.map(Role::wireName).orElse(p.platformAdmin() ? "admin" : null))
        .put("createdAt", String.valueOf(b.createdAt()));
  }
}
