package com.personaruntime.web.console.posts;

import com.personaruntime.runtime.auth.Principal;
import com.personaruntime.runtime.catalog.PersonaCatalog;
import com.personaruntime.runtime.posts.PlatformProfile;
import com.personaruntime.runtime.posts.PostException;
import com.personaruntime.runtime.posts.PostService;
import com.personaruntime.runtime.publish.ChannelStore;
import com.personaruntime.runtime.posts.PostService.Post;
import com.personaruntime.runtime.posts.PostService.Variant;
import com.personaruntime.runtime.posts.VariantStatus;
import com.personaruntime.runtime.storage.Brand;
import com.personaruntime.runtime.storage.BrandRepository;
import com.personaruntime.runtime.storage.PersonaRecord;
import com.personaruntime.runtime.storage.UserRepository;
import com.personaruntime.web.console.ConsolePage;
import com.personaruntime.web.console.ConsoleRequest;
import com.personaruntime.web.console.ConsoleRoutes;
import com.personaruntime.web.console.NavItem;
import com.personaruntime.web.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import com.personaruntime.web.console.ConsoleDates;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /console/posts}: compose a post from a brief, per-platform previews (length meter in the
 * platform's own counting, labels highlighted), edit, approve/reject with comments, schedule in a
 * time zone, delivery status and the provenance link. Every action goes through {@link PostService}
 * with the same rules as the API (the author cannot approve, blocking findings, approvals bound to
 * the text); a refusal is shown on the page.
 */
public final class PostPages implements ConsolePage {
  /** Zones offered in the schedule form (any IANA zone may be typed). */
  static final List<String> ZONES = List.of("Asia/Ho_Chi_Minh", "Asia/Bangkok", "Asia/Singapore", "Asia/Shanghai",
      "Asia/Tokyo", "Europe/London", "Europe/Paris", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "UTC");

  private final PostService posts;
  private final PersonaCatalog catalog;
  private final Supplier<String> baseUrl;
  private final UserRepository users;
  private final BrandRepository brands;
  private final ChannelStore channels;
  private final Clock clock;

  /**
   * @param channels the brands' publishing channels (listed, added and removed on the posts page)
   * @param clock the server's clock (a schedule time already past is refused against it)
   */
  public PostPages(PostService posts, PersonaCatalog catalog, UserRepository users, BrandRepository brands,
      ChannelStore channels, Supplier<String> baseUrl, Clock clock) {
    this.brands = brands;
    this.channels = channels;
    this.clock = clock;
    this.posts = posts;
    this.catalog = catalog;
    this.users = users;
    this.baseUrl = baseUrl;
  }

  /** Persona display names by slug (the name in the published document, else the latest), for people to read. */
  private static Map<String, String> personaNames(List<PersonaRecord> records) {
    Map<String, String> out = new HashMap<>();
    for (PersonaRecord r : records) {
      String doc = r.publishedDocument() != null ? r.publishedDocument() : r.latestDocument();
      try {
        out.put(r.slug(), doc == null ? r.slug() : new JsonObject(doc).getString("name", r.slug()));
      } catch (RuntimeException e) {
        out.put(r.slug(), r.slug()); // a stored document is always JSON
      }
    }
    return out;
  }

  /**
   * The console's explanation of a platform-fit finding ({@code platform.length}, {@code platform.shortened},
   * {@code platform.hashtags}, {@code platform.links}: the variant fitter's rules, whose own notes are English)
   * in the console's language, with the platform's name, its limits and its way of counting; {@code note} (the
   * finding's own message) for any other rule, or when the platform is unknown.
   */
  public static String fitExplanation(com.personaruntime.web.console.Messages messages, String lang, String rule,
      PlatformProfile profile, int length, String note) {
    if (rule == null || !rule.startsWith("platform.") || profile == null) {
      return note;
    }
    String key = "posts.fit." + rule;
    // numbers in the console's format (63.206 in Vietnamese, 63,206 in English), as the compose page says them
    java.text.NumberFormat n = java.text.NumberFormat.getIntegerInstance(java.util.Locale.forLanguageTag(lang));
    String text = messages.text(lang, key, n.format(length), profile.name(),
        messages.text(lang, "posts.counting." + profile.counting().wire()),
        n.format(profile.maxLength()), n.format(profile.maxHashtags()), n.format(profile.maxLinks()));
    return text.equals(key) ? note : text;
  }

  /**
   * A guard finding explained in the console's language by the words of {@code text} it stopped on
   * ({@code posts.finding.on}: 'On the words “cure acne”', at most 80 characters, offsets clamped to the text), or
   * {@code posts.finding.whole} when it spans nothing (a missing disclosure label, the text as a whole). The guard's
   * own notes are English and name internal patterns; the API still returns them.
   */
  static String findingWords(com.personaruntime.web.console.Messages messages, String lang, String text, int start,
      int end) {
    int s = Math.max(0, Math.min(start, text.length()));
    int e = Math.max(s, Math.min(end, text.length()));
    String span = text.substring(s, e).strip();
    if (span.isEmpty() || e - s >= text.length()) {
      return messages.text(lang, "posts.finding.whole");
    }
    return messages.text(lang, "posts.finding.on", span.length() > 80 ? span.substring(0, 80) + "…" : span);
  }

  /** Display names of the people named on a post (authors, approvers, commenters); ids stay ids if unknown. */
  private Future<Map<String, String>> names(Post post, ConsoleRequest req) {
    java.util.Set<String> ids = new java.util.LinkedHashSet<>();
    ids.add(post.authorId());
    post.variants().forEach(v -> v.approvals().forEach(a -> ids.add(a.userId())));
    post.comments().forEach(c -> ids.add(c.userId()));
    Map<String, String> out = new java.util.concurrent.ConcurrentHashMap<>();
    List<Future<Void>> all = new ArrayList<>();
    for (String id : ids) {
      all.add(users.findById(id).map(u -> {
        out.put(id, u.map(x -> com.personaruntime.web.console.Console.personName(req.messages(), req.lang(),
                x.displayName(), x.email()))
            .orElse(id));
        return (Void) null;
      }).recover(err -> Future.succeededFuture()));
    }
    return Future.join(all).map(x -> out);
  }

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
    routes.get("/posts", this::list);
    routes.post("/posts", this::compose);
    routes.get("/posts/:id", req -> detail(req, 200, null, Map.of()));
    routes.post("/posts/:id/approve", req -> act(req, p -> posts.approve(p.userId(), req.param("id"),
        platforms(req)).compose(post -> comment(req, p, post, req.form("comment")))));
    routes.post("/posts/:id/reject", req -> act(req, p -> posts.reject(p.userId(), req.param("id"), platforms(req),
        blankToNull(req.form("reason")))));
    routes.post("/posts/:id/comment", req -> act(req, p -> posts.comment(p.userId(), req.param("id"),
        blankToNull(req.form("platform")), req.form("body"))));
    routes.post("/posts/:id/edit", req -> act(req, p -> editable(p, req.param("id"))
        .compose(post -> catalog.liveFor(p, post.personaId()))
        .compose(lp -> posts.edit(p.userId(), lp, req.param("id"), req.form("platform"), req.form("text")))));
    routes.post("/posts/:id/schedule", this::schedule);
    routes.post("/posts/:id/publish", req -> act(req, p -> editable(p, req.param("id"))
        .compose(post -> posts.schedule(p.userId(), post.id(), Instant.EPOCH, null, platforms(req)))));
    routes.post("/posts/:id/cancel", req -> act(req, p -> editable(p, req.param("id"))
        .compose(post -> posts.cancel(p.userId(), post.id()))));
  }

  /**
   * Schedules at a date and time typed in the console's format ({@link ConsoleDates}) in the chosen zone.
   * A time that is not in that format, does not exist or has already passed is refused on the page, the
   * typed values kept, the reason under the field in the console's language.
   */
  private void schedule(ConsoleRequest req) {
    String zoneName = req.form("zone") == null || req.form("zone").isBlank() ? "UTC" : req.form("zone").strip();
    ZoneId zone;
    try {
      zone = ZoneId.of(zoneName);
    } catch (DateTimeException e) {
      String msg = req.t("posts.err.zone", zoneName);
      detail(req, 400, req.t("posts.err.notScheduled"), Map.of("zone", msg));
      return;
    }
    String field = req.t("posts.at");
    Instant at;
    try {
      LocalDateTime local = ConsoleDates.parseDateTime(req.form("at"), req.lang(), field);
      // a local time in a DST gap moves forward by the gap, in an overlap the earlier offset (as the API)
      at = ZonedDateTime.ofLocal(local, zone, null).toInstant();
      if (at.isBefore(clock.instant().minusSeconds(60))) {
        String msg = req.t("date.err.past", field, ConsoleDates.formatDateTime(local, req.lang()), zone.getId());
        detail(req, 400, req.t("posts.err.notScheduled"), Map.of("at", msg));
        return;
      }
    } catch (ConsoleDates.DateInputException e) {
      String msg = e.message(req.messages(), req.lang());
      // the reason stands under the field; the banner above says only that nothing was scheduled
      detail(req, 400, req.t("posts.err.notScheduled"), Map.of("at", msg));
      return;
    }
    Instant when = at;
    act(req, p -> editable(p, req.param("id"))
        .compose(post -> posts.schedule(p.userId(), post.id(), when, zone.getId(), platforms(req))));
  }

  // ------------------------------------------------------------------ list and compose

  private void list(ConsoleRequest req) {
    listWith(req, 200, null, Map.of());
  }

  private void listWith(ConsoleRequest req, int status, String error, Map<String, String> form) {
    Principal p = req.principal();
    List<String> brandIds = p.platformAdmin() ? null : new ArrayList<>(p.roles().keySet());
    Future<List<Post>> list = posts.list(brandIds, null, 100);
    Future<List<PersonaRecord>> personas = catalog.list(p);
    Future<List<Brand>> brandList = brands.list();
    // the publishing channels of the brands the user may edit: without one nothing can be published
    Future<List<Map<String, Object>>> channelBrands = brandList.compose(all -> {
      List<Future<Map<String, Object>>> each = new ArrayList<>();
      all.stream().filter(b -> p.canEdit(b.id())).sorted((a, b) -> a.name().compareToIgnoreCase(b.name()))
          .forEach(b -> each.add(channels.list(b.id()).map(cs -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            cs.forEach(c -> rows.add(Map.of("id", c.id(), "url", c.url(), "active", "active".equals(c.status()),
                "platform", "*".equals(c.platform()) ? req.t("posts.channels.allPlatforms")
                    : posts.profiles().get(c.platform()).map(PlatformProfile::name).orElse(c.platform()),
                "disabledReason", c.disabledReason() == null ? "" : c.disabledReason())));
            return Map.<String, Object>of("slug", b.slug(), "name", b.name(), "channels", rows);
          })));
      return Future.all(each).map(cf -> each.stream().map(Future::result).toList());
    });
    Future.all(list, personas, channelBrands).onComplete(ar -> {
      if (ar.failed()) {
        req.fail(ar.cause());
        return;
      }
      Map<String, String> personaNames = personaNames(personas.result());
      Map<String, String> brandNames = Brand.namesById(brandList.result());
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Post post : list.result()) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", post.id());
        r.put("persona", personaNames.getOrDefault(post.personaSlug(), post.personaSlug()));
        r.put("brief", post.brief().length() > 90 ? post.brief().substring(0, 90) + "…" : post.brief());
        r.put("platforms", String.join(", ", post.variants().stream()
            .map(v -> posts.profiles().get(v.platform()).map(PlatformProfile::name).orElse(v.platform())).toList()));
        r.put("status", post.status().wire());
        r.put("sponsored", post.sponsored());
        r.put("scheduled", local(post, req.lang()));
        r.put("created", ConsoleDates.formatUtc(post.createdAt(), req.lang(), false));
        rows.add(r);
      }
      List<Map<String, Object>> choices = new ArrayList<>();
      // labelled over every persona the user sees, so a label is the same on every page (PersonaLabels)
      Map<String, String> labels = com.personaruntime.web.console.PersonaLabels.of(personas.result(), brandNames);
      for (PersonaRecord r : personas.result()) {
        if (r.publishedVersion() != null && p.canEdit(r.brandId())) {
          // display names (the persona's and the brand's), the slug only as the value sent
          choices.add(Map.of("slug", r.slug(), "label", labels.get(r.slug())));
        }
      }
      List<Map<String, Object>> platforms = new ArrayList<>();
      for (PlatformProfile pp : posts.profiles().all()) {
        // "up to 63,206 characters" / "tối đa 63.206 ký tự": the number grouped the console's way
        String limit = java.text.NumberFormat.getIntegerInstance(java.util.Locale.forLanguageTag(req.lang()))
            .format(pp.maxLength());
        platforms.add(Map.of("id", pp.id(), "name", pp.name(), "limit", pp.maxLength(),
            "limitText", req.t("posts.platformLimit", limit, req.t("posts.counting." + pp.counting().wire())),
            "counting", pp.counting().wire()));
      }
      Map<String, Object> model = new HashMap<>();
      model.put("posts", rows);
      model.put("personas", choices);
      model.put("platforms", platforms);
      model.put("form", form);
      model.put("channelBrands", channelBrands.result());
      if (error != null) {
        model.put("error", error);
      }
      req.render(status, "posts/list.ftlh", model);
    });
  }

  private void compose(ConsoleRequest req) {
    Principal p = req.principal();
    String persona = req.form("persona");
    String brief = req.form("brief");
    List<String> platforms = req.formAll().getAll("platform");
    boolean sponsored = "on".equals(req.form("sponsored")) || "true".equals(req.form("sponsored"));
    String language = blankToNull(req.form("language"));
    Map<String, String> form = new HashMap<>();
    form.put("persona", persona == null ? "" : persona);
    form.put("brief", brief == null ? "" : brief);
    if (persona == null || persona.isBlank()) {
      listWith(req, 400, req.t("posts.error.persona"), form);
      return;
    }
    catalog.liveFor(p, persona)
        .compose(lp -> p.canEdit(lp.brandId()) ? Future.succeededFuture(lp)
            : Future.failedFuture(new PostException(PostException.Kind.FORBIDDEN, req.t("posts.error.role"))))
        .compose(lp -> posts.draft(p.userId(), lp, brief == null ? "" : brief, platforms, sponsored, language))
        .onSuccess(post -> req.redirect("/console/posts/" + post.id()))
        .onFailure(err -> {
          Refusal r = refusal(req, err);
          if (r == null) {
            req.fail(err);
          } else {
            listWith(req, r.status(), r.message(), form);
          }
        });
  }

  // ------------------------------------------------------------------ one post

  private void detail(ConsoleRequest req, int status, String error, Map<String, String> fieldErrors) {
    Principal p = req.principal();
    String id = req.param("id");
    visible(p, id).compose(post -> names(post, req).compose(n -> catalog.list(p).map(records -> {
      n.put("persona:" + post.personaSlug(), personaNames(records).getOrDefault(post.personaSlug(), post.personaSlug()));
      return n;
    }).recover(err -> Future.succeededFuture(n))).map(n -> Map.entry(post, n))).onComplete(ar -> {
      if (ar.failed()) {
        req.fail(ar.cause());
        return;
      }
      Post post = ar.result().getKey();
      Map<String, String> names = ar.result().getValue();
      Map<String, Object> model = new HashMap<>();
      model.put("post", postModel(req, post, p, names));
      model.put("zones", ZONES);
      model.put("defaultZone", req.form("zone") != null ? req.form("zone")
          : post.zone() != null ? post.zone() : post.language().equals("vi") ? "Asia/Ho_Chi_Minh" : "UTC");
      // the schedule form in the console's format (a text field: a native picker would follow the browser's language)
      model.put("atValue", req.form("at") == null ? "" : req.form("at"));
      model.put("atPattern", ConsoleDates.dateTimePattern(req.lang()));
      model.put("atHint", req.t("date.hint.datetime", ConsoleDates.dateTimePattern(req.lang()),
          ConsoleDates.formatDateTime(LocalDateTime.of(2026, 12, 24, 19, 0), req.lang())));
      model.put("fieldErrors", fieldErrors);
      if (error != null) {
        model.put("error", error);
      }
      String done = req.query("done");
      if (done != null && error == null && done.matches("[a-z]+")) {
        model.put("notice", req.t("posts.done." + done));
      }
      req.render(status, "posts/detail.ftlh", model);
    });
  }

  private Map<String, Object> postModel(ConsoleRequest req, Post post, Principal p, Map<String, String> names) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", post.id());
    m.put("persona", names.getOrDefault("persona:" + post.personaSlug(), post.personaSlug()));
    m.put("brief", post.brief());
    m.put("language", post.language());
    m.put("sponsored", post.sponsored());
    m.put("status", post.status().wire());
    m.put("scheduled", local(post, req.lang()));
    m.put("mine", post.authorId().equals(p.userId()));
    m.put("canEdit", p.canEdit(post.brandId()));
    m.put("author", names.getOrDefault(post.authorId(), post.authorId()));
    m.put("canSchedule", post.variants().stream().anyMatch(v -> v.status() == VariantStatus.APPROVED));
    m.put("canCancel", post.variants().stream().anyMatch(v -> v.status() != VariantStatus.PUBLISHED
        && v.status() != VariantStatus.FAILED && v.status() != VariantStatus.CANCELLED));
    List<Map<String, Object>> variants = new ArrayList<>();
    for (Variant v : post.variants()) {
      PlatformProfile profile = posts.profiles().get(v.platform()).orElse(null);
      Map<String, Object> vm = new LinkedHashMap<>();
      vm.put("id", v.id());
      vm.put("platform", v.platform());
      vm.put("platformName", profile == null ? v.platform() : profile.name());
      vm.put("counting", profile == null ? "" : profile.counting().wire());
      vm.put("status", v.status().wire());
      vm.put("text", v.text());
      vm.put("segments", segments(v.text(), v.labels()));
      vm.put("labels", v.labels());
      vm.put("length", v.length());
      vm.put("limit", v.limit());
      vm.put("percent", Math.min(100, v.limit() == 0 ? 0 : v.length() * 100 / v.limit()));
      vm.put("verdict", v.verdict());
      vm.put("blocking", v.blocking());
      vm.put("editable", v.status().editable());
      vm.put("reviewable", v.status() == VariantStatus.IN_REVIEW || v.status() == VariantStatus.DRAFT
          || v.status() == VariantStatus.APPROVED);
      List<Map<String, Object>> findings = new ArrayList<>();
      new JsonArray(v.findingsJson()).forEach(o -> {
        JsonObject f = (JsonObject) o;
        // shown by the rule's label; the tooltip explains it in the console's language: a platform fit
        // (platform.*) with the platform's own limits, any other finding by the words of the text it stopped on
        String rule = f.getString("rule");
        findings.add(Map.of("rule", rule, "action", f.getString("action"),
            "message", fitExplanation(req.messages(), req.lang(), rule, profile, v.length(),
                findingWords(req.messages(), req.lang(), v.text(), f.getInteger("start", 0),
                    f.getInteger("end", 0)))));
      });
      vm.put("findings", findings);
      List<Map<String, Object>> flags = new ArrayList<>();
      // the platform's own fields (sent as they are) by their labels, yes/no instead of true/false
      v.platformFlags().forEach(e -> {
        String key = "posts.flag." + e.getKey();
        String label = req.t(key);
        Object value = e.getValue();
        flags.add(Map.of("key", e.getKey(), "label", label.equals(key) ? e.getKey() : label,
            "value", value instanceof Boolean b ? req.t(b ? "common.yes" : "common.no") : String.valueOf(value)));
      });
      vm.put("flags", flags);
      List<Map<String, Object>> approvals = new ArrayList<>();
      v.approvals().forEach(a -> approvals.add(Map.of("by", names.getOrDefault(a.userId(), a.userId()), "at", ConsoleDates.formatUtc(a.at(), req.lang(), false), "current", a.current())));
      vm.put("approvals", approvals);
      // one approval per reviewer per text: once this member approved the current text, the button goes
      vm.put("approvedByMe", v.approvals().stream().anyMatch(a -> a.current() && a.userId().equals(p.userId())));
      List<Map<String, Object>> deliveries = new ArrayList<>();
      v.deliveries().forEach(d -> {
        Map<String, Object> dm = new LinkedHashMap<>();
        dm.put("webhookId", d.webhookId());
        dm.put("status", d.status());
        dm.put("attempts", d.attempts());
        dm.put("lastError", d.lastError() == null ? "" : d.lastError());
        dm.put("next", d.status().equals("pending") ? ConsoleDates.formatUtc(d.dueAt(), req.lang(), true)
            : "");
        deliveries.add(dm);
      });
      vm.put("deliveries", deliveries);
      // the offline composer by its name in the console's language; a model by provider and model name
      String provider = v.generator().getString("provider", "");
      vm.put("generator", "composer".equals(provider) ? req.t("route.composer")
          : provider + " · " + v.generator().getString("model", ""));
      vm.put("fallbackReason", v.generator().getString("fallbackReason", ""));
      boolean out = v.status() == VariantStatus.PUBLISHING || v.status() == VariantStatus.PUBLISHED;
      vm.put("provenanceUrl", out ? baseUrl.get() + "/api/v1/provenance/" + v.id() : "");
      vm.put("lastError", v.lastError() == null ? "" : v.lastError());
      variants.add(vm);
    }
    m.put("variants", variants);
    List<Map<String, Object>> comments = new ArrayList<>();
    post.comments().forEach(c -> comments.add(Map.of("by", names.getOrDefault(c.userId(), c.userId()), "platform", c.platform() == null ? "" : c.platform(),
        "body", c.body(), "at", ConsoleDates.formatUtc(c.at(), req.lang(), false))));
    m.put("comments", comments);
    return m;
  }

  /** The text cut into plain and label segments, so the preview can highlight the labels. */
  static List<Map<String, Object>> segments(String text, List<String> labels) {
    List<Map<String, Object>> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int best = -1;
      String bestLabel = null;
      for (String l : labels) {
        int at = text.indexOf(l, i);
        if (at >= 0 && (best < 0 || at < best)) {
          best = at;
          bestLabel = l;
        }
      }
      if (best < 0) {
        out.add(Map.of("text", text.substring(i), "label", false));
        break;
      }
      if (best > i) {
        out.add(Map.of("text", text.substring(i, best), "label", false));
      }
      out.add(Map.of("text", bestLabel, "label", true));
      i = best + bestLabel.length();
    }
    return out;
  }

  // ------------------------------------------------------------------ actions

  private interface Action {
    Future<Post> run(Principal p);
  }

  private void act(ConsoleRequest req, Action action) {
    Principal p = req.principal();
    String id = req.param("id");
    String what = req.ctx().request().path().substring(req.ctx().request().path().lastIndexOf('/') + 1);
    visible(p, id).compose(post -> {
      try {
        return action.run(p);
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }).onSuccess(post -> req.redirect("/console/posts/" + id + "?done=" + what))
        .onFailure(err -> {
          Refusal r = refusal(req, err);
          if (r == null) {
            req.fail(err);
          } else {
            detail(req, r.status(), r.message(), Map.of());
          }
        });
  }

  private record Refusal(int status, String message) {
  }

  /**
   * An expected refusal shown on the page, or null for a failure the error page handles. A refusal with a
   * {@link PostException#code()} is said in the console's language ({@code posts.refusal.<code>}, platform ids
   * by their names); others keep the service's English text.
   */
  private Refusal refusal(ConsoleRequest req, Throwable err) {
    if (err instanceof PostException pe) {
      String text = pe.getMessage();
      if (pe.code() != null) {
        Object[] args = pe.args();
        for (int i = 0; i < args.length; i++) {
          String id = String.valueOf(args[i]);
          String statusKey = "posts.status." + id; // a status in words ("in_review": "Chờ duyệt")
          String status = req.t(statusKey);
          args[i] = posts.profiles().get(id).map(PlatformProfile::name)
              .orElse(status.equals(statusKey) ? id : status.toLowerCase(java.util.Locale.ROOT));
        }
        String key = "posts.refusal." + pe.code();
        String said = req.t(key, args);
        text = said.equals(key) ? text : said;
      }
      return new Refusal(switch (pe.kind()) {
        case FORBIDDEN -> 403;
        case CONFLICT -> 409;
        case NOT_FOUND -> 404;
      }, text);
    }
    if (err instanceof IllegalArgumentException) {
      return new Refusal(400, err.getMessage());
    }
    if (err instanceof ApiException ae && ae.status() < 500 && ae.status() != 404) {
      return new Refusal(ae.status(), ae.getMessage());
    }
    return null;
  }

  private Future<Post> comment(ConsoleRequest req, Principal p, Post post, String text) {
    if (text == null || text.isBlank()) {
      return Future.succeededFuture(post);
    }
    List<String> ps = platforms(req);
    return posts.comment(p.userId(), post.id(), ps == null || ps.size() != 1 ? null : ps.get(0), text);
  }

  private Future<Post> visible(Principal p, String id) {
    return posts.find(id).compose(found -> found.isPresent() && p.canRead(found.get().brandId())
        ? Future.succeededFuture(found.get())
        : Future.failedFuture(ApiException.notFound("post '" + id + "' not found")));
  }

  private Future<Post> editable(Principal p, String id) {
    return visible(p, id).compose(post -> p.canEdit(post.brandId()) ? Future.succeededFuture(post)
        : Future.failedFuture(new PostException(PostException.Kind.FORBIDDEN,
            "your role in the post's brand may not change or schedule posts (owner or editor needed)")));
  }

  private static List<String> platforms(ConsoleRequest req) {
    String one = req.form("platform");
    return one == null || one.isBlank() ? null : List.of(one.strip());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** The scheduled time in the post's zone, written as the console's language writes dates (as the form reads them). */
  private static String local(Post post, String lang) {
    if (post.scheduledAt() == null) {
      return "";
    }
    ZoneId z = post.zone() == null ? ZoneId.of("UTC") : ZoneId.of(post.zone());
    return ConsoleDates.formatDateTime(post.scheduledAt().atZone(z).toLocalDateTime(), lang) + " " + z.getId();
  }
}
