package com.personaruntime.runtime.live;

import com.personaruntime.composer.Audience;
import com.personaruntime.personas.Persona;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles the system prompt of a chat turn with FreeMarker ({@code prompts/system.ftl} on the
 * classpath): voice, audience segment, the knowledge relevant to the question, boundaries,
 * honesty and disclosure duties, reply language and the conversation's canary token.
 *
 * <p>A persona may have its own template: a file {@code <personaId>.system.ftl} beside the
 * persona files in {@code personas.dir}, read at start ({@link #readOverrides}) and compiled
 * here, so a broken template stops start-up with its file name instead of failing a chat.
 */
public final class PromptAssembler {
  /** File name suffix of a persona's own system prompt template. */
  public static final String OVERRIDE_SUFFIX = ".system.ftl";

  private final Template system;
  private final Map<String, Template> overrides;

  public PromptAssembler() {
    this(Map.of());
  }

  /**
   * @param overrides persona id -> template source (see {@link #readOverrides})
   * @throws IllegalArgumentException naming the template whose syntax is wrong
   */
  public PromptAssembler(Map<String, String> overrides) {
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
    cfg.setClassLoaderForTemplateLoading(PromptAssembler.class.getClassLoader(), "prompts");
    cfg.setDefaultEncoding("UTF-8");
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setLogTemplateExceptions(false);
    cfg.setFallbackOnNullLoopVariable(false);
    try {
      system = cfg.getTemplate("system.ftl");
    } catch (IOException e) {
      throw new UncheckedIOException("prompts/system.ftl cannot be loaded: " + e.getMessage(), e);
    }
    Map<String, Template> compiled = new HashMap<>();
    for (Map.Entry<String, String> o : overrides.entrySet()) {
      String name = o.getKey() + OVERRIDE_SUFFIX;
      try {
        compiled.put(o.getKey(), new Template(name, new StringReader(o.getValue()), cfg));
      } catch (IOException e) {
        throw new IllegalArgumentException(name + ": not a valid FreeMarker template: "
            + e.getMessage().lines().findFirst().orElse(""), e);
      }
    }
    this.overrides = Map.copyOf(compiled);
  }

  /** Reads every {@code <personaId>.system.ftl} in a folder (blocking file I/O). */
  public static Map<String, String> readOverrides(Path dir) throws IOException {
    Map<String, String> out = new HashMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + OVERRIDE_SUFFIX)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        out.put(name.substring(0, name.length() - OVERRIDE_SUFFIX.length()), Files.readString(f));
      }
    }
    return out;
  }

  /** The system prompt for one turn, without audience segment or sentiment. */
  public String system(Persona persona, String language, List<Persona.KnowledgeEntry> knowledge, String canary) {
    return system(persona, language, knowledge, canary, Audience.NONE);
  }

  /**
   * The system prompt for one turn. Templates see {@code persona}, {@code language}, {@code knowledge},
   * {@code canary}, {@code segment} (the persona's {@code AudienceSegment}, absent when none applies),
   * {@code segmentInferred} (boolean) and {@code sentiment} ({@code frustrated}, {@code excited} or
   * {@code neutral}).
   */
  public String system(Persona persona, String language, List<Persona.KnowledgeEntry> knowledge, String canary,
      Audience audience) {
    Map<String, Object> model = new HashMap<>();
    if (audience.segment() != null) {
      persona.audiences().stream().filter(a -> a.segment().equalsIgnoreCase(audience.segment())).findFirst()
          .ifPresent(a -> model.put("segment", a));
    }
    model.put("segmentInferred", audience.inferred());
    model.put("sentiment", audience.sentiment().id());
    model.put("persona", persona);
    model.put("language", language);
    model.put("knowledge", knowledge);
    model.put("canary", canary);
    StringWriter out = new StringWriter();
    try {
      overrides.getOrDefault(persona.id(), system).process(model, out);
    } catch (Exception e) {
      throw new IllegalStateException("system prompt template failed for persona " + persona.id() + ": "
          + e.getMessage(), e);
    }
    return out.toString().strip();
  }
}
