package com.personaruntime.personas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/*
 * The persona document's schema as a small tree of specs (objects, lists, strings, numbers,
 * label maps), each knowing its field names, types and constraints. Validation walks the
 * document tree against it and collects every problem; nothing stops at the first one.
 *
 * Conventions: a null value (an empty YAML value) counts as absent, so it is fine for an
 * optional field and "is required" for a required one. Cross-field rules (labels for every
 * language, a model name for remote providers, a contact with something in it) hang off the
 * object they belong to and run after its fields. A missing node stands for a value the reader
 * already reported (a YAML alias) and is skipped.
 */
final class PersonaSchema {

  static final List<String> PROVIDERS = List.of("openai", "ollama", "anthropic", "composer");
  static final List<String> JURISDICTIONS = List.of("VN", "EU", "US", "UK", "CN");
  static final List<String> REVIEW_POSTS = List.of("always", "flagged");

  private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");
  private static final Pattern ENV_NAME = Pattern.compile("^[A-Z_][A-Z0-9_]*$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern DOMAIN = Pattern.compile(
      "^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$");
  private static final Pattern KEY_PREFIX =
      Pattern.compile("^(sk-|sk_|pk-|xai-|gsk_|hf_|ghp_|AIza|key-).*");

  private static final Spec ROOT = root();

  private PersonaSchema() {}

  /** Every problem in {@code document}; empty when it is a valid persona. */
  static List<ValidationProblem> validate(String source, JsonNode document) {
    Ctx ctx = new Ctx(source, document);
    if (!document.isObject()) {
      ctx.add("", "expected a mapping of persona fields (id, brand, name, languages, ...), got "
          + describe(document));
    } else {
      ROOT.check(document, "", ctx);
    }
    return ctx.problems;
  }

  private static Spec root() {
    Spec strings = new Lst(str(), null, null, null);
    Obj voice = new Obj("a mapping")
        .optional("personality", strings)
        .optional("style", strings)
        .optional("greeting", str())
        .optional("catchphrases", strings);
    Obj segment = new Obj("a mapping with segment and style")
        .required("segment", str())
        .optional("style", strings);
    Obj entry = new Obj("a mapping with id, title and text")
        .required("id", str(PersonaSchema::slug))
        .required("title", str())
        .required("text", str())
        .optional("tags", strings);
    Obj boundaries = new Obj("a mapping")
        .optional("avoid_topics", strings)
        .optional("banned_terms", strings)
        .optional("competitors", strings)
        .optional("forbidden_claims", strings)
        .optional("allowed_link_domains", new Lst(str(PersonaSchema::domain), null, null, null))
        .optional("injection_threshold", new Num(0.01, 0.99));
    Obj disclosure = new Obj("a mapping")
        .optional("jurisdictions",
            new Lst(str(oneOf(JURISDICTIONS)), null, null, "jurisdiction"))
        .optional("ai_label", new LabelMap())
        .optional("sponsored_label", new LabelMap())
        .check(PersonaSchema::labelForEveryLanguage);
    Obj model = new Obj("a mapping")
        .optional("endpoint", str(PersonaSchema::slug))
        .optional("provider", str(oneOf(PROVIDERS)))
        .optional("baseUrl", str(PersonaSchema::httpUrl))
        .optional("name", str())
        .optional("apiKeyEnv", str(PersonaSchema::envName))
        .optional("temperature", new Num(0, 2))
        .check(PersonaSchema::modelNameForRemoteProviders);
    Obj review = new Obj("a mapping")
        .optional("posts", str(oneOf(REVIEW_POSTS)));
    Obj contact = new Obj("a mapping")
        .optional("url", str(PersonaSchema::httpUrl))
        .optional("email", str(PersonaSchema::email))
        .optional("phone", str(PersonaSchema::phone))
        .check(PersonaSchema::contactHasSomething);
    return new Obj("a mapping")
        .required("id", str(PersonaSchema::slug, PersonaSchema::notReserved))
        .required("brand", str(PersonaSchema::slug))
        .required("name", str())
        .required("languages", new Lst(str(PersonaSchema::language),
            "must list at least one language", "languagesEmpty", null, "language"))
        .optional("bio", str())
        .optional("voice", voice)
        .optional("audiences", new Lst(segment, null, "segment", "segment"))
        .optional("knowledge", new Lst(entry, null, "id", "knowledge id"))
        .optional("boundaries", boundaries)
        .optional("disclosure", disclosure)
        .optional("model", model)
        .optional("review", review)
        .optional("contact", contact)
        .optional("card", new AnyMapping());
  }

