package com.personaruntime.web.console.moderation;

import com.personaruntime.web.console.ConsolePage;
import com.personaruntime.web.console.ConsoleRoutes;
import com.personaruntime.web.console.NavItem;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/moderation}: the moderator's queue. The page is a shell rendered in the shared
 * layout ({@code console/moderation/queue.ftlh}); {@code /console/static/moderation.js} fills it
 * from the moderation API with the console's session (its CSRF token from the layout's meta tag)
 * and keeps it live with {@code GET /api/v1/moderation/events} (Server-Sent Events): the queue of
 * the user's brands, oldest first, with filters (status, brand, persona, kind, rule, age), SLA
 * timer colours, the item's conversation and findings, claim / approve / edit (the guard's findings
 * shown before sending) / reject for replies and dismiss / confirm block / let through for refused
 * audience messages, reasons (the item's rules by their labels in the console's language, number keys)
 * and who decided. Keyboard: j/k,
 * c, a, e, r, t, 1-9. Texts come from {@code console/moderation/messages_*.properties}; the
 * script's texts are the {@code moderation.js.*} keys, handed over as JSON in a data attribute.
 */
public final class ModerationPages implements ConsolePage {
  /** The script's text keys (without the {@code moderation.js.} prefix). */
  static final List<String> SCRIPT_KEYS = List.of("queue.count", "queue.count.one", "queue.empty", "queue.loading", "kind.chat_reply", "kind.chat_input",
      "kind.post", "status.open", "status.claimed", "status.approved", "status.edited", "status.rejected",
      "status.expired", "status.dismissed", "status.block_confirmed", "status.let_through", "verdict", "sla.late",
      "sla.left", "claimedBy", "decidedBy", "you", "reason", "note", "edit", "conversation", "audience", "shown",
      "content.reply", "content.input", "released", "notDelivered", "detail.none", "claim", "unclaim",
      "action.approve", "action.edit", "action.reject", "action.dismiss", "action.confirm_block",
      "action.let_through", "check.allow", "check.rewrite", "check.flag", "check.block", "decided", "live.on",
      "live.off", "verdict.allow", "verdict.rewrite", "verdict.flag", "verdict.block", "age.s", "age.min", "age.h");

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
    routes.get("/moderation", req -> {
      JsonObject strings = new JsonObject();
      for (String key : SCRIPT_KEYS) {
        // {0} stays a placeholder the script fills in
        strings.put(key, req.t("moderation.js." + key, "{0}"));
      }
      // the rule filter offers every rule a chat item can carry, by its label in the console's language
      List<Map<String, String>> rules = new java.util.ArrayList<>();
      for (String id : com.personaruntime.guardrails.RuleIds.all()) {
        if (!id.startsWith("platform.")) { // posts only; posts are not moderated here
          rules.add(Map.of("id", id, "label", req.ruleLabel(id)));
        }
      }
      rules.sort(java.util.Comparator.comparing((Map<String, String> r) -> r.get("label")));
      req.render("moderation/queue.ftlh", Map.of("me", req.principal().userId(), "strings", strings.encode(),
          "rules", rules));
    });
  }
}
