package com.personaruntime.web.console;

import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateExceptionHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.StringWriter;
import java.util.Map;

/**
 * FreeMarker for the console pages. Templates are {@code .ftlh} files under
 * {@code src/main/resources/console/}: HTML output format, so every {@code ${...}} is
 * HTML-escaped (untrusted text is never inserted as markup). Rendering runs on a worker thread,
 * never on the event loop. A template error fails the future (the console shows its error page;
 * the details go to the log).
 */
public final class Templates {
  private final Vertx vertx;
  private final Configuration cfg;

  public Templates(Vertx vertx) {
    this.vertx = vertx;
    cfg = new Configuration(Configuration.VERSION_2_3_34);
    cfg.setClassLoaderForTemplateLoading(Templates.class.getClassLoader(), "console");
    cfg.setDefaultEncoding("UTF-8");
    cfg.setOutputEncoding("UTF-8");
    cfg.setRecognizeStandardFileExtensions(true);
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setLogTemplateExceptions(false);
    cfg.setWrapUncheckedExceptions(true);
    cfg.setFallbackOnNullLoopVariable(false);
    cfg.setAPIBuiltinEnabled(false);
    cfg.setNumberFormat("computer");
    DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
    wrapper.setExposeFields(false);
    cfg.setObjectWrapper(wrapper.build());
  }

  /** Renders {@code name} (e.g. {@code "posts/list.ftlh"}) with {@code model}, off the event loop. */
  public Future<String> render(String name, Map<String, Object> model) {
    return vertx.executeBlocking(() -> {
      Template t = cfg.getTemplate(name);
      StringWriter out = new StringWriter(4096);
      t.process(model, out);
      return out.toString();
    }, false);
  }
}