  // ---- value rules: return why the value is wrong, or null ------------------------------------

  /** Why a value is wrong: the English message and its kind and values for translations. */
  private record Why(String message, String code, List<String> args) {
    static Why of(String message, String code, String... args) {
      return new Why(message, code, List.of(args));
    }
  }

  private static Why language(String value) {
    String message = Languages.problem(value);
    if (message == null) {
      return null;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (Languages.isCode(lower)) {
      return Why.of(message, "languageCase", lower, value);
    }
    if (lower.length() > 2 && Languages.isCode(lower.substring(0, 2))) {
      return Why.of(message, "languageRegion", lower.substring(0, 2), value);
    }
    return Why.of(message, "languageUnknown", value);
  }

  private static Why slug(String value) {
    return SLUG.matcher(value).matches() ? null
        : Why.of("must be a slug (a-z, 0-9 and '-', starting with a letter or digit, at most 63 characters),"
            + " got '" + value + "'", "slug", value);
  }

  /** Persona ids that name console pages ({@code /console/personas/new}), so no persona can have them. */
  static final List<String> RESERVED_IDS = List.of("new");

  private static Why notReserved(String value) {
    return RESERVED_IDS.contains(value)
        ? Why.of("'" + value + "' is reserved (the console's page for creating a persona); choose another id",
            "reserved", value) : null;
  }

  private static Function<String, Why> oneOf(List<String> allowed) {
    return value -> {
      if (allowed.contains(value)) {
        return null;
      }
      String list = String.join(", ", allowed);
      String message = "must be one of " + list + ", got '" + value + "'";
      String suggestion = Suggestions.closest(value, allowed);
      return suggestion == null ? Why.of(message, "oneOf", list, value)
          : Why.of(message + "; did you mean '" + suggestion + "'?", "oneOfSuggest", list, value, suggestion);
    };
  }

  private static Why httpUrl(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return null;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    return Why.of("must be an absolute http(s) URL, got '" + value + "'", "url", value);
  }

  /**
   * A phone number as people write it: digits with spaces, '-', '.', '(', ')' between them and an optional
   * leading '+'; 6 to 15 digits (15 is the longest number ITU-T E.164 allows, country code included).
   */
  private static Why phone(String value) {
    int digits = 0;
    boolean ok = !value.isBlank();
    for (int i = 0; i < value.length() && ok; i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (!(c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || (c == '+' && i == 0))) {
        ok = false;
      }
    }
    return ok && digits >= 6 && digits <= 15 ? null
        : Why.of("must be a phone number (6 to 15 digits; spaces, '-', '.', '(', ')' and a leading '+' allowed), got '"
            + value + "'", "phone", value);
  }

  private static Why email(String value) {
    return EMAIL.matcher(value).matches() ? null
        : Why.of("must be an e-mail address, got '" + value + "'", "email", value);
  }

  private static Why domain(String value) {
    return DOMAIN.matcher(value).matches() ? null
        : Why.of("must be a lower-case domain name like 'brand.example' (no scheme, port or path), got '"
            + value + "'", "domain", value);
  }

  private static Why envName(String value) {
    if (ENV_NAME.matcher(value).matches()) {
      return null;
    }
    if (looksLikeKey(value)) {
      // never echo what may be a secret
      return Why.of("looks like an API key, not the name of an environment variable; put the key in an"
          + " environment variable and give its name here (like OPENAI_API_KEY)", "envKey");
    }
    return Why.of("must be the name of an environment variable (A-Z, 0-9 and '_', like OPENAI_API_KEY),"
        + " got '" + value + "'", "envName", value);
  }

  private static boolean looksLikeKey(String value) {
    if (KEY_PREFIX.matcher(value).matches()) {
      return true;
    }
    boolean digit = value.chars().anyMatch(Character::isDigit);
    boolean lower = value.chars().anyMatch(Character::isLowerCase);
    boolean space = value.chars().anyMatch(Character::isWhitespace);
    return value.length() >= 20 && digit && lower && !space;
  }

  // ---- cross-field rules ----------------------------------------------------------------------

  private static void labelForEveryLanguage(ObjectNode disclosure, String path, Ctx ctx) {
    JsonNode jurisdictions = disclosure.get("jurisdictions");
    JsonNode labels = disclosure.get("ai_label");
    JsonNode languages = ctx.root.get("languages");
    if (jurisdictions == null || !jurisdictions.isArray() || jurisdictions.isEmpty()
        || languages == null || !languages.isArray()
        || (labels != null && !labels.isNull() && !labels.isObject())) {
      return;
    }
    List<String> reported = new ArrayList<>();
    for (JsonNode language : languages) {
      String code = language.isTextual() ? language.asText() : null;
      if (code != null && Languages.isCode(code) && !reported.contains(code)
          && (labels == null || !labels.has(code))) {
        reported.add(code);
        ctx.add(path + ".ai_label", "missing the label for language '" + code
            + "'; every persona language needs one when jurisdictions are set", "aiLabelMissing", code);
      }
    }
  }

  private static void modelNameForRemoteProviders(ObjectNode model, String path, Ctx ctx) {
    JsonNode provider = model.get("provider");
    JsonNode name = model.get("name");
    JsonNode endpoint = model.get("endpoint");
    if (!absent(endpoint)) {
      // a named endpoint of the server's configuration carries provider, URL and key variable
      for (String raw : List.of("provider", "baseUrl", "apiKeyEnv")) {
        if (!absent(model.get(raw))) {
          ctx.add(path + "." + raw, "must not be set together with model.endpoint (the endpoint '"
              + endpoint.asText() + "' defines it)", "endpointConflict", endpoint.asText());
        }
      }
      return;
    }
    if (absent(provider)) {
      // Only generation settings (a temperature, a model name): they belong to a binding. Said at the
      // endpoint, the field to fill, with the way out that keeps the server's default.
      ctx.add(path + ".endpoint", "name one of the server's model endpoints (or a model.provider) to set "
          + "model.temperature or model.name; to use the server's default model, leave the whole model section "
          + "empty", "modelMissing");
      return;
    }
    if (provider != null && provider.isTextual() && PROVIDERS.contains(provider.asText())
        && !provider.asText().equals("composer") && (name == null || name.isNull())) {
      ctx.add(path + ".name", "is required for provider '" + provider.asText() + "'", "requiredFor",
          provider.asText());
    }
  }

  private static void contactHasSomething(ObjectNode contact, String path, Ctx ctx) {
    if (absent(contact.get("url")) && absent(contact.get("email")) && absent(contact.get("phone"))) {
      ctx.add(path, "give a url, an email or a phone (or several)", "contactEmpty");
    }
  }

  // ---- the walker -----------------------------------------------------------------------------

  private static boolean absent(JsonNode node) {
    return node == null || node.isNull();
  }

  static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    return "nothing";
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** Longest list (knowledge entries aside): every persona text is sent with each hello and prompt. */
  static final int MAX_LIST_ITEMS = 100;
  /** Most knowledge entries. */
  static final int MAX_KNOWLEDGE = 500;
  /** Longest string of a field without its own limit below. */
  static final int MAX_CHARS_DEFAULT = 300;
  /** Per-field longest strings, by the field's name (the last path segment). */
  static final Map<String, Integer> MAX_CHARS = Map.of(
      "name", 100, "bio", 1_000, "greeting", 500, "title", 200, "text", 4_000, "url", 2_000, "email", 254,
      "baseUrl", 2_000, "phone", 40);

  /** The longest string allowed at {@code path} ({@code knowledge[3].text} -> the limit of {@code text}). */
  static int maxChars(String path) {
    String last = path.substring(path.lastIndexOf('.') + 1);
    int bracket = last.indexOf('[');
    if (bracket >= 0) {
      last = last.substring(0, bracket);
    }
    return MAX_CHARS.getOrDefault(last, MAX_CHARS_DEFAULT);
  }

  @SafeVarargs
  private static Str str(Function<String, Why>... rules) {
    return new Str(List.of(rules));
  }

  /** Problems of one document, and the document itself for cross-field rules. */
  private static final class Ctx {
    final String source;
    final JsonNode root;
    final List<ValidationProblem> problems = new ArrayList<>();

    Ctx(String source, JsonNode root) {
      this.source = source;
      this.root = root;
    }

    void add(String path, String message) {
      problems.add(new ValidationProblem(source, path, message));
    }

    /** A problem with its kind and values, so that a user interface can translate it. */
    void add(String path, String message, String code, String... args) {
      problems.add(new ValidationProblem(source, path, message, code, List.of(args)));
    }

    void add(String path, Why why) {
      problems.add(new ValidationProblem(source, path, why.message(), why.code(), why.args()));
    }
  }

  private interface Spec {
    /** What a value of this spec is, with its article: "a string". */
    String expected();

    /** The plural for "a list of ...": "strings". */
    String plural();

    /** Checks a present value (possibly a null node inside a list). */
    void check(JsonNode node, String path, Ctx ctx);
  }

  private interface CrossCheck {
    void check(ObjectNode node, String path, Ctx ctx);
  }

  private record Field(Spec spec, boolean required) {}

  private static final class Obj implements Spec {
    private final String expected;
    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final List<CrossCheck> checks = new ArrayList<>();

    Obj(String expected) {
      this.expected = expected;
    }

    Obj required(String name, Spec spec) {
      fields.put(name, new Field(spec, true));
      return this;
    }

    Obj optional(String name, Spec spec) {
      fields.put(name, new Field(spec, false));
      return this;
    }

    Obj check(CrossCheck check) {
      checks.add(check);
      return this;
    }

    @Override
    public String expected() {
      return expected;
    }

    @Override
    public String plural() {
      return "mappings";
    }

    @Override
    public void check(JsonNode node, String path, Ctx ctx) {
      if (!node.isObject()) {
        ctx.add(path, "expected " + expected + ", got " + describe(node));
        return;
      }
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String fieldPath = join(path, e.getKey());
        Field field = fields.get(e.getKey());
        if (field == null) {
          String suggestion = Suggestions.closest(e.getKey(), fields.keySet());
          if (suggestion != null) {
            ctx.add(fieldPath, "unknown field, did you mean '" + suggestion + "'?", "unknownFieldSuggest",
                suggestion);
          } else {
            String names = String.join(", ", fields.keySet());
            ctx.add(fieldPath, "unknown field; expected one of " + names, "unknownField", names);
          }
        } else if (e.getValue().isNull()) {
          if (field.required()) {
            ctx.add(fieldPath, "is required", "required");
          }
        } else if (!e.getValue().isMissingNode()) {
          field.spec().check(e.getValue(), fieldPath, ctx);
        }
      }
      fields.forEach((name, field) -> {
        if (field.required() && !node.has(name)) {
          ctx.add(join(path, name), "is required", "required");
        }
      });
      for (CrossCheck check : checks) {
        check.check((ObjectNode) node, path, ctx);
      }
    }
  }

