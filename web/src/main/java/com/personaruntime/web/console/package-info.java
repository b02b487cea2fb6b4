/**
 * The brand console: server-rendered pages under {@code /console}.
 *
 * <h2>How a page area plugs in</h2>
 * One class per area in {@code console/<area>/}, templates and texts in a matching folder of
 * {@code src/main/resources/console/<area>/}:
 *
 * <pre>{@code
 * // web/src/main/java/com/personaruntime/web/console/posts/PostPages.java
 * public final class PostPages implements ConsolePage {
 *   private final PostService posts;                       // whatever runtime service it needs
 *   public PostPages(PostService posts) { this.posts = posts; }
 *   public String area() { return "posts"; }               // folder of templates and messages
 *   public List<NavItem> nav() { return List.of(new NavItem("nav.posts", "/console/posts", 30)); }
 *   public void mount(ConsoleRoutes routes) {
 *     routes.get("/posts", req -> req.render("posts/list.ftlh",
 *         posts.list(req.principal()), list -> Map.of("posts", list)));
 *     routes.post("/posts/:id/approve", req -> posts.approve(req.principal(), req.param("id"))
 *         .onSuccess(x -> req.redirect("/console/posts")).onFailure(req::fail));
 *   }
 * }
 * }</pre>
 *
 * <pre>{@code
 * <#-- web/src/main/resources/console/posts/list.ftlh -->
 * <#import "/layout.ftlh" as l>
 * <@l.page title=t("posts.title")>
 *   <h1>${t("posts.title")}</h1>
 *   <#list posts as p><p>${p.text}</p></#list>          <#-- auto-escaped -->
 *   <form method="post" action="/console/posts/x/approve">
 *     <input type="hidden" name="_csrf" value="${csrf}">
 *     <button type="submit">${t("posts.approve")}</button>
 *   </form>
 * </@l.page>
 * }</pre>
 *
 * Texts: {@code console/posts/messages_en.properties} and {@code messages_vi.properties}
 * (UTF-8, keys {@code posts.*}; a test checks both languages have the same keys). Register the
 * area in the list given to {@link com.personaruntime.web.console.Console} in
 * {@code PersonaServer}. Then:
 * <ul>
 *   <li>{@link com.personaruntime.web.console.ConsoleRoutes#get}/{@code post} require a logged-in
 *       user (anonymous browsers go to the login form and come back); posts need the CSRF token:
 *       {@code <input type="hidden" name="_csrf" value="${csrf}">} in forms, or the
 *       {@code X-CSRF-Token} header, which htmx requests and {@code PersonaConsole.api(...)}
 *       (console.js, for calls to {@code /api/v1}) add by themselves.</li>
 *   <li>Role checks stay the page's (or the runtime service's) job, as in the API.</li>
 *   <li>Rendering runs on a worker thread; never render on the event loop yourself.</li>
 *   <li>Untrusted text: only through {@code ${...}} in {@code .ftlh} (escaped) or
 *       {@code textContent} in scripts; never {@code ?no_esc} or {@code innerHTML} with it.</li>
 *   <li>Shared CSS classes (console.css): {@code card}, {@code field} (label + control),
 *       {@code actions}, {@code badge ok|warn|bad}, {@code table.list} (turns into cards on a
 *       phone: give each {@code td} a {@code data-label}), {@code problem}, {@code notice}.</li>
 * </ul>
 */
package com.personaruntime.web.console;
