package com.personaruntime.web.console.insights;

import com.personaruntime.runtime.catalog.CatalogException;
import com.personaruntime.runtime.storage.Brand;
import com.personaruntime.runtime.storage.BrandRepository;
import com.personaruntime.runtime.catalog.PersonaCatalog;
import com.personaruntime.runtime.insights.InsightsService;
import com.personaruntime.runtime.storage.PersonaRecord;
import com.personaruntime.web.console.ConsolePage;
import com.personaruntime.web.console.ConsoleRequest;
import com.personaruntime.web.console.ConsoleRoutes;
import com.personaruntime.web.console.NavItem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.webjars.WebJarVersionLocator;

/**
 * {@code /console/insights}: a persona's audience insights for a marketer — net sentiment over time,
 * top topics, knowledge gaps with counts (each with a link that opens a new knowledge entry
 * pre-filled with the question), moderation by rule, response time and returning audience. Charts
 * are drawn by Chart.js (WebJar) from the same numbers that the data table under each chart shows,
 * so the page reads without JavaScript and with a screen reader.
 *
 * <p>{@code /console/insights/knowledge/new?persona=SLUG&question=TEXT} is the pre-filled form; its
 * POST adds the entry to the persona as a new version (a draft unless "publish now" is ticked;
 * owners and editors only, as for any persona change).
 */
public final class InsightPages implements ConsolePage {
  static final List<Integer> DAY_CHOICES = List.of(1, 7, 30, 90);
  private static final int MAX_TITLE = 200;
  private static final int MAX_TEXT = 4_000;

  private final InsightsService insights;
  private final PersonaCatalog catalog;
  private final BrandRepository brands;
  private final String chartJs;