  /**
   * A list. {@code emptyMessage} (if set) rejects an empty list; {@code uniqueNoun} (if set)
   * rejects duplicates of the item itself or, with {@code uniqueField}, of that field of it.
   */
  private static final class Lst implements Spec {
    private final Spec item;
    private final String emptyMessage;
    private final String emptyCode;
    private final String uniqueField;
    private final String uniqueNoun;

    Lst(Spec item, String emptyMessage, String uniqueField, String uniqueNoun) {
      this(item, emptyMessage, "", uniqueField, uniqueNoun);
    }

    Lst(Spec item, String emptyMessage, String emptyCode, String uniqueField, String uniqueNoun) {
      this.item = item;
      this.emptyMessage = emptyMessage;
      this.emptyCode = emptyCode;
      this.uniqueField = uniqueField;
      this.uniqueNoun = uniqueNoun;
    }

    @Override
    public String expected() {
      return "a list of " + item.plural();
    }

    @Override
    public String plural() {
      return "lists";
    }

    @Override
    public void check(JsonNode node, String path, Ctx ctx) {
      if (!node.isArray()) {
        ctx.add(path, "expected " + expected() + ", got " + describe(node));
        return;
      }
      if (node.isEmpty() && emptyMessage != null) {
        ctx.add(path, emptyMessage, emptyCode);
      }
      int maxItems = path.endsWith("knowledge") ? MAX_KNOWLEDGE : MAX_LIST_ITEMS;
      if (node.size() > maxItems) {
        ctx.add(path, "must have at most " + maxItems + " entries, got " + node.size(), "tooMany",
            String.valueOf(maxItems), String.valueOf(node.size()));
        return;
      }
      Map<String, String> seen = new HashMap<>();
      for (int i = 0; i < node.size(); i++) {
        String itemPath = path + "[" + i + "]";
        JsonNode element = node.get(i);
        if (element.isMissingNode()) {
          continue;
        }
        item.check(element, itemPath, ctx);
        if (uniqueNoun == null) {
          continue;
        }
        JsonNode key = uniqueField == null ? element : element.get(uniqueField);
        if (key != null && key.isTextual()) {
          String keyPath = uniqueField == null ? itemPath : itemPath + "." + uniqueField;
          String first = seen.putIfAbsent(key.asText(), keyPath);
          if (first != null) {
            ctx.add(keyPath, "duplicate " + uniqueNoun + " '" + key.asText() + "' (first at "
                + first + ")", "duplicate", key.asText(), first);
          }
        }
      }
    }
  }

