package com.personaruntime.web.console.transcripts;

import com.personaruntime.runtime.catalog.PersonaCatalog;
import com.personaruntime.runtime.live.Transcripts;
import com.personaruntime.runtime.storage.Brand;
import com.personaruntime.runtime.storage.BrandRepository;
import com.personaruntime.web.console.ConsoleDates;
import com.personaruntime.web.console.ConsolePage;
import com.personaruntime.web.console.ConsoleRequest;
import com.personaruntime.web.console.ConsoleRoutes;
import com.personaruntime.web.console.NavItem;
import com.personaruntime.web.console.PersonaLabels;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/transcripts?persona=SLUG[&decision=]}: a persona's conversations, read-only,
 * newest first, every turn with what the audience sent, exactly what it saw, the verdict and the
 * findings. Brand-scoped: personas of other brands are not found.
 */
public final class TranscriptPages implements ConsolePage {
  /**
   * The verdicts a stored turn can carry: the guard's (allow, rewrite, flag, block) and, for a held reply
   * released to the audience, the moderator's ({@code ModerationDecision} approve, edit, reject; an SLA
   * expiry is stored as reject). Each has a label in {@code transcripts/messages_*.properties}.
   */
  public static final List<String> DECISIONS = List.of("allow", "rewrite", "flag", "block", "approve", "edit", "reject");
  /** The routes shown in words (others, a model route's name, are shown as stored). */
  public static final List<String> NAMED_ROUTES = List.of("composer", "input-guard", "none", "moderator");
  private final PersonaCatalog catalog;
  private final BrandRepository brands;
  private final Transcripts transcripts;

  public TranscriptPages(PersonaCatalog catalog, BrandRepository brands, Transcripts transcripts) {
    this.catalog = catalog;
    this.brands = brands;
    this.transcripts = transcripts;
  }

  @Override
  public String area() {
    return "transcripts";
  }

  @Override
  public List<NavItem> nav() {
    return List.of(new NavItem("nav.transcripts", "/console/transcripts", 60));
  }

  @Override
  public void mount(ConsoleRoutes routes) {
    routes.get("/transcripts", this::list);
  }

  private void list(ConsoleRequest req) {
    var p = req.principal();
    String slug = req.query("persona");
    String decision = req.query("decision");
    if (decision != null && !decision.isBlank() && !DECISIONS.contains(decision)) {
      throw new IllegalArgumentException("decision: must be one of allow, rewrite, flag, block, got '" + decision + "'");
    }
    req.render("transcripts/transcripts.ftlh", catalog.list(p).compose(records -> brands.list().compose(all -> {
      // the same label as on every other page (PersonaLabels): same-named personas told apart by slug
      Map<String, String> labels = PersonaLabels.of(records, Brand.namesById(all));
      List<Map<String, Object>> personas = new ArrayList<>();
      records.forEach(r -> personas.add(Map.of("slug", r.slug(), "name", labels.get(r.slug()),
          "selected", r.slug().equals(slug))));
      Map<String, Object> m = new HashMap<>();
      m.put("personas", personas);
      m.put("persona", slug == null ? "" : slug);
      m.put("decision", decision == null ? "" : decision);
      m.put("decisions", DECISIONS);
      if (slug == null || slug.isBlank()) {
        m.put("conversations", List.of());
        return Future.succeededFuture(m);
      }
      return catalog.get(p, slug).compose(rec -> transcripts.forPersona(rec.id(), decision, 300)).map(turns -> {
        Map<String, Map<String, Object>> byConversation = new LinkedHashMap<>();
        for (Transcripts.Turn t : turns) {
          Map<String, Object> c = byConversation.computeIfAbsent(t.conversationId(), id -> {
            Map<String, Object> x = new HashMap<>();
            x.put("id", id);
            x.put("room", t.room() == null ? "" : t.room());
            x.put("turns", new ArrayList<Map<String, Object>>());
            return x;
          });
          List<String> findings = new ArrayList<>();
          try {
            // the rule in people's words and what the guard did, not the rule id and its English note
            new JsonArray(t.findingsJson()).forEach(o -> {
              JsonObject f = (JsonObject) o;
              findings.add(req.ruleLabel(f.getString("rule")) + " (" + req.t("verdict." + f.getString("action", "flag"))
                  + ")");
            });
          } catch (RuntimeException e) {
            // stored findings are always a JSON list
          }
          Map<String, Object> row = new HashMap<>();
          row.put("at", ConsoleDates.formatUtc(t.at(), req.lang(), true));
          row.put("audience", t.audienceText());
          row.put("reply", t.replyText());
          row.put("decision", t.decision());
          row.put("version", t.personaVersion());
          String route = t.route() == null ? "none" : t.route();
          row.put("route", NAMED_ROUTES.contains(route) ? req.t("transcripts.route." + route) : route);
          row.put("findings", findings);
          @SuppressWarnings("unchecked")
          List<Map<String, Object>> list = (List<Map<String, Object>>) c.get("turns");
          list.add(0, row); // oldest first inside a conversation
        }
        m.put("conversations", new ArrayList<>(byConversation.values()));
        return m;
      });
    })), m -> m);
  }
}
