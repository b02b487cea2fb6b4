package com.personaruntime.web.console.tokens;

import com.personaruntime.runtime.auth.ApiTokenInfo;
import com.personaruntime.runtime.auth.AuthService;
import com.personaruntime.web.console.ConsoleDates;
import com.personaruntime.web.console.ConsolePage;
import com.personaruntime.web.console.ConsoleRoutes;
import com.personaruntime.web.console.NavItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/tokens}: your API tokens. Created through {@code POST /api/v1/auth/tokens} from
 * the page (the secret is shown once, in the page, never again), listed, revoked.
 */
public final class TokenPages implements ConsolePage {
  private final AuthService auth;

  public TokenPages(AuthService auth) {
    this.auth = auth;
  }

  @Override
  public String area() {
    return "tokens";
  }

  @Override
  public List<NavItem> nav() {
    return List.of(new NavItem("nav.tokens", "/console/tokens", 90));
  }

  @Override
  public void mount(ConsoleRoutes routes) {
    routes.get("/tokens", req -> req.render("tokens/tokens.ftlh", auth.listApiTokens(req.principal().userId()), list -> {
      List<Map<String, Object>> rows = new ArrayList<>();
      Instant now = auth.clock().instant();
      for (ApiTokenInfo t : list) {
        rows.add(Map.of("id", t.id(), "name", t.name(), "prefix", t.prefix(),
            "created", day(t.createdAt(), req.lang()), "lastUsed", t.lastUsedAt() == null ? "" : day(t.lastUsedAt(), req.lang()),
            "expires", t.expiresAt() == null ? "" : day(t.expiresAt(), req.lang()),
            "active", t.activeAt(now)));
      }
      return Map.of("tokens", rows);
    }));
  }

  private static String day(Instant i, String lang) {
    return ConsoleDates.formatUtc(i, lang, false);
  }
}
