package com.personaruntime.web.console.members;

import com.personaruntime.runtime.auth.AuthService;
import com.personaruntime.runtime.auth.Invitations;
import com.personaruntime.runtime.auth.SessionPrincipal;
import com.personaruntime.runtime.storage.Brand;
import com.personaruntime.runtime.storage.BrandRepository;
import com.personaruntime.runtime.storage.UserRepository;
import com.personaruntime.web.console.Console;
import com.personaruntime.web.console.ConsolePage;
import com.personaruntime.web.console.ConsoleRequest;
import com.personaruntime.web.console.ConsoleRoutes;
import com.personaruntime.web.console.NavItem;
import com.personaruntime.web.http.ApiException;
import com.personaruntime.web.http.Auth;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Optional;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/members}: for each brand you belong to, its display name (owners rename it:
 * audiences see that name in disclosures, never the slug), its members with their roles, and for
 * owners the pending invitations (revoke) and an invite form that shows the one-time accept link
 * once. Changes go through the brand API from the page.
 *
 * <p>{@code GET/POST /console/invitations/accept?token=...} (public): the invitee's page. It shows the
 * brand and role; logged in as the invited e-mail one button accepts; otherwise the form asks for a
 * password (a new account chooses one, an existing account gives its own) and, on success, logs the
 * invitee in. Cross-site posts are refused.
 */
public final class MemberPages implements ConsolePage {
  private final BrandRepository brands;
  private final UserRepository users;
  private final Invitations invitations;
  private final AuthService auth;
  private final Console.Options options;

  public MemberPages(BrandRepository brands, UserRepository users, Invitations invitations, AuthService auth,
      Console.Options options) {
    this.brands = brands;
    this.users = users;
    this.invitations = invitations;
    this.auth = auth;
    this.options = options;
  }

  @Override
  public String area() {
    return "members";
  }

  @Override
  public List<NavItem> nav() {
    return List.of(new NavItem("nav.members", "/console/members", 80));
  }

