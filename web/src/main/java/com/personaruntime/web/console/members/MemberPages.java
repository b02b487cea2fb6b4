package com.personaruntime.web.console.members;

import com.personaruntime.runtime.storage.Brand;
import com.personaruntime.runtime.storage.BrandRepository;
import com.personaruntime.runtime.storage.UserRepository;
import com.personaruntime.web.console.ConsolePage;
import com.personaruntime.web.console.ConsoleRoutes;
import com.personaruntime.web.console.NavItem;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/members}: for each brand you belong to, its display name (owners rename it:
 * audiences see that name in disclosures, never the slug) and its members with their roles
 * (owners add and remove members). Changes go through the brand API from the page.
 */
public final class MemberPages implements ConsolePage {
  private final BrandRepository brands;
  private final UserRepository users;

  public MemberPages(BrandRepository brands, UserRepository users) {
    this.brands = brands;
    this.users = users;
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
          each.add(users.members(b.id()).map(members -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            members.forEach(m -> rows.add(Map.of("userId", m.userId(), "email", m.email(),
                "name", m.displayName() == null ? "" : m.displayName(), "role", m.role().wireName(),
                "self", m.userId().equals(p.userId()))));
            return Map.<String, Object>of("slug", b.slug(), "name", b.name(), "owner", p.isOwner(b.id()),
                "members", rows);
          }));
        }
        return Future.all(each).map(cf -> each.stream().map(Future::result).toList());
      }), list -> Map.of("brands", list));
    });
  }
}
