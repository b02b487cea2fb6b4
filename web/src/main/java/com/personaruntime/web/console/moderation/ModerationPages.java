package com.personaruntime.web.console.moderation;

import com.personaruntime.web.console.ConsolePage;
import com.personaruntime.web.console.ConsoleRoutes;
import com.personaruntime.web.console.NavItem;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/moderation}: a "coming soon" placeholder until the moderation issue replaces it with the
 * real page (keep the area name, the nav entry and the path).
 */
public final class ModerationPages implements ConsolePage {

  @Override
  public String area() {
    return "moderation";
  }

  @Override
  public List<NavItem> nav() {
    return List.of(new NavItem("nav.moderation", "/console/moderation", 20));
  }

  @Override
  public void mount(ConsoleRoutes routes) {
    routes.get("/moderation", req -> req.render("soon.ftlh", Map.of("titleKey", "nav.moderation", "textKey", "soon.moderation")));
  }
}
