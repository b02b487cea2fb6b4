package com.personaruntime.web.console.posts;

import com.personaruntime.web.console.ConsolePage;
import com.personaruntime.web.console.ConsoleRoutes;
import com.personaruntime.web.console.NavItem;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/posts}: a "coming soon" placeholder until the posts issue replaces it with the
 * real page (keep the area name, the nav entry and the path).
 */
public final class PostPages implements ConsolePage {

  @Override
  public String area() {
    return "posts";
  }

  @Override
  public List<NavItem> nav() {
    return List.of(new NavItem("nav.posts", "/console/posts", 30));
  }

  @Override
  public void mount(ConsoleRoutes routes) {
    routes.get("/posts", req -> req.render("soon.ftlh", Map.of("titleKey", "nav.posts", "textKey", "soon.posts")));
  }
}
