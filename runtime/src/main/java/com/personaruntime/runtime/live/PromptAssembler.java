package com.personaruntime.runtime.live;

import com.personaruntime.personas.Persona;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles the system prompt of a chat turn with FreeMarker ({@code prompts/system.ftl} on the
 * classpath): voice, audience segment, the knowledge relevant to the question, boundaries,
 * honesty and disclosure duties, reply language and the conversation's canary token.
 */
public final class PromptAssembler {
  private final Template system;

  public PromptAssembler() {
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
  }

  /** The system prompt for one turn. */
  public String system(Persona persona, String language, List<Persona.KnowledgeEntry> knowledge, String canary) {
    Map<String, Object> model = new HashMap<>();
    model.put("persona", persona);
    model.put("language", language);
    model.put("knowledge", knowledge);
    model.put("canary", canary);
    StringWriter out = new StringWriter();
    try {
      system.process(model, out);
    } catch (Exception e) {
      throw new IllegalStateException("system prompt template failed for persona " + persona.id() + ": "
          + e.getMessage(), e);
    }
    return out.toString().strip();
  }
}
