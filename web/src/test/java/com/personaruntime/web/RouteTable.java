package com.personaruntime.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every HTTP route of the server, each with what the auth and tenancy tests expect of it.
 * {@link #assertCovers} compares the table with the live router, so a route added to the
 * server without a row here fails the build: decide its scope, then the 401 and tenancy
 * walks pick it up.
 */
final class RouteTable {

  /** Who may call a route, and what another brand's user must get. */
  enum Scope {
    /** No authentication (login, health, the public chat page's data, the live socket). */
    PUBLIC,
    /** Authenticated; acts on the caller's own account only (me, logout, own API tokens). */
    SELF,
    /** Authenticated list: must be filtered to the caller's brands. */
    LIST,
    /** Authenticated; platform admins only (403 for everyone else). */
    ADMIN,
    /** Addresses one brand's resource: another brand's user gets 404, never 403 or 200. */
    TENANT
  }

  record Row(String method, String path, Scope scope) {
    String key() {
      return method + " " + path;
    }
  }

  static final List<Row> ROWS = List.of(
      new Row("GET", "/health", Scope.PUBLIC),
      new Row("GET", "/metrics", Scope.ADMIN),
      new Row("GET", "/", Scope.PUBLIC),
      new Row("POST", "/api/v1/auth/login", Scope.PUBLIC),
      new Row("GET", "/api/v1/public/personas", Scope.PUBLIC),
      new Row("GET", "/api/v1/live/:slug", Scope.PUBLIC),
      new Row("POST", "/api/v1/auth/logout", Scope.SELF),
      new Row("GET", "/api/v1/auth/me", Scope.SELF),
      new Row("GET", "/api/v1/auth/tokens", Scope.SELF),
      new Row("POST", "/api/v1/auth/tokens", Scope.SELF),
      // another user's token id: 404 (a token is the user's own resource)
      new Row("DELETE", "/api/v1/auth/tokens/:tokenId", Scope.TENANT),
      new Row("GET", "/api/v1/personas", Scope.LIST),
      // the body names the brand: creating in a brand one does not belong to is 404
      new Row("POST", "/api/v1/personas", Scope.TENANT),
      new Row("GET", "/api/v1/personas/:id", Scope.TENANT),
      new Row("PUT", "/api/v1/personas/:id", Scope.TENANT),
      new Row("DELETE", "/api/v1/personas/:id", Scope.TENANT),
      new Row("GET", "/api/v1/personas/:id/versions", Scope.TENANT),
      new Row("POST", "/api/v1/personas/:id/publish", Scope.TENANT),
      // checks a document the caller sends; reads and stores nothing
      new Row("POST", "/api/v1/personas/validate", Scope.SELF),
      // the query names the brand: importing into a brand one does not belong to is 404
      new Row("POST", "/api/v1/personas/import", Scope.TENANT),
      new Row("GET", "/api/v1/personas/:id/export", Scope.TENANT),
      new Row("GET", "/api/v1/personas/:id/versions/:version", Scope.TENANT),
      new Row("POST", "/api/v1/personas/:id/preview", Scope.TENANT),
      new Row("GET", "/api/v1/brands", Scope.LIST),
      new Row("POST", "/api/v1/brands", Scope.ADMIN),
      new Row("GET", "/api/v1/brands/:brand", Scope.TENANT),
      new Row("PUT", "/api/v1/brands/:brand", Scope.TENANT),
      new Row("GET", "/api/v1/brands/:brand/members", Scope.TENANT),
      new Row("POST", "/api/v1/brands/:brand/members", Scope.TENANT),
      new Row("PUT", "/api/v1/brands/:brand/members/:userId", Scope.TENANT),
      new Row("DELETE", "/api/v1/brands/:brand/members/:userId", Scope.TENANT),
      // invitations (issue 8): owners invite, list and revoke; the invitee accepts with the token (public:
      // the invitee may have no account yet; the token is the credential, a session or bearer is optional)
      new Row("POST", "/api/v1/brands/:brand/invitations", Scope.TENANT),
      new Row("GET", "/api/v1/brands/:brand/invitations", Scope.TENANT),
      new Row("DELETE", "/api/v1/brands/:brand/invitations/:invitationId", Scope.TENANT),
      new Row("POST", "/api/v1/invitations/:token/accept", Scope.PUBLIC),
      // the body names the persona
      new Row("POST", "/api/v1/guardrails/check", Scope.TENANT),
      new Row("GET", "/api/v1/moderation/items", Scope.LIST),
      // an item of a brand the caller cannot moderate: 404 like an unknown id
      new Row("GET", "/api/v1/moderation/items/:id", Scope.TENANT),
      new Row("POST", "/api/v1/moderation/items/:id/claim", Scope.TENANT),
      new Row("POST", "/api/v1/moderation/items/:id/decision", Scope.TENANT),
      // posts (issue 11): the body names the persona on create; a post of another brand is 404
      new Row("GET", "/api/v1/posts/platforms", Scope.LIST),
      new Row("GET", "/api/v1/posts", Scope.LIST),
      new Row("POST", "/api/v1/posts", Scope.TENANT),
      new Row("GET", "/api/v1/posts/:id", Scope.TENANT),
      new Row("DELETE", "/api/v1/posts/:id", Scope.TENANT),
      new Row("PUT", "/api/v1/posts/:id/variants/:platform", Scope.TENANT),
      new Row("POST", "/api/v1/posts/:id/approve", Scope.TENANT),
      new Row("POST", "/api/v1/posts/:id/reject", Scope.TENANT),
      new Row("POST", "/api/v1/posts/:id/comments", Scope.TENANT),
      new Row("POST", "/api/v1/posts/:id/schedule", Scope.TENANT),
      new Row("POST", "/api/v1/posts/:id/publish", Scope.TENANT),
      new Row("POST", "/api/v1/posts/:id/variants/:platform/approve", Scope.TENANT),
      new Row("POST", "/api/v1/posts/:id/variants/:platform/reject", Scope.TENANT),
      new Row("POST", "/api/v1/posts/:id/variants/:platform/comments", Scope.TENANT),
      new Row("POST", "/api/v1/posts/:id/variants/:platform/schedule", Scope.TENANT),
      new Row("POST", "/api/v1/posts/:id/variants/:platform/publish", Scope.TENANT),
      new Row("GET", "/api/v1/brands/:brand/channels", Scope.TENANT),
      new Row("POST", "/api/v1/brands/:brand/channels", Scope.TENANT),
      new Row("DELETE", "/api/v1/brands/:brand/channels/:channelId", Scope.TENANT),
      // provenance records and keys are public (anyone may verify a published post)
      new Row("GET", "/api/v1/provenance/keys", Scope.PUBLIC),
      new Row("GET", "/api/v1/provenance/:variantId", Scope.PUBLIC),
      new Row("POST", "/api/v1/moderation/items/:id/unclaim", Scope.TENANT),
      new Row("POST", "/api/v1/moderation/items/:id/check", Scope.TENANT),
      // bulk: every id of another brand answers 404 in the per-item results
      new Row("POST", "/api/v1/moderation/decisions", Scope.LIST),
      // the event stream carries only the caller's brands' events (ModerationEventsIT)
      new Row("GET", "/api/v1/moderation/events", Scope.LIST),
      new Row("GET", "/api/v1/brands/:brand/moderation", Scope.TENANT),
      new Row("PUT", "/api/v1/brands/:brand/moderation", Scope.TENANT),
      // the query names the persona (or brand); a turn of another brand: 404 like an unknown id
      new Row("GET", "/api/v1/insights", Scope.TENANT),
      new Row("GET", "/api/v1/insights/turns.csv", Scope.TENANT),
      new Row("PUT", "/api/v1/insights/turns/:turnId/sentiment", Scope.TENANT),
      new Row("GET", "/api/v1/insights/settings", Scope.TENANT),
      new Row("PUT", "/api/v1/insights/settings", Scope.TENANT));

  private RouteTable() {
  }

  static List<Row> rows(Scope... scopes) {
    Set<Scope> wanted = Set.of(scopes);
    return ROWS.stream().filter(r -> wanted.contains(r.scope())).toList();
  }

  /** Routes of the live router that serve requests: a method and an exact path or a path template. */
  static Set<String> routesOf(Router router) {
    Set<String> keys = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null) {
        if (route.isRegexPath()) {
          keys.add("REGEX " + route.getName()); // a pathRegex route: give it a template path instead
        }
        continue; // middleware for every request (request log, headers, failure handler)
      }
      if (!route.isExactPath()) {
        continue; // prefixes: /api/* body handler, auth and 404 catch-all; /static/*
      }
      if (path.startsWith("/console")) {
        continue; // console pages (HTML, session cookie): ConsoleIT walks them, brand scoping included
      }
      if (route.methods() == null || route.methods().isEmpty()) {
        keys.add("ANY " + path);
        continue;
      }
      for (HttpMethod m : route.methods()) {
        keys.add(m.name() + " " + path);
      }
    }
    return keys;
  }

  /** Fails naming every route the table misses and every row the router no longer has. */
  static void assertCovers(Router router) {
    Set<String> live = routesOf(router);
    Set<String> table = new TreeSet<>();
    ROWS.forEach(r -> table.add(r.key()));
    assertThat(live)
        .as("routes served by the router; add new ones to RouteTable.ROWS with their scope")
        .containsExactlyInAnyOrderElementsOf(table);
  }
}