  /**
   * @param insights the audience insights of a persona's conversations
   * @param catalog  the personas the signed-in user may see (the page's persona picker)
   * @param brands   the brands, whose display names label each persona in the picker ("Linh (Lumière)")
   */
  public InsightPages(InsightsService insights, PersonaCatalog catalog, BrandRepository brands) {
    this.insights = insights;
    this.catalog = catalog;
    this.brands = brands;
    this.chartJs = "/console/webjars/chart.js/" + new WebJarVersionLocator().version("chart.js") + "/dist/chart.umd.min.js";
  }

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
    routes.get("/insights", this::page);
    routes.get("/insights/knowledge/new", this::newEntry);
    routes.post("/insights/knowledge", this::addEntry);
  }

  private void page(ConsoleRequest req) {
    int days = days(req.query("days"));
    String wanted = req.query("persona");
    Future<List<Brand>> brandList = brands.list();
    Future<Map<String, Object>> data = Future.all(catalog.list(req.principal()), brandList).compose(both -> {
      List<PersonaRecord> records = both.resultAt(0);
      Map<String, String> brandNames = Brand.namesById(brandList.result());
      List<Map<String, Object>> personas = new ArrayList<>();
      PersonaRecord chosen = null;
      // "Linh (Lumière)", "Kai · kai2 (Stride Lab)" for a second Kai: the same label on every page (PersonaLabels)
      Map<String, String> labels = com.personaruntime.web.console.PersonaLabels.of(records, brandNames);
      for (PersonaRecord r : records) {
        personas.add(Map.of("slug", r.slug(), "label", labels.get(r.slug()), "selected", r.slug().equals(wanted)));
        if (r.slug().equals(wanted) || (wanted == null && chosen == null)) {
          chosen = r;
        }
      }
      Map<String, Object> m = new HashMap<>();
      m.put("personas", personas);
      m.put("days", days);
      m.put("dayChoices", DAY_CHOICES);
      m.put("chartJs", chartJs);
      m.put("added", "1".equals(req.query("added")));
      if (chosen == null) {
        m.put("missing", wanted != null);
        return Future.succeededFuture(m);
      }
      PersonaRecord p = chosen;
      m.put("persona", p.slug());
      return insights.report(p.id(), p.slug(), days).map(report -> {
        m.put("r", view(report, req));
        m.put("chartData", charts(report, req).encode());
        return m;
      });
    });
    req.render("insights/insights.ftlh", data, m -> m);
  }

  /** The report as template-friendly maps (FreeMarker does not read Vert.x JSON directly). */
  static Map<String, Object> view(JsonObject r, ConsoleRequest req) {
    Map<String, Object> m = new LinkedHashMap<>();
    JsonObject s = r.getJsonObject("sentiment");
    m.put("conversations", r.getInteger("conversations"));
    m.put("messages", r.getInteger("messages"));
    m.put("positive", s.getInteger("positive"));
    m.put("negative", s.getInteger("negative"));
    m.put("neutral", s.getInteger("neutral"));
    m.put("net", s.getValue("net") == null ? "–" : String.format(Locale.ROOT, "%+.2f", s.getDouble("net")));
    JsonObject rt = r.getJsonObject("responseTimeMs");
    m.put("p50", rt.getValue("p50") == null ? "–" : rt.getInteger("p50").toString());
    m.put("p90", rt.getValue("p90") == null ? "–" : rt.getInteger("p90").toString());
    m.put("mean", rt.getValue("mean") == null ? "–" : rt.getValue("mean").toString());
    JsonObject mod = r.getJsonObject("moderation");
    m.put("flagged", mod.getInteger("flagged"));
    m.put("blocked", mod.getInteger("blocked"));
    m.put("rate", String.format(Locale.ROOT, "%.1f", 100 * mod.getDouble("rate")));
    m.put("byRule", list(mod.getJsonArray("byRule")));
    m.put("days", list(r.getJsonArray("sentimentOverTime")).stream().map(d -> {
      Map<String, Object> x = new LinkedHashMap<>(d);
      x.put("net", d.get("net") == null ? "–" : String.format(Locale.ROOT, "%+.2f", ((Number) d.get("net")).doubleValue()));
      return x;
    }).toList());
    m.put("topics", list(namedTopics(r.getJsonArray("topics"), n -> topicName(n, req))));
    List<Map<String, Object>> gaps = new ArrayList<>();
    for (Map<String, Object> g : list(r.getJsonArray("knowledgeGaps"))) {
      Map<String, Object> x = new LinkedHashMap<>(g);
      x.put("addHref", "/console/insights/knowledge/new?persona=" + enc(r.getString("persona")) + "&question="
          + enc((String) g.get("question")));
      gaps.add(x);
    }
    m.put("gaps", gaps);
    JsonObject q = r.getJsonObject("questions");
    m.put("asked", q.getInteger("asked"));
    m.put("unanswered", q.getInteger("unanswered"));
    JsonObject c = r.getJsonObject("community");
    m.put("audience", c.getInteger("audience"));
    m.put("returning", c.getInteger("returning"));
    m.put("advocates", list(c.getJsonArray("advocates")));
    m.put("rooms", list(c.getJsonArray("rooms")).stream().map(x -> {
      Map<String, Object> y = new LinkedHashMap<>(x);
      y.put("net", x.get("net") == null ? "–" : String.format(Locale.ROOT, "%+.2f", ((Number) x.get("net")).doubleValue()));
      return y;
    }).toList());
    return m;
  }

  /** What insights.js draws: one entry per canvas id, labels and datasets in the page's language. */
  static JsonObject charts(JsonObject r, ConsoleRequest req) {
    JsonArray dates = new JsonArray();
    JsonArray net = new JsonArray();
    JsonArray pos = new JsonArray();
    JsonArray neg = new JsonArray();
    JsonArray neu = new JsonArray();
    for (Object o : r.getJsonArray("sentimentOverTime")) {
      JsonObject d = (JsonObject) o;
      dates.add(d.getString("date").substring(5));
      net.add(d.getValue("net"));
      pos.add(d.getInteger("positive"));
      neg.add(d.getInteger("negative"));
      neu.add(d.getInteger("neutral"));
    }
    JsonObject out = new JsonObject();
    out.put("chart-sentiment", new JsonObject().put("kind", "sentiment").put("labels", dates)
        .put("net", net).put("netLabel", req.t("insights.net"))
        .put("series", new JsonArray()
            .add(new JsonObject().put("label", req.t("insights.positive")).put("data", pos).put("color", "#1a7f37"))
            .add(new JsonObject().put("label", req.t("insights.neutral")).put("data", neu).put("color", "#8c959f"))
            .add(new JsonObject().put("label", req.t("insights.negative")).put("data", neg).put("color", "#b42318"))));
    out.put("chart-topics", bars(namedTopics(r.getJsonArray("topics"), n -> topicName(n, req)), "name",
        req.t("insights.messages"),
        "#1f5fbf"));
    out.put("chart-gaps", bars(r.getJsonArray("knowledgeGaps"), "question", req.t("insights.timesAsked"), "#8a5a00"));
    JsonArray byRule = new JsonArray();
    for (Object o : r.getJsonObject("moderation").getJsonArray("byRule")) {
      JsonObject x = ((JsonObject) o).copy();
      byRule.add(x.put("rule", req.ruleLabel(x.getString("rule")))); // in people's words, not the rule id
    }
    out.put("chart-moderation", bars(byRule, "rule", req.t("insights.turns"), "#b42318"));
    JsonObject rt = r.getJsonObject("responseTimeMs");
    out.put("chart-response", new JsonObject().put("kind", "bar").put("horizontal", false)
        .put("labels", new JsonArray().add("p50").add("p90").add(req.t("insights.mean")))
        .put("series", new JsonArray().add(new JsonObject().put("label", "ms").put("color", "#1f5fbf")
            .put("data", new JsonArray().add(rt.getValue("p50")).add(rt.getValue("p90")).add(rt.getValue("mean"))))));
    JsonObject c = r.getJsonObject("community");
    int returning = c.getInteger("returning");
    out.put("chart-audience", new JsonObject().put("kind", "doughnut")
        .put("labels", new JsonArray().add(req.t("insights.returning")).add(req.t("insights.firstTime")))
        .put("series", new JsonArray().add(new JsonObject().put("label", req.t("insights.audience"))
            .put("data", new JsonArray().add(returning).add(c.getInteger("audience") - returning))
            .put("colors", new JsonArray().add("#1a7f37").add("#8c959f")))));
    return out;
  }

  /**
   * The report's topics ({@code [{"name","count"}]}, most frequent first) named in the page's language, topics that
   * read the same merged: a brand's knowledge entry titled "Giao hàng" and the shipping intent ("Giao hàng" in
   * Vietnamese) are one topic, not two rows of the same name. Case and Unicode form are ignored when comparing.
   */
  static JsonArray namedTopics(JsonArray topics, java.util.function.UnaryOperator<String> namer) {
    Map<String, JsonObject> byName = new LinkedHashMap<>();
    for (Object o : topics) {
      JsonObject x = (JsonObject) o;
      String name = namer.apply(x.getString("name"));
      String key = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFC).toLowerCase(Locale.ROOT).strip();
      JsonObject merged = byName.get(key);
      if (merged == null) {
        byName.put(key, new JsonObject().put("name", name).put("count", x.getInteger("count", 0)));
      } else {
        merged.put("count", merged.getInteger("count") + x.getInteger("count", 0));
      }
    }
    List<JsonObject> sorted = new ArrayList<>(byName.values());
    sorted.sort((a, b) -> Integer.compare(b.getInteger("count"), a.getInteger("count")));
    return new JsonArray(new ArrayList<Object>(sorted));
  }

  /** Intent-based topic names in the page's language; knowledge titles stay as the brand wrote them. */
  static String topicName(String name, ConsoleRequest req) {
    return INTENT_TOPICS.contains(name) ? req.t("insights.topicName." + name.replace(' ', '-')) : name;
  }

  private static final List<String> INTENT_TOPICS = List.of("price", "shipping", "buying", "complaints", "off-topic",
      "product questions");

  private static JsonObject bars(JsonArray items, String labelField, String label, String color) {
    JsonArray labels = new JsonArray();
    JsonArray data = new JsonArray();
    for (Object o : items) {
      JsonObject i = (JsonObject) o;
      String l = i.getString(labelField);
      labels.add(l.length() > 48 ? l.substring(0, 47) + "…" : l);
      data.add(i.getInteger("count"));
    }
    return new JsonObject().put("kind", "bar").put("horizontal", true).put("labels", labels)
        .put("series", new JsonArray().add(new JsonObject().put("label", label).put("data", data).put("color", color)));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(JsonArray a) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : a) {
      Map<String, Object> m = new LinkedHashMap<>(((JsonObject) o).getMap());
      m.replaceAll((k, v) -> v instanceof JsonArray ja ? ja.getList() : v);
      out.add(m);
    }
    return out;
  }

  private static int days(String raw) {
    try {
      int d = raw == null ? 30 : Integer.parseInt(raw.strip());
      return Math.max(1, Math.min(InsightsService.MAX_DAYS, d));
    } catch (NumberFormatException e) {
      return 30;
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ knowledge entry from a gap

  private void newEntry(ConsoleRequest req) {
    String slug = req.query("persona");
    String question = req.query("question");
    Map<String, Object> form = new HashMap<>();
    // a title is a name the persona says ("trà sữa matcha"), never the question ("Có trà sữa matcha không?"):
    // the thing the question asks about, else left for the brand to write; the question is shown beside it
    form.put("title", truncate(com.personaruntime.composer.Knowledge.titleFor(question), MAX_TITLE));
    form.put("text", "");
    form.put("tags", "faq");
    req.render("insights/knowledge.ftlh", catalog.get(req.principal(), slug == null ? "" : slug),
        rec -> Map.of("persona", rec.slug(), "form", form, "question", question == null ? "" : question,
            "problems", List.of()));
  }

  private void addEntry(ConsoleRequest req) {
    String slug = req.form("persona");
    String title = req.form("title") == null ? "" : req.form("title").strip();
    String text = req.form("text") == null ? "" : req.form("text").strip();
    String tags = req.form("tags") == null ? "" : req.form("tags").strip();
    boolean publish = "on".equals(req.form("publish"));
    List<String> problems = new ArrayList<>();
    if (title.isEmpty() || title.length() > MAX_TITLE) {
      problems.add(req.t("insights.kb.titleProblem", MAX_TITLE));
    }
    if (text.isEmpty() || text.length() > MAX_TEXT) {
      problems.add(req.t("insights.kb.textProblem", MAX_TEXT));
    }
    Map<String, Object> form = Map.of("title", title, "text", text, "tags", tags);
    Future<PersonaRecord> rec = catalog.get(req.principal(), slug == null ? "" : slug);
    if (!problems.isEmpty()) {
      req.render("insights/knowledge.ftlh", rec, r -> Map.of("persona", r.slug(), "form", form,
          "question", title, "problems", problems));
      return;
    }
    rec.compose(r -> {
      JsonObject doc = new JsonObject(r.latestDocument());
      JsonArray knowledge = doc.getJsonArray("knowledge", new JsonArray());
      JsonArray tagList = new JsonArray();
      for (String t : tags.split(",")) {
        if (!t.isBlank()) {
          tagList.add(t.strip());
        }
      }
      knowledge.add(new JsonObject().put("id", uniqueId(title, knowledge)).put("title", title).put("text", text)
          .put("tags", tagList));
      doc.put("knowledge", knowledge);
      return catalog.update(req.principal(), r.slug(), doc.encode(), publish, "console");
    }).onSuccess(updated -> req.redirect("/console/insights?persona=" + enc(updated.slug()) + "&added=1"))
        .onFailure(err -> {
          if (err instanceof CatalogException e && e.kind() == CatalogException.Kind.INVALID) {
            List<String> all = new ArrayList<>(List.of(e.getMessage()));
            all.addAll(e.problems());
            req.render(400, "insights/knowledge.ftlh", Map.of("persona", slug, "form", form, "question", title,
                "problems", all));
          } else {
            req.fail(err);
          }
        });
  }

  /** A knowledge id from the title: folded, a-z0-9 and '-', unique within the persona. */
  static String uniqueId(String title, JsonArray existing) {
    String base = Normalizer.normalize(title.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    if (base.length() > 40) {
      base = base.substring(0, 40).replaceAll("-+$", "");
    }
    if (base.isEmpty()) {
      base = "faq";
    }
    List<String> ids = new ArrayList<>();
    for (Object o : existing) {
      ids.add(((JsonObject) o).getString("id"));
    }
    String id = base;
    for (int n = 2; ids.contains(id); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  private static String truncate(String s, int max) {
    return s.length() > max ? s.substring(0, max) : s;
  }
}
