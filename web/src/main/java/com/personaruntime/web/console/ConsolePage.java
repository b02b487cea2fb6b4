package com.personaruntime.web.console;

import java.util.List;

/**
 * One area of the console (personas, moderation, posts, ...): its routes, its nav entries and
 * the name of its folder for templates and messages.
 *
 * <p>An area lives in {@code web/.../console/<area>/} (one class implementing this interface,
 * e.g. {@code console/posts/PostPages.java}); its templates in
 * {@code web/src/main/resources/console/<area>/*.ftlh}; its UI texts in
 * {@code console/<area>/messages_en.properties} and {@code messages_vi.properties} (loaded
 * automatically, keys prefixed with the area by convention, e.g. {@code posts.title}). It is
 * registered once, in the list given to {@link Console} in {@code PersonaServer}. See
 * {@code package-info.java} for a complete example.
 */
public interface ConsolePage {

  /** Folder name of the area's templates and messages, e.g. {@code "moderation"}. */
  String area();

  /** Entries this area adds to the navigation (none by default). */
  default List<NavItem> nav() {
    return List.of();
  }

  /** Adds the area's routes; paths are relative to {@code /console}. */
  void mount(ConsoleRoutes routes);
}
