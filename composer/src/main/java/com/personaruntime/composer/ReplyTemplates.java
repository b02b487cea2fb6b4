package com.personaruntime.composer;

import freemarker.core.PlainTextOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The FreeMarker reply templates, loaded from the classpath
 * ({@code /com/personaruntime/composer/templates/{language}/{name}.ftl}) so they work from a shaded
 * jar. Output is plain text (the client inserts it as text, never as HTML); runs of whitespace are
 * collapsed so templates can be laid out over several lines.
 */
final class ReplyTemplates {

    /** Languages with a full template set; the first is the fallback. */
    static final List<String> LANGUAGES = List.of("en", "vi");
    static final String BASE_PATH = "/com/personaruntime/composer/templates";

    private static final Configuration CONFIG = configure();

    private ReplyTemplates() {
    }

    private static Configuration configure() {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setClassForTemplateLoading(ReplyTemplates.class, BASE_PATH);
        cfg.setDefaultEncoding("UTF-8");
        cfg.setOutputFormat(PlainTextOutputFormat.INSTANCE);
        cfg.setLocalizedLookup(false);
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setNumberFormat("computer");
        return cfg;
    }

    /** Renders {@code {language}/{name}.ftl}; the result is trimmed and its whitespace collapsed. */
    static String render(String language, String name, Map<String, Object> model) {
        try {
            Template template = CONFIG.getTemplate(language + "/" + name + ".ftl");
            StringWriter out = new StringWriter();
            template.process(model, out);
            return out.toString().replaceAll("\\s+", " ").strip();
        } catch (IOException e) {
            throw new UncheckedIOException("reply template " + language + "/" + name + ".ftl could not be loaded", e);
        } catch (TemplateException e) {
            throw new IllegalStateException("reply template " + language + "/" + name + ".ftl failed: "
                    + e.getMessageWithoutStackTop(), e);
        }
    }
}
