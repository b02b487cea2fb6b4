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
      Map<String, String> brandNames = Brand.namesById(mine);
      List<Brand> wanted = mine.stream().filter(b -> brandFilter == null || b.slug().equals(brandFilter)).toList();
      List<Future<List<AuditEvent>>> lists = new ArrayList<>();
      wanted.forEach(b -> lists.add(audit.list(b.id(), AuditLog.MAX_LIMIT)));
      return Future.all(lists).compose(cf -> {
        List<AuditEvent> events = new ArrayList<>();
        lists.forEach(f -> events.addAll(f.result()));
        events.sort(Comparator.comparingLong(AuditEvent::id).reversed());
        Set<String> actors = new TreeSet<>();
        events.forEach(e -> actors.add(e.actor()));
        events.forEach(e -> actors.addAll(people(e.detailsJson()))); // people named in the details, by name too
        Map<String, String> emails = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        Future<Void> chain = Future.succeededFuture();
        for (String a : actors) {
          chain = chain.compose(x -> users.findById(a).map(u -> {
            u.ifPresent(user -> emails.put(a, user.email()));
            u.ifPresent(user -> names.put(a, user.displayName() == null || user.displayName().isBlank()
                ? user.email() : com.personaruntime.web.console.Console.personName(req.messages(), req.lang(),
                    user.displayName(), user.email()) + " (" + user.email() + ")"));
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
            row.put("brand", brandNames.getOrDefault(e.brandId(), ""));
            row.put("target", (e.targetType() == null ? "" : e.targetType()) + (e.targetId() == null ? "" : " " + e.targetId()));
            row.put("details", details(req, e.action(), e.detailsJson(), names));
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

  /** Detail keys whose value is a user id: shown by the person's name. */
  private static final Set<String> PERSON_KEYS = Set.of("invitedBy", "takenOverFrom", "takenFrom", "user", "by",
      "decidedBy", "createdBy");
  /** Detail keys whose value is a wire name the bundles word as {@code audit.value.<key>.<value>}. */
  private static final Set<String> WORDED_KEYS = Set.of("kind", "role", "status", "decision", "language", "claiming",
      "reason");

  /** The user ids named in an entry's details (see {@link #PERSON_KEYS}). */
  static Set<String> people(String json) {
    Set<String> out = new TreeSet<>();
    io.vertx.core.json.JsonObject o = object(json);
    if (o != null) {
      PERSON_KEYS.forEach(k -> {
        if (o.getValue(k) instanceof String id && !id.isBlank()) {
          out.add(id);
        }
      });
    }
    return out;
  }

  private static io.vertx.core.json.JsonObject object(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      return new io.vertx.core.json.JsonObject(json);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * An entry's details as "label: value" lines in the console's language, instead of raw JSON: every key
   * by its label ({@code audit.key.<key>}; a key the bundles do not know keeps its name), instants in the
   * console's date format (UTC), wire names in words ({@code audit.value.<key>.<value>}, roles of a role
   * change too), people by name ({@code people}: user id to "name (e-mail)"), text fingerprints shortened,
   * nested values as compact JSON.
   *
   * @param action the entry's action (e.g. {@code member.role_changed}: its from/to are roles)
   * @param people display names by user id; an id not in it is shown as it is
   */
  static List<String> details(ConsoleRequest req, String action, String json, Map<String, String> people) {
    List<String> out = new ArrayList<>();
    if (json == null || json.isBlank()) {
      return out;
    }
    io.vertx.core.json.JsonObject o = object(json);
    if (o == null) {
      out.add(json);
      return out;
    }
    for (String key : o.fieldNames()) {
      Object v = o.getValue(key);
      String wordKey = ("from".equals(key) || "to".equals(key)) && "member.role_changed".equals(action) ? "role" : key;
      String value;
      if (v == null) {
        value = "–";
      } else if (v instanceof Boolean b) {
        value = req.t(b ? "common.yes" : "common.no");
      } else if (v instanceof io.vertx.core.json.JsonArray a && a.stream().allMatch(x -> x instanceof String)) {
        value = String.join(", ", a.stream().map(String::valueOf).toList()); // ["instagram","x"] -> instagram, x
      } else if (v instanceof io.vertx.core.json.JsonObject || v instanceof io.vertx.core.json.JsonArray) {
        value = v.toString();
      } else if (v instanceof String text) {
        value = stringValue(req, key, wordKey, text, people);
      } else {
        value = String.valueOf(v);
      }
      out.add(label(req, "audit.key." + key, key) + ": " + value);
    }
    return out;
  }

  private static String stringValue(ConsoleRequest req, String key, String wordKey, String text,
      Map<String, String> people) {
    if (PERSON_KEYS.contains(key)) {
      return people.getOrDefault(text, text);
    }
    java.time.Instant at = instant(text);
    if (at != null) {
      return ConsoleDates.formatUtc(at, req.lang(), true);
    }
    if (isSha256(text)) {
      return text.substring(0, 12) + "…"; // a fingerprint of a text: its start tells two apart
    }
    if (WORDED_KEYS.contains(wordKey)) {
      String worded = req.t("audit.value." + wordKey + "." + text);
      if (!worded.equals("audit.value." + wordKey + "." + text)) {
        return worded;
      }
      if ("reason".equals(key)) {
        return req.ruleLabel(text); // a moderation reason is a rule id (or "other"); a free-text reason stays
      }
    }
    return text;
  }

  /** An ISO-8601 instant ({@code 2026-12-03T15:37:38.537573Z}), or null for any other text. */
  static java.time.Instant instant(String text) {
    if (text.length() < 20 || text.length() > 35 || text.charAt(4) != '-' || text.charAt(10) != 'T'
        || !text.endsWith("Z")) {
      return null;
    }
    try {
      return java.time.Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static boolean isSha256(String text) {
    if (text.length() != 64) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
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
