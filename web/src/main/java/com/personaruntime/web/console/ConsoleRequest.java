package com.personaruntime.web.console;

import com.personaruntime.runtime.auth.Principal;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One console request: who is asking ({@link #principal()}, null on public pages), the UI
 * language, the CSRF token, form and query parameters, and the ways to answer (render a
 * template inside the shared layout, redirect, fail).
 *
 * <p>Every template gets, besides the page's own model: {@code t} (the message function:
 * {@code ${t("nav.posts")}}, {@code ${t("key", arg0, arg1)}}), {@code lang} ("en"/"vi"),
 * {@code rule} (a guardrail rule id in people's words: {@code ${rule(f.rule)}}), {@code labels} (the rule
 * and verdict labels as JSON, for scripts: the layout's {@code <meta name="console-labels">}, read through
 * {@code PersonaConsole.ruleLabel} / {@code verdictLabel} of console.js), {@code otherLang}, {@code csrf} (put it in forms as {@code <input type="hidden" name="_csrf">};
 * htmx and {@code fetch} calls send it as the {@code X-CSRF-Token} header, which the layout sets
 * up), {@code user} (email, displayName, admin), {@code nav} (list of href/label/current),
 * {@code path} (the request path) and {@code assets} (URLs of htmx and Alpine).
 */
public final class ConsoleRequest {
  private final Console console;
  private final RoutingContext ctx;

  ConsoleRequest(Console console, RoutingContext ctx) {
    this.console = console;
    this.ctx = ctx;
  }

  /** The underlying Vert.x context, for anything not covered here. */
  public RoutingContext ctx() {
    return ctx;
  }

  /** The logged-in user; {@code null} on public pages (login). */
  public Principal principal() {
    return ctx.get(Console.PRINCIPAL_KEY);
  }

  /** The session's CSRF token; {@code null} on public pages. */
  public String csrf() {
    return ctx.get(Console.CSRF_KEY);
  }

  /** The UI language: "vi" or "en". */
  public String lang() {
    return console.language(ctx);
  }

  /** A UI text in the request's language. */
  public String t(String key, Object... args) {
    return console.messages().text(lang(), key, args);
  }

  /** The console's texts (for messages built elsewhere, e.g. {@link ConsoleDates.DateInputException#message}). */
  public Messages messages() {
    return console.messages();
  }

  /** A guardrail rule id in people's words, in the request's language ({@link Messages#ruleLabel}). */
  public String ruleLabel(String ruleId) {
    return console.messages().ruleLabel(lang(), ruleId);
  }

  /** A path parameter ({@code :slug}). */
  public String param(String name) {
    return ctx.pathParam(name);
  }

  /** A query parameter, or {@code null}. */
  public String query(String name) {
    return ctx.queryParams().get(name);
  }

  /** A form field of a POSTed {@code application/x-www-form-urlencoded} or multipart form, or {@code null}. */
  public String form(String name) {
    return ctx.request().formAttributes().get(name);
  }

  /** Every form field. */
  public MultiMap formAll() {
    return ctx.request().formAttributes();
  }

  /** Whether htmx sent this request (answer with a fragment, not a full page). */
  public boolean isHtmx() {
    return "true".equals(ctx.request().getHeader("HX-Request"));
  }

  /** Renders {@code template} with status 200. */
  public void render(String template, Map<String, Object> model) {
    render(200, template, model);
  }

  /**
   * Renders {@code template} (path under {@code resources/console/}) with the page's model plus
   * the shared one. Rendering runs on a worker thread.
   */
  public void render(int status, String template, Map<String, Object> model) {
    Map<String, Object> all = new HashMap<>(console.sharedModel(ctx));
    all.putAll(model);
    console.templates().render(template, all).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      if (ctx.response().ended()) {
        return;
      }
      ctx.response().setStatusCode(status)
          .putHeader("content-type", "text/html; charset=utf-8")
          .putHeader("cache-control", "no-store")
          .end(ar.result());
    });
  }

  /** Renders once {@code data} completes; its failure becomes the error page. */
  public <T> void render(String template, Future<T> data, Function<T, Map<String, Object>> model) {
    data.onComplete(ar -> {
      if (ar.failed()) {
        fail(ar.cause());
        return;
      }
      try {
        render(template, model.apply(ar.result()));
      } catch (RuntimeException e) {
        fail(e);
      }
    });
  }

  /** 303 See Other to a console path (after a POST, or to switch pages); htmx gets HX-Redirect. */
  public void redirect(String path) {
    if (isHtmx()) {
      ctx.response().putHeader("HX-Redirect", path).setStatusCode(204).end();
    } else {
      ctx.response().putHeader("Location", path).setStatusCode(303).end();
    }
  }

  /** Shows the console's error page for this failure (status from the exception, 500 otherwise). */
  public void fail(Throwable failure) {
    ctx.fail(failure);
  }

  /** The rule-label function given to templates as {@code rule}: {@code ${rule(f.rule)}}. */
  static TemplateMethodModelEx ruleFunction(Messages messages, String lang) {
    return arguments -> {
      if (arguments.size() != 1) {
        throw new TemplateModelException("rule(ruleId) needs one rule id");
      }
      Object id = DeepUnwrap.unwrap((freemarker.template.TemplateModel) arguments.get(0));
      return messages.ruleLabel(lang, id == null ? null : String.valueOf(id));
    };
  }

  /** The message function given to templates as {@code t}. */
  static TemplateMethodModelEx messageFunction(Messages messages, String lang) {
    return arguments -> {
      if (arguments.isEmpty()) {
        throw new TemplateModelException("t(key, args...) needs a message key");
      }
      List<Object> args = new ArrayList<>();
      for (Object a : arguments) {
        args.add(DeepUnwrap.unwrap((freemarker.template.TemplateModel) a));
      }
      String key = String.valueOf(args.remove(0));
      return messages.text(lang, key, args.toArray());
    };
  }
}