  /** A non-blank string, then each rule in turn until one fails. */
  private static final class Str implements Spec {
    private final List<Function<String, Why>> rules;

    Str(List<Function<String, Why>> rules) {
      this.rules = rules;
    }

    @Override
    public String expected() {
      return "a string";
    }

    @Override
    public String plural() {
      return "strings";
    }

    @Override
    public void check(JsonNode node, String path, Ctx ctx) {
      if (node.isNull() || (node.isTextual() && node.asText().isBlank())) {
        ctx.add(path, "must not be blank", "blank");
        return;
      }
      if (!node.isTextual()) {
        String hint = node.isNumber() || node.isBoolean() ? " (put it in quotes if it is text)" : "";
        ctx.add(path, "expected a string, got " + describe(node) + hint);
        return;
      }
      int max = maxChars(path);
      int length = node.asText().length();
      if (length > max) {
        ctx.add(path, "must be at most " + max + " characters, got " + length, "tooLong", String.valueOf(max),
            String.valueOf(length));
        return;
      }
      for (Function<String, Why> rule : rules) {
        Why problem = rule.apply(node.asText());
        if (problem != null) {
          ctx.add(path, problem);
          return;
        }
      }
    }
  }

  /** A number in [min, max]. */
  private static final class Num implements Spec {
    private final double min;
    private final double max;

