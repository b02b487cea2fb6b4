package com.personaruntime.web.console.account;

import com.personaruntime.runtime.auth.PasswordChanges;
import com.personaruntime.web.console.ConsolePage;
import com.personaruntime.web.console.ConsoleRequest;
import com.personaruntime.web.console.ConsoleRoutes;
import com.personaruntime.web.console.NavItem;
import com.personaruntime.web.http.Auth;
import io.vertx.core.http.Cookie;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code /console/account}: who you are, your brands and roles, and changing your password. */
public final class AccountPages implements ConsolePage {
  private final PasswordChanges passwords;
  private final com.personaruntime.runtime.storage.BrandRepository brands;

  public AccountPages(PasswordChanges passwords, com.personaruntime.runtime.storage.BrandRepository brands) {
    this.passwords = passwords;
    this.brands = brands;
  }

  @Override
  public String area() {
    return "account";
  }

  @Override
  public List<NavItem> nav() {
    return List.of(new NavItem("nav.account", "/console/account", 100));
  }

  @Override
  public void mount(ConsoleRoutes routes) {
    routes.get("/account", req -> page(req, "1".equals(req.query("changed")) ? req.t("account.changed") : "", ""));
    routes.post("/account/password", this::change);
  }

  private void page(ConsoleRequest req, String notice, String error) {
    var p = req.principal();
    req.render("account/account.ftlh", brands.list(), all -> {
      List<Map<String, Object>> roles = new java.util.ArrayList<>();
      all.forEach(b -> p.roleIn(b.id()).ifPresent(r -> roles.add(Map.of("brand", b.name(), "role", r.wireName()))));
      Map<String, Object> m = new HashMap<>();
      m.put("email", p.email());
      m.put("admin", p.platformAdmin());
      m.put("roles", roles);
      m.put("notice", notice);
      m.put("error", error);
      m.put("minLength", com.personaruntime.runtime.auth.Passwords.MIN_LENGTH);
      return m;
    });
  }

  private void change(ConsoleRequest req) {
    String current = req.form("current");
    String next = req.form("new");
    String confirm = req.form("confirm");
    if (next == null || !next.equals(confirm)) {
      page(req, "", req.t("account.mismatch"));
      return;
    }
    Cookie cookie = req.ctx().request().getCookie(Auth.SESSION_COOKIE);
    passwords.change(req.principal().userId(), current, next, cookie == null ? null : cookie.getValue())
        .onComplete(ar -> {
          if (ar.failed()) {
            req.fail(ar.cause());
            return;
          }
          switch (ar.result()) {
            case CHANGED -> req.redirect("/console/account?changed=1");
            case WRONG_CURRENT -> page(req, "", req.t("account.wrongCurrent"));
            case SAME_AS_CURRENT -> page(req, "", req.t("account.same"));
            default -> page(req, "", req.t("account.tooShort", com.personaruntime.runtime.auth.Passwords.MIN_LENGTH));
          }
        });
  }
}
