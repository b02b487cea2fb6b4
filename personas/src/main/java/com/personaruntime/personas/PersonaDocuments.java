package com.personaruntime.personas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads, validates and writes persona documents (YAML or JSON, ARCHITECTURE.md "Persona files").
 *
 * <p>{@link #parse(String, String)} reports every problem of a document in one pass; it never
 * throws for bad input. {@link #toJson(Persona)} is the canonical form: fields in a fixed order
 * (that of the YAML reference), label maps sorted by language, empty lists written out, absent
 * optional values left out, no whitespace. All methods are thread-safe and do no I/O except
 * {@link #parse(Path)}.
 */
public final class PersonaDocuments {

  /** Largest persona file {@link #parse(Path)} reads. */
  public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .build());

  private PersonaDocuments() {}

  /**
   * Parses and validates a persona document. The format is detected from the content: JSON when
   * the first non-blank character is '{' or '[', YAML otherwise.
   *
   * @param sourceName names the document in problems, e.g. {@code linh.yaml}
   * @param content    the document text
   * @return the persona, or every problem found
   */
  /**
   * The longest string a document field may hold, in characters (UTF-16 code units, as counted by the
   * validator), by its path: {@code bio} 1,000, {@code knowledge[3].text} 4,000, {@code name} 100 ...
   * The console's counters show these numbers.
   */
  public static int maxChars(String path) {
    return PersonaSchema.maxChars(path);
  }

  public static ParseResult parse(String sourceName, String content) {
    List<ValidationProblem> problems = new ArrayList<>();
    JsonNode tree = DocumentReader.read(sourceName, content, problems);
    if (tree == null) {
      return new ParseResult.Invalid(sourceName, problems);
    }
    problems.addAll(PersonaSchema.validate(sourceName, tree));
    if (!problems.isEmpty()) {
      return new ParseResult.Invalid(sourceName, problems);
    }
    return new ParseResult.Valid(sourceName, toPersona(tree));
  }

  /**
   * Reads a persona file (UTF-8) and parses it; the source name is {@code file.toString()}.
   * A file that cannot be read, is larger than {@link #MAX_FILE_BYTES} or is not UTF-8 gives an
   * invalid result, not an exception.
   */
  public static ParseResult parse(Path file) {
    String source = file.toString();
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        return invalid(source, "the file is too large (" + size + " bytes, at most "
            + MAX_FILE_BYTES + ")");
      }
      return parse(source, Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return invalid(source, "cannot read the file: no such file");
    } catch (AccessDeniedException e) {
      return invalid(source, "cannot read the file: permission denied");
    } catch (CharacterCodingException e) {
      return invalid(source, "the file is not UTF-8 text");
    } catch (IOException e) {
      return invalid(source, "cannot read the file: " + e.getMessage());
    }
  }

  /**
   * Validates a persona built in code (it may break rules the constructors do not check).
   *
   * @return every problem, empty when the persona is valid
   */
  public static List<ValidationProblem> validate(String sourceName, Persona persona) {
    return PersonaSchema.validate(sourceName, toTree(persona));
  }

  /** The canonical JSON form; {@code parse(s, toJson(p))} gives back an equal persona. */
  public static String toJson(Persona persona) {
    try {
      return JSON.writeValueAsString(toTree(persona));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A YAML document in the field order of the reference, leaving out empty lists and sections;
   * {@code parse(s, toYaml(p))} gives back an equal persona.
   */
  public static String toYaml(Persona persona) {
    ObjectNode tree = toTree(persona);
    prune(tree);
    try {
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Any JSON tree (e.g. a document that does not validate yet) as YAML in the same style as
   * {@link #toYaml(Persona)}: no document start marker, long strings never folded (a folded
   * double-quoted string breaks mid-word with a {@code \} continuation), multi-line text as literal
   * blocks. Reading it back gives the same tree.
   */
  public static String treeToYaml(JsonNode tree) {
    try {
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SHA-256 of the UTF-8 bytes of {@link #toJson(Persona)}, as 64 lower-case hex digits. */
  public static String checksum(Persona persona) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(toJson(persona).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static ParseResult invalid(String source, String message) {
    return new ParseResult.Invalid(source, List.of(new ValidationProblem(source, "", message)));
  }

  // ---- tree -> persona (the tree has been validated) ------------------------------------------

  private static Persona toPersona(JsonNode root) {
    JsonNode voice = root.path("voice");
    JsonNode boundaries = root.path("boundaries");
    JsonNode disclosure = root.path("disclosure");
    JsonNode model = root.path("model");
    JsonNode review = root.path("review");
    JsonNode contact = root.path("contact");

    List<Persona.AudienceSegment> audiences = new ArrayList<>();
    for (JsonNode segment : root.path("audiences")) {
      audiences.add(new Persona.AudienceSegment(text(segment, "segment"), strings(segment, "style")));
    }
    List<Persona.KnowledgeEntry> knowledge = new ArrayList<>();
    for (JsonNode entry : root.path("knowledge")) {
      knowledge.add(new Persona.KnowledgeEntry(
          text(entry, "id"), text(entry, "title"), text(entry, "text"), strings(entry, "tags")));
    }
    String posts = text(review, "posts");
    return new Persona(
        text(root, "id"),
        text(root, "brand"),
        text(root, "name"),
        strings(root, "languages"),
        text(root, "bio"),
        new Persona.Voice(strings(voice, "personality"), strings(voice, "style"),
            text(voice, "greeting"), strings(voice, "catchphrases")),
        audiences,
        knowledge,
        new Persona.Boundaries(strings(boundaries, "avoid_topics"),
            strings(boundaries, "banned_terms"), strings(boundaries, "competitors"),
            strings(boundaries, "forbidden_claims"), strings(boundaries, "allowed_link_domains"),
            boundaries.path("injection_threshold").isNumber() ? boundaries.get("injection_threshold").doubleValue() : null),
        new Persona.Disclosure(strings(disclosure, "jurisdictions"),
            labels(disclosure, "ai_label"), labels(disclosure, "sponsored_label")),
        model.isObject()
            ? new Persona.ModelBinding(text(model, "provider"), text(model, "baseUrl"),
                text(model, "name"), text(model, "apiKeyEnv"),
                model.path("temperature").isNumber() ? model.get("temperature").doubleValue() : null,
                text(model, "endpoint"))
            : null,
        new Persona.Review(posts == null
            ? Persona.Review.Posts.FLAGGED
            : Persona.Review.Posts.valueOf(posts.toUpperCase(Locale.ROOT))),
        contact.isObject() ? new Persona.Contact(text(contact, "url"), text(contact, "email"),
            text(contact, "phone")) : null,
        root.path("card").isObject() ? JSON.convertValue(root.get("card"), MAP_TYPE) : Map.of());
  }

  private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP_TYPE =
      new com.fasterxml.jackson.core.type.TypeReference<>() { };

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? value.asText() : null;
  }

  private static List<String> strings(JsonNode node, String field) {
    List<String> values = new ArrayList<>();
    for (JsonNode value : node.path(field)) {
      values.add(value.asText());
    }
    return values;
  }

  private static Map<String, String> labels(JsonNode node, String field) {
    Map<String, String> labels = new LinkedHashMap<>();
    node.path(field).properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  // ---- persona -> canonical tree --------------------------------------------------------------

  private static ObjectNode toTree(Persona p) {
    ObjectNode root = NODES.objectNode();
    root.put("id", p.id());
    root.put("brand", p.brand());
    root.put("name", p.name());
    root.set("languages", array(p.languages()));
    putIfSet(root, "bio", p.bio());

    ObjectNode voice = root.putObject("voice");
    voice.set("personality", array(p.voice().personality()));
    voice.set("style", array(p.voice().style()));
    putIfSet(voice, "greeting", p.voice().greeting());
    voice.set("catchphrases", array(p.voice().catchphrases()));

    ArrayNode audiences = root.putArray("audiences");
    for (Persona.AudienceSegment segment : p.audiences()) {
      ObjectNode node = audiences.addObject();
      node.put("segment", segment.segment());
      node.set("style", array(segment.style()));
    }
    ArrayNode knowledge = root.putArray("knowledge");
    for (Persona.KnowledgeEntry entry : p.knowledge()) {
      ObjectNode node = knowledge.addObject();
      node.put("id", entry.id());
      node.put("title", entry.title());
      node.put("text", entry.text());
      node.set("tags", array(entry.tags()));
    }

    Persona.Boundaries b = p.boundaries();
    ObjectNode boundaries = root.putObject("boundaries");
    boundaries.set("avoid_topics", array(b.avoidTopics()));
    boundaries.set("banned_terms", array(b.bannedTerms()));
    boundaries.set("competitors", array(b.competitors()));
    boundaries.set("forbidden_claims", array(b.forbiddenClaims()));
    boundaries.set("allowed_link_domains", array(b.allowedLinkDomains()));
    if (b.injectionThreshold() != null) {
      boundaries.put("injection_threshold", b.injectionThreshold());
    }

    Persona.Disclosure d = p.disclosure();
    ObjectNode disclosure = root.putObject("disclosure");
    disclosure.set("jurisdictions", array(d.jurisdictions()));
    disclosure.set("ai_label", object(d.aiLabel()));
    disclosure.set("sponsored_label", object(d.sponsoredLabel()));

    if (p.model() != null) {
      Persona.ModelBinding m = p.model();
      ObjectNode model = root.putObject("model");
      putIfSet(model, "endpoint", m.endpoint());
      putIfSet(model, "provider", m.provider());
      putIfSet(model, "baseUrl", m.baseUrl());
      putIfSet(model, "name", m.name());
      putIfSet(model, "apiKeyEnv", m.apiKeyEnv());
      if (m.temperature() != null) {
        model.put("temperature", m.temperature());
      }
    }
    root.putObject("review").put("posts", p.review().posts().name().toLowerCase(Locale.ROOT));
    if (p.contact() != null) {
      ObjectNode contact = root.putObject("contact");
      putIfSet(contact, "url", p.contact().url());
      putIfSet(contact, "email", p.contact().email());
      putIfSet(contact, "phone", p.contact().phone());
    }
    if (!p.card().isEmpty()) {
      root.set("card", JSON.valueToTree(p.card()));
    }
    return root;
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private static ArrayNode array(List<String> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }

  private static ObjectNode object(Map<String, String> values) {
    ObjectNode object = NODES.objectNode();
    values.forEach(object::put);
    return object;
  }

  /** Removes empty lists and mappings, innermost first. */
  private static void prune(JsonNode node) {
    if (node.isObject()) {
      List<String> empty = new ArrayList<>();
      node.properties().forEach(e -> {
        prune(e.getValue());
        if (e.getValue().isContainerNode() && e.getValue().isEmpty()) {
          empty.add(e.getKey());
        }
      });
      ((ObjectNode) node).remove(empty);
    } else if (node.isArray()) {
      node.forEach(PersonaDocuments::prune);
    }
  }
}
