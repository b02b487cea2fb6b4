package com.personaruntime.web.console.audit;

import com.personaruntime.runtime.storage.AuditEvent;
import com.personaruntime.runtime.storage.AuditLog;
import com.personaruntime.runtime.storage.Brand;
import com.personaruntime.runtime.storage.BrandRepository;
import com.personaruntime.runtime.storage.UserRepository;
import com.personaruntime.web.console.ConsoleDates;
import com.personaruntime.web.console.ConsolePage;
import com.personaruntime.web.console.ConsoleRequest;
import com.personaruntime.web.console.ConsoleRoutes;
import com.personaruntime.web.console.NavItem;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /console/audit}: the audit log of your brands, read-only, newest first, filtered by
 * brand, who (e-mail or id contains), what (action starts with) and when (from/to day, UTC).
 * Looks at the newest {@link AuditLog#MAX_LIMIT} entries per brand and shows at most 300.
 */
public final class AuditPages implements ConsolePage {
  private static final int SHOWN = 300;
  private final AuditLog audit;
  private final BrandRepository brands;
  private final UserRepository users;

  public AuditPages(AuditLog audit, BrandRepository brands, UserRepository users) {
    this.audit = audit;
    this.brands = brands;
    this.users = users;
  }

  @Override
  public String area() {
    return "audit";
  }

  @Override
  public List<NavItem> nav() {
    return List.of(new NavItem("nav.audit", "/console/audit", 70));
  }

  @Override
  public void mount(ConsoleRoutes routes) {
    routes.get("/audit", this::list);
  }

  private void list(ConsoleRequest req) {
    var p = req.principal();
    String brandFilter = blankToNull(req.query("brand"));
    String who = blankToNull(req.query("who"));
    String what = blankToNull(req.query("what"));
    // days typed in the console's format (ConsoleDates); a wrong one is said under its field, the rest still filters
    Map<String, String> dateErrors = new HashMap<>();
    LocalDate from = day(req, "from", dateErrors);
    LocalDate to = day(req, "to", dateErrors);
    if (from != null && to != null && from.isAfter(to)) {
      dateErrors.put("to", req.t("date.err.range", req.t("audit.from"), req.t("audit.to")));
    }
    req.render("audit/audit.ftlh", brands.list().compose(all -> {
      List<Brand> mine = all.stream().filter(b -> p.canRead(b.id())).toList();
      Map<String, String> names = Brand.namesById(mine);
      List<Brand> wanted = mine.stream().filter(b -> brandFilter == null || b.slug().equals(brandFilter)).toList();
      List<Future<List<AuditEvent>>> lists = new ArrayList<>();
      wanted.forEach(b -> lists.add(audit.list(b.id(), AuditLog.MAX_LIMIT)));
      return Future.all(lists).compose(cf -> {
        List<AuditEvent> events = new ArrayList<>();
        lists.forEach(f -> events.addAll(f.result()));
        events.sort(Comparator.comparingLong(AuditEvent::id).reversed());
        Set<String> actors = new TreeSet<>();
        events.forEach(e -> actors.add(e.actor()));
        Map<String, String> emails = new HashMap<>();
        Future<Void> chain = Future.succeededFuture();
        for (String a : actors) {
          chain = chain.compose(x -> users.findById(a).map(u -> {
            u.ifPresent(user -> emails.put(a, user.email()));
            return (Void) null;
          }).recover(e -> Future.succeededFuture()));
        }
        return chain.map(x -> {
          List<Map<String, Object>> rows = new ArrayList<>();
          for (AuditEvent e : events) {
            String actor = emails.getOrDefault(e.actor(), e.actor());
            if (who != null && !actor.toLowerCase(Locale.ROOT).contains(who.toLowerCase(Locale.ROOT))
                && !e.actor().equals(who)) {
              continue;
            }
            if (what != null && !e.action().startsWith(what)) {
              continue;
            }
            LocalDate d = e.at().atOffset(ZoneOffset.UTC).toLocalDate();
            if ((from != null && d.isBefore(from)) || (to != null && d.isAfter(to))) {
              continue;
            }
            Map<String, Object> row = new HashMap<>();
            row.put("at", ConsoleDates.formatUtc(e.at(), req.lang(), true));
            row.put("who", actor);
            row.put("what", e.action());
            row.put("whatLabel", label(req, "audit.action." + e.action(), e.action()));
            row.put("brand", names.getOrDefault(e.brandId(), ""));
            row.put("target", (e.targetType() == null ? "" : e.targetType()) + (e.targetId() == null ? "" : " " + e.targetId()));
            row.put("details", details(req, e.detailsJson()));
            rows.add(row);
            if (rows.size() >= SHOWN) {
              break;
            }
          }
          Map<String, Object> m = new HashMap<>();
          m.put("rows", rows);
          List<Map<String, Object>> brandOptions = new ArrayList<>();
          mine.forEach(b -> brandOptions.add(Map.of("slug", b.slug(), "name", b.name(),
              "selected", b.slug().equals(brandFilter))));
          m.put("brands", brandOptions);
          m.put("who", who == null ? "" : who);
          m.put("what", what == null ? "" : what);
          m.put("from", from != null ? ConsoleDates.formatDate(from, req.lang()) : nullToEmpty(req.query("from")));
          m.put("to", to != null ? ConsoleDates.formatDate(to, req.lang()) : nullToEmpty(req.query("to")));
          m.put("dateErrors", dateErrors);
          m.put("dateHint", req.t("date.hint.date", ConsoleDates.datePattern(req.lang()),
              ConsoleDates.formatDate(LocalDate.of(2026, 12, 24), req.lang())));
          m.put("datePattern", ConsoleDates.datePattern(req.lang()));
          return m;
        });
      });
    }), m -> m);
  }

  /** A UI text, or {@code fallback} when the bundles have none for {@code key}. */
  private static String label(ConsoleRequest req, String key, String fallback) {
    String text = req.t(key);
    return text.equals(key) ? fallback : text;
  }

  /**
   * An entry's details as "label: value" lines in the console's language (field names the bundles know
   * are translated, others shown as they are; nested values as compact JSON), instead of raw JSON.
   */
  static List<String> details(ConsoleRequest req, String json) {
    List<String> out = new ArrayList<>();
    if (json == null || json.isBlank()) {
      return out;
    }
    io.vertx.core.json.JsonObject o;
    try {
      o = new io.vertx.core.json.JsonObject(json);
    } catch (RuntimeException e) {
      out.add(json);
      return out;
    }
    for (String key : o.fieldNames()) {
      Object v = o.getValue(key);
      String value = v == null ? "–"
          : v instanceof Boolean b ? req.t(b ? "common.yes" : "common.no")
          : v instanceof io.vertx.core.json.JsonObject || v instanceof io.vertx.core.json.JsonArray
              ? v.toString() : String.valueOf(v);
      if ("reason".equals(key) && v instanceof String r) {
        value = req.ruleLabel(r); // a moderation reason is a rule id (or "other"): in words; a free-text reason stays
      } else if (v instanceof io.vertx.core.json.JsonArray a && a.stream().allMatch(x -> x instanceof String)) {
        value = String.join(", ", a.stream().map(String::valueOf).toList()); // ["instagram","x"] -> instagram, x
      }
      out.add(label(req, "audit.key." + key, key) + ": " + value);
    }
    return out;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static LocalDate day(ConsoleRequest req, String name, Map<String, String> errors) {
    try {
      return ConsoleDates.parseDate(req.query(name), req.lang(), req.t("audit." + name));
    } catch (ConsoleDates.DateInputException e) {
      errors.put(name, e.message(req.messages(), req.lang()));
      return null;
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

}