    Num(double min, double max) {
      this.min = min;
      this.max = max;
    }

    @Override
    public String expected() {
      return "a number";
    }

    @Override
    public String plural() {
      return "numbers";
    }

    @Override
    public void check(JsonNode node, String path, Ctx ctx) {
      if (!node.isNumber()) {
        ctx.add(path, "expected a number, got " + describe(node));
        return;
      }
      double value = node.doubleValue();
      if (!(value >= min && value <= max)) {
        ctx.add(path, "must be between " + format(min) + " and " + format(max) + ", got "
            + node.asText(), "range", format(min), format(max), node.asText());
      }
    }

    private static String format(double value) {
      return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
  }

  /** Language code to non-blank label. */
  /** Any mapping (Character Card data kept as it came, see Persona#card). */
  private static final class AnyMapping implements Spec {
    @Override
    public String expected() {
      return "a mapping";
    }

    @Override
    public String plural() {
      return "mappings";
    }

    @Override
    public void check(JsonNode node, String path, Ctx ctx) {
      if (!node.isObject()) {
        ctx.add(path, "expected " + expected() + ", got " + describe(node));
      }
    }
  }

  private static final class LabelMap implements Spec {
    private final Str label = str();

    @Override
    public String expected() {
      return "a mapping of language code to label";
    }

    @Override
    public String plural() {
      return "mappings";
    }

    @Override
    public void check(JsonNode node, String path, Ctx ctx) {
      if (!node.isObject()) {
        ctx.add(path, "expected " + expected() + ", got " + describe(node));
        return;
      }
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String entryPath = path + "." + e.getKey();
        Why problem = language(e.getKey());
        if (problem != null) {
          ctx.add(entryPath, problem);
        }
        if (!e.getValue().isMissingNode()) {
          label.check(e.getValue(), entryPath, ctx);
        }
      }
    }
  }
}
