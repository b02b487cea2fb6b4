package com.personaruntime.runtime.posts;

import com.personaruntime.gateway.GatewayFailure;
import com.personaruntime.gateway.ModelGateway;
import com.personaruntime.gateway.ModelRoute;
import com.personaruntime.gateway.ModelSpec;
import com.personaruntime.gateway.StreamListener;
import com.personaruntime.personas.Persona;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.output.TokenUsage;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateExceptionHandler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drafts the body of one platform variant: through the persona's model (the gateway, with the
 * platform's FreeMarker prompt {@code posts/templates/<platform>.ftl}), or with the offline
 * {@link PostComposer} when the persona has no model or the model fails. Template rendering runs on
 * a worker (templates are data a brand may come to edit).
 */
public final class PostDrafter {
  private static final Logger LOG = LoggerFactory.getLogger(PostDrafter.class);

  private final Vertx vertx;
  private final ModelGateway gateway;
  private final Configuration templates;

  /** A drafted body and what wrote it ({@code {"provider","model","route"}} plus {@code fallbackReason}). */
  public record Draft(String body, JsonObject generator) {
  }

  public PostDrafter(Vertx vertx, ModelGateway gateway) {
    this.vertx = vertx;
    this.gateway = gateway;
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
    cfg.setClassLoaderForTemplateLoading(PostDrafter.class.getClassLoader(), "posts/templates");
    cfg.setDefaultEncoding("UTF-8");
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setLogTemplateExceptions(false);
    this.templates = cfg;
  }

  /** The English name of a language code for the prompt ({@code vi} -> Vietnamese). */
  static String languageName(String code) {
    String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
    return name.isBlank() ? code : name;
  }

  /** Renders the drafting prompt of a platform (blocking; FreeMarker). */
  public String prompt(Persona persona, PlatformProfile profile, String language, boolean sponsored,
      List<Persona.KnowledgeEntry> knowledge, int hashtagBudget, int lengthBudget) {
    Map<String, Object> model = new HashMap<>();
    model.put("persona", persona);
    model.put("platform", profile);
    model.put("language", language);
    model.put("languageName", languageName(language));
    model.put("knowledge", knowledge);
    model.put("sponsored", sponsored);
    model.put("keywords", knowledge.isEmpty() ? List.of() : List.of(knowledge.get(0).title()));
    model.put("hashtagBudget", Math.max(0, hashtagBudget));
    model.put("lengthBudget", Math.max(1, lengthBudget));
    try {
      Template t = templates.getTemplate(profile.id() + ".ftl");
      StringWriter out = new StringWriter();
      t.process(model, out);
      return out.toString().strip();
    } catch (IOException e) {
      throw new UncheckedIOException("posts/templates/" + profile.id() + ".ftl: " + e.getMessage(), e);
    } catch (freemarker.template.TemplateException e) {
      throw new IllegalStateException("posts/templates/" + profile.id() + ".ftl failed: " + e.getMessage(), e);
    }
  }

  /**
   * Drafts one body. With {@code model == null} the composer writes it; otherwise the model
   * does, and on any failure of the model the composer does (the generator says why).
   *
   * @param brandName the brand's display name the composer writes (never the slug)
   */
  public Future<Draft> draft(ModelSpec model, Persona persona, String brandName, PlatformProfile profile,
      String language, boolean sponsored, String brief, List<Persona.KnowledgeEntry> knowledge, int hashtagBudget,
      int lengthBudget) {
    if (model == null) {
      return Future.succeededFuture(composed(persona, brandName, brief, language, knowledge, hashtagBudget, null));
    }
    return vertx.executeBlocking(() -> prompt(persona, profile, language, sponsored, knowledge, hashtagBudget,
            lengthBudget), false)
        .compose(system -> {
          Promise<Draft> promise = Promise.promise();
          ChatRequest request = ChatRequest.builder()
              .messages(List.of(SystemMessage.from(system), UserMessage.from("Brief: " + brief)))
              .build();
          gateway.stream(List.of(ModelRoute.of(model)), request, new StreamListener() {
            @Override
            public void onDelta(String text) {
              // the whole text is checked once complete: a post is not shown while it is written
            }

            @Override
            public void onComplete(String fullText, String routeName, TokenUsage usage) {
              String body = tidy(fullText);
              if (body.isBlank()) {
                promise.tryComplete(composed(persona, brandName, brief, language, knowledge, hashtagBudget,
                    "the model answered nothing"));
                return;
              }
              promise.tryComplete(new Draft(body, new JsonObject().put("provider", model.provider())
                  .put("model", model.modelName()).put("route", routeName)));
            }

            @Override
            public void onError(GatewayFailure failure) {
              LOG.warn("post draft for persona {} on {}: model failed, composer drafts instead: {}", persona.id(),
                  profile.id(), failure.toString());
              promise.tryComplete(composed(persona, brandName, brief, language, knowledge, hashtagBudget,
                  "model unavailable: " + failure.toString()));
            }
          });
          return promise.future();
        });
  }

  private static Draft composed(Persona persona, String brandName, String brief, String language,
      List<Persona.KnowledgeEntry> knowledge, int hashtags, String why) {
    JsonObject generator = new JsonObject().put("provider", "composer").put("model", "offline-composer")
        .put("route", "composer");
    if (why != null) {
      generator.put("fallbackReason", why);
    }
    return new Draft(PostComposer.compose(persona, brandName, brief, language, knowledge, hashtags), generator);
  }

  /** Strips what models wrap a post in: surrounding quotes, a "Caption:" preamble. */
  static String tidy(String text) {
    String t = text.strip();
    t = t.replaceFirst("(?i)^(caption|post|tweet|here is the post|here's the post)\\s*:\\s*", "");
    if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("“") && t.endsWith("”"))) {
      t = t.substring(1, t.length() - 1).strip();
    }
    return t;
  }
}
