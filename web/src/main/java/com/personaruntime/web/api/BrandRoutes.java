package com.personaruntime.web.api;

import com.personaruntime.runtime.auth.Invitations;
import com.personaruntime.runtime.storage.ConflictException;
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
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Brands, their members and invitations. Platform admins create brands; owners (and admins) rename
 * them, invite members ({@link Invitations}: nobody is added until the invitee accepts, and the answer
 * never says whether an e-mail has an account), list and revoke pending invitations, and remove
 * members. A brand the caller does not belong to is 404.
 */
public final class BrandRoutes {
  private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");
  /** A brand's display name: at most this many characters (the {@code brands.name} column). */
  static final int MAX_NAME = 200;
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

  private final Vertx vertx;
  private final BrandRepository brands;
  private final UserRepository users;
  private final AuditLog audit;
  private final Invitations invitations;
  private final Supplier<String> baseUrl;
  private final com.personaruntime.runtime.catalog.PersonaCatalog catalog;

  /**
   * @param baseUrl the server's public base URL (no trailing slash), for invitations' {@code acceptUrl}
   */
  public BrandRoutes(Vertx vertx, BrandRepository brands, UserRepository users, AuditLog audit,
      Invitations invitations, Supplier<String> baseUrl, com.personaruntime.runtime.catalog.PersonaCatalog catalog) {
    this.catalog = catalog;
    this.vertx = vertx;
    this.brands = brands;
    this.users = users;
    this.audit = audit;
    this.invitations = invitations;
    this.baseUrl = baseUrl;
  }

