package com.personaruntime.personas;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A persona document (ARCHITECTURE.md, "Persona files") as an immutable value.
 *
 * <p>Instances normally come from {@link PersonaDocuments#parse(String, String)}, which validates
 * the document first. The constructors only normalise: absent lists become empty lists, absent
 * sections become their empty value ({@link Voice#EMPTY}, {@link Boundaries#EMPTY},
 * {@link Disclosure#EMPTY}, {@link Review#DEFAULT}); {@code bio}, {@code model} and {@code contact}
 * may be {@code null}. All collections are unmodifiable.
 *
 * @param id         slug, unique per runtime
 * @param brand      slug of the tenant that owns the persona
 * @param name       display name
 * @param languages  ISO 639-1 codes; the first is the default reply language
 * @param bio        short self-description, or {@code null}
 * @param voice      personality and style
 * @param audiences  tone per audience segment
 * @param knowledge  brand-approved facts, the only facts the persona asserts
 * @param boundaries topics, terms, competitors, claims and link domains to keep out
 * @param disclosure jurisdictions and the AI / sponsored labels per language
 * @param model      model binding, or {@code null} to use the runtime's default ({@code llm.*})
 * @param review     when posts need a human review
 * @param contact    where the audience can ask what the persona does not know, or {@code null}
 * @param card       Character Card data without a persona field of its own (scenario, example
 *                   dialogues, alternate greetings, creator notes, other tools' extensions, lorebook
 *                   settings ...), kept as plain JSON values (maps, lists, strings, numbers, booleans)
 *                   so a card survives import and export; empty for personas not made from a card
 */
public record Persona(
    String id,
    String brand,
    String name,
    List<String> languages,
    String bio,
    Voice voice,
    List<AudienceSegment> audiences,
    List<KnowledgeEntry> knowledge,
    Boundaries boundaries,
    Disclosure disclosure,
    ModelBinding model,
    Review review,
    Contact contact,
    Map<String, Object> card) {

  /** A persona without Character Card data. */
  public Persona(String id, String brand, String name, List<String> languages, String bio, Voice voice,
      List<AudienceSegment> audiences, List<KnowledgeEntry> knowledge, Boundaries boundaries, Disclosure disclosure,
      ModelBinding model, Review review, Contact contact) {
    this(id, brand, name, languages, bio, voice, audiences, knowledge, boundaries, disclosure, model, review, contact,
        Map.of());
  }

  public Persona {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(brand, "brand");
    Objects.requireNonNull(name, "name");
    languages = list(languages);
    voice = voice == null ? Voice.EMPTY : voice;
    audiences = list(audiences);
    knowledge = list(knowledge);
    boundaries = boundaries == null ? Boundaries.EMPTY : boundaries;
    disclosure = disclosure == null ? Disclosure.EMPTY : disclosure;
    review = review == null ? Review.DEFAULT : review;
    card = card == null ? Map.of() : Collections.unmodifiableMap(new java.util.LinkedHashMap<>(card));
  }

  /** The default reply language: the first of {@link #languages()}, or {@code null} if none. */
  public String defaultLanguage() {
    return languages.isEmpty() ? null : languages.get(0);
  }

  /**
   * Voice of the persona.
   *
   * @param personality traits, e.g. {@code warm}, {@code playful}
   * @param style       style instructions, e.g. {@code short sentences}
   * @param greeting    first line of a conversation, or {@code null}
   * @param catchphrases phrases the persona likes to use
   */
  public record Voice(
      List<String> personality, List<String> style, String greeting, List<String> catchphrases) {

    /** A voice with nothing set. */
    public static final Voice EMPTY = new Voice(List.of(), List.of(), null, List.of());

    public Voice {
      personality = list(personality);
      style = list(style);
      catchphrases = list(catchphrases);
    }
  }

  /**
   * Tone for one audience segment.
   *
   * @param segment segment name, e.g. {@code genz}
   * @param style   style instructions for that segment
   */
  public record AudienceSegment(String segment, List<String> style) {
    public AudienceSegment {
      Objects.requireNonNull(segment, "segment");
      style = list(style);
    }
  }

  /**
   * A brand-approved fact.
   *
   * @param id    slug, unique within the persona
   * @param title short title
   * @param text  the fact itself
   * @param tags  free tags used for retrieval
   */
  public record KnowledgeEntry(String id, String title, String text, List<String> tags) {
    public KnowledgeEntry {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(text, "text");
      tags = list(tags);
    }
  }

  /**
   * What the persona keeps out of its output.
   *
   * @param avoidTopics        topics to steer away from ({@code avoid_topics})
   * @param bannedTerms        terms never to use ({@code banned_terms})
   * @param competitors        competitor names not to mention
   * @param forbiddenClaims    claims never to make ({@code forbidden_claims})
   * @param allowedLinkDomains the only domains links may point to ({@code allowed_link_domains})
   * @param injectionThreshold the learned injection detector's blocking score for this persona,
   *                           strictly between 0 and 1 ({@code injection_threshold}); {@code null}
   *                           for the shipped model's threshold (about 1% false positives)
   */
  public record Boundaries(
      List<String> avoidTopics,
      List<String> bannedTerms,
      List<String> competitors,
      List<String> forbiddenClaims,
      List<String> allowedLinkDomains,
      Double injectionThreshold) {

    /** Boundaries with nothing set. */
    public static final Boundaries EMPTY =
        new Boundaries(List.of(), List.of(), List.of(), List.of(), List.of());

    /** Boundaries with the model's own injection threshold. */
    public Boundaries(List<String> avoidTopics, List<String> bannedTerms, List<String> competitors,
        List<String> forbiddenClaims, List<String> allowedLinkDomains) {
      this(avoidTopics, bannedTerms, competitors, forbiddenClaims, allowedLinkDomains, null);
    }

    public Boundaries {
      avoidTopics = list(avoidTopics);
      bannedTerms = list(bannedTerms);
      competitors = list(competitors);
      forbiddenClaims = list(forbiddenClaims);
      allowedLinkDomains = list(allowedLinkDomains);
    }
  }

  /**
   * Disclosure duties. Label maps are keyed by language code and iterate in key order.
   *
   * @param jurisdictions  jurisdiction profiles: {@code VN}, {@code EU}, {@code US}, {@code UK},
   *                       {@code CN}
   * @param aiLabel        "talking to an AI" / AI-generated label per language ({@code ai_label})
   * @param sponsoredLabel advertising label per language ({@code sponsored_label})
   */
  public record Disclosure(
      List<String> jurisdictions, Map<String, String> aiLabel, Map<String, String> sponsoredLabel) {

    /** Disclosure with nothing set. */
    public static final Disclosure EMPTY = new Disclosure(List.of(), Map.of(), Map.of());

    public Disclosure {
      jurisdictions = list(jurisdictions);
      aiLabel = sortedMap(aiLabel);
      sponsoredLabel = sortedMap(sponsoredLabel);
    }
  }

  /**
   * The model a persona talks through: either a named endpoint of the server's configuration
   * ({@code endpoint}, the way brand users bind a model), or a raw binding ({@code provider},
   * {@code baseUrl}, {@code apiKeyEnv}), which only platform admins and operator files may set.
   *
   * @param provider    {@code openai} (any OpenAI-compatible URL), {@code ollama},
   *                    {@code anthropic} or {@code composer} (offline); {@code null} with an endpoint
   * @param baseUrl     endpoint URL, or {@code null} for the provider's default (raw bindings only)
   * @param name        model name, or {@code null} (the endpoint's model, or composer)
   * @param apiKeyEnv   name of the environment variable holding the API key, or {@code null} (raw
   *                    bindings only; must be on the operator's allow-list to be read)
   * @param temperature sampling temperature 0..2, or {@code null} for the provider's default
   * @param endpoint    name of a model endpoint in the server configuration
   *                    ({@code llm.endpoints.NAME.*}), or {@code null} for a raw binding
   */
  public record ModelBinding(
      String provider, String baseUrl, String name, String apiKeyEnv, Double temperature, String endpoint) {
    public ModelBinding {
      if (provider == null && endpoint == null) {
        throw new NullPointerException("provider or endpoint");
      }
    }

    /** A raw binding (no named endpoint). */
    public ModelBinding(String provider, String baseUrl, String name, String apiKeyEnv, Double temperature) {
      this(provider, baseUrl, name, apiKeyEnv, temperature, null);
    }

    /** Whether this binding names a URL or a key variable itself (only admins and operator files may). */
    public boolean raw() {
      return baseUrl != null || apiKeyEnv != null;
    }
  }

  /**
   * When posts need a human review.
   *
   * @param posts {@link Posts#ALWAYS} or {@link Posts#FLAGGED} (the default)
   */
  public record Review(Posts posts) {

    /** Review only flagged posts. */
    public static final Review DEFAULT = new Review(Posts.FLAGGED);

    public Review {
      posts = posts == null ? Posts.FLAGGED : posts;
    }

    /** Which posts go to a moderator before publishing. */
    public enum Posts {
      /** Every post. */
      ALWAYS,
      /** Only posts the guardrails flag. */
      FLAGGED
    }
  }

  /**
   * Where the audience can ask what the persona does not know. At least one part is set.
   *
   * @param url   absolute http(s) URL, or {@code null}
   * @param email e-mail address, or {@code null}
   * @param phone the brand's public phone number as written ("0263 3 123 456", "+84 263 3123 456"; 6 to 15
   *              digits), or {@code null}; the persona may say it (the pii.phone rule leaves it)
   */
  public record Contact(String url, String email, String phone) {
    /** A contact without a phone number. */
    public Contact(String url, String email) {
      this(url, email, null);
    }
  }

  private static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : List.copyOf(values);
  }

  private static Map<String, String> sortedMap(Map<String, String> values) {
    if (values == null || values.isEmpty()) {
      return Map.of();
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    values.forEach((k, v) -> sorted.put(Objects.requireNonNull(k), Objects.requireNonNull(v)));
    return Collections.unmodifiableMap(sorted);
  }
}