  @Override
  public void mount(ConsoleRoutes routes) {
    routes.get("/members", req -> {
      var p = req.principal();
      req.render("members/members.ftlh", brands.list().compose(all -> {
        List<Brand> mine = all.stream().filter(b -> p.canRead(b.id())).toList();
        List<Future<Map<String, Object>>> each = new ArrayList<>();
        for (Brand b : mine) {
          boolean owner = p.isOwner(b.id());
          Future<List<Invitations.Invitation>> pending = owner ? invitations.pending(b.id())
              : Future.succeededFuture(List.of());
          each.add(users.members(b.id()).compose(members -> pending.map(invs -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            members.forEach(m -> rows.add(Map.of("userId", m.userId(), "email", m.email(),
                "name", m.displayName() == null ? "" : m.displayName(), "role", m.role().wireName(),
                "self", m.userId().equals(p.userId()))));
            List<Map<String, Object>> invRows = new ArrayList<>();
            invs.forEach(i -> invRows.add(Map.of("id", i.id(), "email", i.email(), "role", i.role().wireName(),
                "expires", utc(i.expiresAt(), req.lang()))));
            return Map.<String, Object>of("slug", b.slug(), "name", b.name(), "owner", owner,
                "members", rows, "invitations", invRows);
          })));
        }
        return Future.all(each).map(cf -> each.stream().map(Future::result).toList());
      }), list -> {
        // after accepting an invitation: "You joined <brand>" (only a brand the user now belongs to)
        String joined = list.stream().filter(b -> b.get("slug").equals(req.query("joined")))
            .map(b -> String.valueOf(b.get("name"))).findFirst().orElse("");
        // after creating a brand: "Brand <name> (<slug>) created" (only a brand that exists)
        String created = list.stream().filter(b -> b.get("slug").equals(req.query("created")))
            .map(b -> b.get("name") + " (" + b.get("slug") + ")").findFirst().orElse("");
        return Map.of("brands", list, "joined", joined, "created", created, "admin", p.platformAdmin());
      });
    });
    routes.publicGet("/invitations/accept", this::acceptPage);
    routes.publicPost("/invitations/accept", this::accept);
  }

  private void acceptPage(ConsoleRequest req) {
    String token = req.query("token");
    session(req).onComplete(sar -> {
      if (sar.failed()) {
        req.fail(sar.cause());
        return;
      }
      invitations.open(token).onComplete(ar -> {
        if (ar.failed()) {
          req.fail(ar.cause());
        } else {
          show(req, token, ar.result().orElse(null), sar.result().orElse(null), "", "");
        }
      });
    });
  }

  private void accept(ConsoleRequest req) {
    if (!sameOrigin(req)) {
      throw new ApiException(403, "forbidden", "invitation form posted from another site");
    }
    String token = req.form("token");
    String password = req.form("password") == null ? "" : req.form("password");
    String name = req.form("name") == null ? "" : req.form("name").strip();
    String sentCsrf = req.form("_csrf");
    String ip = com.personaruntime.web.http.ClientAddress.of(req.ctx());
    session(req).onComplete(sar -> {
      if (sar.failed()) {
        req.fail(sar.cause());
        return;
      }
      SessionPrincipal session = sar.result().orElse(null);
      boolean asSession = session != null && password.isEmpty() && sentCsrf != null
          && MessageDigest.isEqual(sentCsrf.getBytes(StandardCharsets.UTF_8),
              session.csrfToken().getBytes(StandardCharsets.UTF_8));
      if (!asSession && password.isEmpty()) {
        invitations.open(token).onComplete(o -> show(req, token, o.succeeded() ? o.result().orElse(null) : null,
            session, req.t("invite.passwordRequired", Invitations.MIN_NEW_PASSWORD_LENGTH), ""));
        return;
      }
      if (name.length() > 200) {
        invitations.open(token).onComplete(o -> show(req, token, o.succeeded() ? o.result().orElse(null) : null,
            session, req.t("invite.nameTooLong"), ""));
        return;
      }
      Future<Invitations.Acceptance> result = asSession
          ? invitations.acceptAs(token, session.principal().userId(), session.principal().email())
          : invitations.acceptWithPassword(token, password, name, ip);
      result.onComplete(ar -> {
        if (ar.failed()) {
          req.fail(ar.cause());
          return;
        }
        Invitations.Acceptance a = ar.result();
        switch (a.outcome()) {
          case ACCEPTED -> {
            String target = Console.PREFIX + "/members?joined=" + a.opened().brandSlug();
            if (asSession) {
              req.redirect(target);
              return;
            }
            // log the invitee in with the password they just set or proved
            auth.login(a.opened().invitation().email(), password, ip).onComplete(lr -> {
              if (lr.succeeded() && lr.result().ok()) {
                req.ctx().response().addCookie(Auth.sessionCookie(lr.result().sessionId(), options.secureCookies(),
                    options.sessionTtlSeconds()));
                req.redirect(target);
              } else {
                req.redirect(Console.PREFIX + "/login?next=" + java.net.URLEncoder.encode(target,
                    StandardCharsets.UTF_8));
              }
            });
          }
          case INVALID_TOKEN -> show(req, token, null, session, "", "");
          case WRONG_ACCOUNT -> show(req, token, a.opened(), session, req.t("invite.wrongAccount"), "");
          case PASSWORD_REQUIRED -> show(req, token, a.opened(), session,
              req.t("invite.passwordRequired", Invitations.MIN_NEW_PASSWORD_LENGTH), "");
          case PASSWORD_TOO_SHORT -> show(req, token, a.opened(), session,
              req.t("invite.passwordTooShort", Invitations.MIN_NEW_PASSWORD_LENGTH), name);
          case INVALID_CREDENTIALS -> show(req, token, a.opened(), session, req.t("invite.wrongPassword"), name);
          case RATE_LIMITED -> show(req, token, a.opened(), session,
              com.personaruntime.web.console.login.LoginPages.rateLimited(req, a.retryAfterSeconds()), name);
          case DISABLED -> show(req, token, a.opened(), session, req.t("login.disabled"), name);
          default -> req.fail(new IllegalStateException("unexpected outcome " + a.outcome()));
        }
      });
    });
  }

  /**
   * The accept page; status 200 even for a dead link or a re-shown form (browsers log 4xx page loads as
   * errors, and the page says what is wrong).
   */
  private static void show(ConsoleRequest req, String token, Invitations.Opened opened, SessionPrincipal session,
      String error, String name) {
    Map<String, Object> model = new HashMap<>();
    model.put("valid", opened != null);
    model.put("token", token == null ? "" : token);
    model.put("error", error);
    model.put("name", name);
    model.put("minLength", Invitations.MIN_NEW_PASSWORD_LENGTH);
    model.put("loggedInAs", session == null ? "" : session.principal().email());
    model.put("sessionCsrf", session == null ? "" : session.csrfToken());
    if (opened != null) {
      model.put("brandName", opened.brandName());
      model.put("role", opened.invitation().role().wireName());
      model.put("email", opened.invitation().email());
      model.put("expires", utc(opened.invitation().expiresAt(), req.lang()));
      model.put("matches", session != null && session.principal().email().equals(opened.invitation().email()));
    } else {
      model.put("matches", false);
    }
    req.render("members/accept.ftlh", model);
  }

  /** An instant as {@code 08/12/2026 02:26 UTC} (vi) or {@code 2026-12-08 02:26 UTC} (en). */
  private static String utc(java.time.Instant at, String lang) {
    return com.personaruntime.web.console.ConsoleDates.formatUtc(at, lang, false);
  }

  /** The console session of this browser, if it has a live one (the page itself is public). */
  private Future<Optional<SessionPrincipal>> session(ConsoleRequest req) {
    Cookie cookie = req.ctx().request().getCookie(Auth.SESSION_COOKIE);
    if (cookie == null || cookie.getValue().isBlank()) {
      return Future.succeededFuture(Optional.empty());
    }
    return auth.authenticateSession(cookie.getValue());
  }

  /** No Origin header (old browsers, curl) or one naming this host. */
  private static boolean sameOrigin(ConsoleRequest req) {
    String origin = req.ctx().request().getHeader("Origin");
    if (origin == null || origin.isBlank()) {
      return true;
    }
    String host = req.ctx().request().getHeader("Host");
    try {
      URI u = URI.create(origin);
      String o = u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
      return host != null && (host.equalsIgnoreCase(o) || host.equalsIgnoreCase(u.getHost()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
