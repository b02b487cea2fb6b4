package com.personaruntime.web.console.insights;

import com.personaruntime.web.console.ConsolePage;
import com.personaruntime.web.console.ConsoleRoutes;
import com.personaruntime.web.console.NavItem;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/insights}: a "coming soon" placeholder until the insights issue replaces it with the
 * real page (keep the area name, the nav entry and the path).
 */
public final class InsightPages implements ConsolePage {

  @Override
  public String area() {
    return "insights";
  }

  @Override
  public List<NavItem> nav() {
    return List.of(new NavItem("nav.insights", "/console/insights", 40));
  }

  @Override
  public void mount(ConsoleRoutes routes) {
    routes.get("/insights", req -> req.render("soon.ftlh", Map.of("titleKey", "nav.insights", "textKey", "soon.insights")));
  }
}