  public void mount(Router router) {
    router.get("/api/v1/brands").handler(this::list);
    router.post("/api/v1/brands").handler(this::create);
    router.get("/api/v1/brands/:brand").handler(this::get);
    router.put("/api/v1/brands/:brand").handler(this::rename);
    router.get("/api/v1/brands/:brand/members").handler(this::members);
    router.post("/api/v1/brands/:brand/members").handler(this::invite);
    router.put("/api/v1/brands/:brand/members/:userId").handler(this::changeRole);
    router.delete("/api/v1/brands/:brand/members/:userId").handler(this::removeMember);
    router.post("/api/v1/brands/:brand/invitations").handler(this::invite);
    router.get("/api/v1/brands/:brand/invitations").handler(this::invitationList);
    router.delete("/api/v1/brands/:brand/invitations/:invitationId").handler(this::revokeInvitation);
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
    // every field is checked before answering, so a form shows all its problems at once
    java.util.List<String> problems = new java.util.ArrayList<>();
    String slug = body.getValue("slug") instanceof String v ? v : null;
    if (slug == null || slug.isBlank()) {
      problems.add("slug: is required");
    } else if (!SLUG.matcher(slug).matches()) {
      problems.add("slug: must be lower-case letters, digits and dashes (max 63), got '"
          + com.personaruntime.web.http.Errors.cut(slug, 100) + "'");
    }
    Object given = body.getValue("name");
    if (given != null && !(given instanceof String)) {
      problems.add("name: must be a string");
    }
    String name = given instanceof String g && !g.isBlank() ? g.strip() : slug;
    if (name != null && name.length() > MAX_NAME) {
      problems.add("name: must be at most " + MAX_NAME + " characters, got " + name.length());
    }
    if (!problems.isEmpty()) {
      throw problems.size() == 1 ? ApiException.invalid(problems.get(0))
          : new com.personaruntime.web.http.ValidationFailure(problems.size() + " problems: " + String.join("; ", problems),
              problems);
    }
    brands.findBySlug(slug).compose(existing -> existing.isPresent()
            ? Future.<Brand>failedFuture(ApiException.conflict("slug: brand '" + slug + "' already exists"))
            : brands.create(slug, name, p.userId(), audit))
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
    if (name.length() > MAX_NAME) {
      throw ApiException.invalid("name: must be at most " + MAX_NAME + " characters, got " + name.length());
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
      // served personas pick up the new name: this node's cache at once (before the answer, so the next
      // request sees it), every other node through the event bus
      catalog.brandRenamed();
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

  /**
   * {@code POST /api/v1/brands/{slug}/invitations} (and, for existing callers, {@code POST .../members})
   * {@code {"email", "role"}} (owners): invites an e-mail. 202 with the invitation and its one-time
   * {@code token} / {@code acceptUrl}, the same answer whether or not the e-mail has an account anywhere;
   * nobody is added until the invitee accepts ({@code POST /api/v1/invitations/{token}/accept}).
   */
  private void invite(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    // who may invite is checked before what is sent: a non-owner learns nothing from validation messages
    managed(p, ctx.pathParam("brand"))
        .compose(brand -> {
          String email;
          Role role;
          try {
            for (String gone : new String[] {"password", "name"}) {
              if (body.containsKey(gone)) {
                throw ApiException.invalid(gone + ": not accepted when inviting: the invitee chooses their own "
                    + gone + " when they accept the invitation (send only email and role)");
              }
            }
            email = Bodies.requiredString(body, "email").trim().toLowerCase(java.util.Locale.ROOT);
            if (email.length() > 320 || !EMAIL.matcher(email).matches()) {
              throw ApiException.invalid("email: must be an e-mail address (at most 320 characters), got '"
                  + com.personaruntime.web.http.Errors.cut(email, 100) + "'");
            }
            try {
              role = Role.fromWire(Bodies.requiredString(body, "role"));
            } catch (IllegalArgumentException e) {
              throw ApiException.invalid("role: " + e.getMessage());
            }
          } catch (RuntimeException e) {
            return Future.failedFuture(e);
          }
          return invitations.create(p.userId(), brand.id(), email, role)
              .recover(e -> Future.failedFuture(e instanceof ConflictException ? ApiException.conflict(e.getMessage())
                  : e))
              .map(created -> invitationJson(created.invitation(), brand)
                  .put("token", created.token())
                  .put("acceptUrl", acceptUrl(created.token())));
        })
        .onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            ctx.response().putHeader("Cache-Control", "no-store");
            Json.send(ctx, 202, ar.result());
          }
        });
  }

  /** {@code GET /api/v1/brands/{slug}/invitations} (owners): pending invitations, never their tokens. */
  private void invitationList(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    managed(p, ctx.pathParam("brand"))
        .compose(brand -> invitations.pending(brand.id()).map(list -> {
          JsonArray items = new JsonArray();
          list.forEach(i -> items.add(invitationJson(i, brand)));
          return new JsonObject().put("items", items);
        }))
        .onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            Json.send(ctx, 200, ar.result());
          }
        });
  }

  /** {@code DELETE /api/v1/brands/{slug}/invitations/{id}} (owners): revokes a pending invitation (204). */
  private void revokeInvitation(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    String id = ctx.pathParam("invitationId");
    managed(p, ctx.pathParam("brand"))
        .compose(brand -> invitations.revoke(p.userId(), brand.id(), id))
        .onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else if (!ar.result()) {
            ctx.fail(ApiException.notFound("invitation '" + com.personaruntime.web.http.Errors.cut(id, 60)
                + "' not found or no longer pending"));
          } else {
            ctx.response().setStatusCode(204).end();
          }
        });
  }

  private String acceptUrl(String token) {
    return baseUrl.get() + "/console/invitations/accept?token=" + token;
  }

  static JsonObject invitationJson(Invitations.Invitation i, Brand brand) {
    return new JsonObject()
        .put("id", i.id())
        .put("brand", brand.slug())
        .put("email", i.email())
        .put("role", i.role().wireName())
        .put("createdAt", String.valueOf(i.createdAt()))
        .put("expiresAt", String.valueOf(i.expiresAt()));
  }

  /**
   * {@code PUT /api/v1/brands/{slug}/members/{userId}} {@code {"role": "editor"}} (owners): changes an
   * existing member's role (200 with the member); 404 when the user is not a member of this brand.
   */
  private void changeRole(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    String userId = ctx.pathParam("userId");
    managed(p, ctx.pathParam("brand"))
        .compose(brand -> {
          Role role;
          try {
            role = Role.fromWire(Bodies.requiredString(body, "role"));
          } catch (IllegalArgumentException e) {
            return Future.failedFuture(ApiException.invalid("role: " + e.getMessage()));
          } catch (RuntimeException e) {
            return Future.failedFuture(e);
          }
          return users.changeRole(userId, brand.id(), role, p.userId(), audit).compose(changed -> changed
              ? Future.succeededFuture(new JsonObject().put("userId", userId).put("brand", brand.slug())
                  .put("role", role.wireName()))
              : Future.<JsonObject>failedFuture(ApiException.notFound("member '"
                  + com.personaruntime.web.http.Errors.cut(userId, 60) + "' not found")));
        })
        .onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            Json.send(ctx, 200, ar.result());
          }
        });
  }

  private void removeMember(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    String userId = ctx.pathParam("userId");
    managed(p, ctx.pathParam("brand"))
        .compose(brand -> users.removeMembership(userId, brand.id(), p.userId(), audit).compose(removed -> removed
            ? Future.<Void>succeededFuture()
            : Future.<Void>failedFuture(ApiException.notFound("member '" + userId + "' not found"))))
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
