package com.personaruntime.web.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.personaruntime.personas.Suggestions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds {@link AppConfig} from defaults, an optional YAML file and the environment (highest
 * precedence). Every problem is collected and reported at once, each naming where the value
 * came from (file or environment variable), the key, what was expected and what was found.
 */
public final class ConfigLoader {

  private static final Set<String> PROVIDERS = Set.of("composer", "openai", "ollama", "anthropic");
  private static final Map<String, ConfigKey> KEYS = new LinkedHashMap<>();

  static {
    for (ConfigKey key : ConfigKey.ALL) {
      KEYS.put(key.name(), key);
    }
  }

  private ConfigLoader() {
  }

  /** Loads the configuration; {@code file} may be null. */
  public static AppConfig load(Path file, Map<String, String> env) throws ConfigException {
    List<String> problems = new ArrayList<>();
    Map<String, Raw> raw = new LinkedHashMap<>();
    Map<String, Map<String, Raw>> endpointsRaw = new java.util.TreeMap<>();
    for (ConfigKey key : ConfigKey.ALL) {
      raw.put(key.name(), new Raw(key.defaultValue(), "default", null));
    }
    if (file != null) {
      readFile(file, raw, endpointsRaw, problems);
    }
    for (ConfigKey key : ConfigKey.ALL) {
      String value = env.get(key.envName());
      if (value != null) {
        raw.put(key.name(), new Raw(value, "environment " + key.envName(), null));
      }
    }
    endpointsFromEnv(env, endpointsRaw, problems);
    Values v = new Values(raw, problems);
    AppConfig.Http http = new AppConfig.Http(
        v.string("http.host"),
        v.integer("http.port", 0, 65535),
        v.integer("http.maxBodyBytes", 1024, 64 * 1024 * 1024),
        v.integer("http.shutdownGraceSeconds", 0, 600),
        v.bool("http.secureCookies"),
        v.list("http.allowedOrigins"),
        v.integer("http.instances", 0, 1024),
        v.list("http.trustedProxies"));
    try {
      com.personaruntime.web.http.ClientAddress.trusting(http.trustedProxies());
    } catch (IllegalArgumentException e) {
      problems.add(v.where("http.trustedProxies") + "http.trustedProxies: " + e.getMessage());
    }
    String url = v.string("storage.url");
    if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
      problems.add(v.where("storage.url") + "storage.url: must be a JDBC URL starting with jdbc:h2: or "
          + "jdbc:postgresql:, got '" + url + "'");
    }
    AppConfig.Storage storage = new AppConfig.Storage(url, v.string("storage.user"), v.string("storage.password"),
        v.integer("storage.maxPoolSize", 1, 200),
        v.integer("storage.groupCommitMillis", 0, com.personaruntime.runtime.storage.StorageConfig.MAX_GROUP_COMMIT_MILLIS));
    Optional<Path> personasDir = Optional.empty();
    String dir = v.string("personas.dir");
    if (!dir.isBlank()) {
      Path p = resolve(file, dir, raw.get("personas.dir"));
      if (!Files.isDirectory(p)) {
        problems.add(v.where("personas.dir") + "personas.dir: must be an existing folder, got '" + dir + "'"
            + (p.toString().equals(dir) ? "" : " (resolved to " + p + ")"));
      }
      personasDir = Optional.of(p);
    }
    String provider = v.string("llm.provider");
    if (!PROVIDERS.contains(provider)) {
      problems.add(v.where("llm.provider") + "llm.provider: must be one of composer, openai, ollama, anthropic, got '"
          + provider + "'");
    }
    String baseUrl = v.string("llm.baseUrl");
    if (!baseUrl.isBlank() && !isHttpUrl(baseUrl)) {
      problems.add(v.where("llm.baseUrl") + "llm.baseUrl: must be an absolute http(s) URL, got '" + baseUrl + "'");
    }
    String model = v.string("llm.model");
    if (!provider.equals("composer") && PROVIDERS.contains(provider) && model.isBlank()) {
      problems.add(v.where("llm.model") + "llm.model: must be set when llm.provider is " + provider);
    }
    List<String> keyEnvAllowed = v.list("llm.apiKeyEnvAllowed");
    for (String name : keyEnvAllowed) {
      if (!ENV_NAME.matcher(name).matches()) {
        problems.add(v.where("llm.apiKeyEnvAllowed") + "llm.apiKeyEnvAllowed: must list environment variable "
            + "names (A-Z, 0-9, _), got '" + name + "'");
      }
    }
    AppConfig.Llm llm = new AppConfig.Llm(provider, baseUrl, model, v.string("llm.apiKey"),
        v.integer("llm.connectTimeoutMs", 1, 600_000),
        v.integer("llm.firstTokenTimeoutMs", 1, 600_000),
        v.integer("llm.interTokenTimeoutMs", 1, 600_000),
        v.integer("llm.totalTimeoutMs", 1, 3_600_000),
        v.integer("llm.maxRetries", 0, 10),
        endpoints(endpointsRaw, problems),
        keyEnvAllowed,
        v.bool("llm.allowPrivateNetworks"),
        v.integer("llm.firstTextDeadlineMs", 1, 3_600_000));
    for (String k : List.of("llm.firstTokenTimeoutMs", "llm.interTokenTimeoutMs")) {
      int value = k.equals("llm.firstTokenTimeoutMs") ? llm.firstTokenTimeoutMs() : llm.interTokenTimeoutMs();
      if (value > llm.totalTimeoutMs()) {
        problems.add(v.where(k) + k + ": must not exceed llm.totalTimeoutMs (" + llm.totalTimeoutMs() + "), got "
            + value);
      }
    }
    AppConfig.Live live = new AppConfig.Live(
        v.integer("live.maxMessageChars", 1, 100_000),
        v.integer("live.burst", 1, 10_000),
        v.integer("live.messagesPerMinute", 1, 600_000),
        v.integer("live.idleTimeoutSeconds", 1, 86_400),
        v.integer("live.redisclosureMinutes", 1, 10_080),
        v.integer("live.roomDisclosureSeconds", 1, 86_400),
        v.integer("live.roomQueueSize", 1, 10_000),
        v.integer("live.memoryTurns", 0, 100),
        v.integer("live.connectionsPerAddress", 1, 1_000_000),
        v.integer("live.maxConnections", 1, 10_000_000),
        v.integer("live.messagesPerMinutePerAddress", 1, 100_000_000),
        v.integer("live.moderationItemsPerHourPerAddress", 1, 100_000_000),
        v.integer("live.resumeTtlMinutes", 1, 60 * 24 * 30));
    String claiming = v.string("moderation.claiming");
    if (!List.of("off", "optional", "required").contains(claiming)) {
      problems.add(v.where("moderation.claiming") + "moderation.claiming: must be one of off, optional, required, got '"
          + claiming + "'");
    }
    AppConfig.Moderation moderation = new AppConfig.Moderation(claiming,
        v.integer("moderation.slaSeconds", 1, 7 * 24 * 3600),
        v.integer("moderation.leaseSeconds", 1, 24 * 3600),
        v.integer("moderation.sweepSeconds", 1, 3600));
    AppConfig.Auth auth = new AppConfig.Auth(
        v.integer("auth.sessionTtlMinutes", 1, 60 * 24 * 90),
        v.integer("auth.loginFailuresPerAccount", 1, 1000),
        v.integer("auth.loginAttemptsPerAddress", 1, 100000),
        v.integer("auth.invitationTtlHours", 1, 24 * 90));
    String publicBaseUrl = v.string("publish.publicBaseUrl");
    if (!publicBaseUrl.isBlank() && !isHttpUrl(publicBaseUrl)) {
      problems.add(v.where("publish.publicBaseUrl") + "publish.publicBaseUrl: must be an absolute http(s) URL, got '"
          + publicBaseUrl + "'");
    }
    String keyFile = v.string("provenance.keyFile");
    AppConfig.Publish publish = new AppConfig.Publish(
        v.bool("publish.allowPrivateNetworks"),
        publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl,
        v.integer("publish.pollIntervalMs", 50, 3_600_000),
        v.integer("publish.deliveryTimeoutMs", 100, 600_000),
        v.integer("publish.leaseSeconds", 1, 86_400),
        keyFile.isBlank() ? Optional.empty() : Optional.of(resolve(file, keyFile, raw.get("provenance.keyFile"))),
        v.string("provenance.privateJwk"));
    if (publish.leaseSeconds() * 1000L <= publish.deliveryTimeoutMs()) {
      problems.add(v.where("publish.leaseSeconds") + "publish.leaseSeconds: must be longer than "
          + "publish.deliveryTimeoutMs (" + publish.deliveryTimeoutMs() + " ms), got " + publish.leaseSeconds());
    }
    AppConfig.Cluster cluster = new AppConfig.Cluster(v.bool("cluster.enabled"), v.string("cluster.host"),
        v.integer("cluster.port", 1, 65535), v.list("cluster.members"), v.integer("cluster.failureTimeoutSeconds", 2, 600),
        v.integer("cluster.takeoverCheckMillis", 50, 60_000));
    if (cluster.enabled()) {
      if (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:")) {
        problems.add(v.where("cluster.enabled") + "cluster.enabled: a cluster needs one database every node shares; "
            + "set storage.url to PostgreSQL (jdbc:postgresql://host:5432/db), got the embedded H2 database '"
            + url + "', which lives in one node's memory or files");
      }
      if (cluster.host().isBlank()) {
        problems.add(v.where("cluster.host") + "cluster.host: must be this node's address, got ''");
      }
      for (String member : cluster.members()) {
        int colon = member.lastIndexOf(':');
        boolean ok = colon > 0 && colon < member.length() - 1;
        if (ok) {
          try {
            int p = Integer.parseInt(member.substring(colon + 1));
            ok = p >= 1 && p <= 65535;
          } catch (NumberFormatException e) {
            ok = false;
          }
        }
        if (!ok) {
          problems.add(v.where("cluster.members") + "cluster.members: each member must be host:port, got '"
              + member + "'");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new AppConfig(http, storage, personasDir, llm, auth, live, publish, cluster, moderation);
  }

  private static Path resolve(Path file, String dir, Raw raw) {
    Path p = Path.of(dir);
    if (!p.isAbsolute() && raw.file() != null && file.getParent() != null) {
      return file.getParent().resolve(p).normalize();
    }
    return p;
  }

  private static boolean isHttpUrl(String s) {
    try {
      URI uri = URI.create(s);
      return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static final java.util.regex.Pattern ENV_NAME = java.util.regex.Pattern.compile("^[A-Z_][A-Z0-9_]*$");
  private static final java.util.regex.Pattern ENDPOINT_NAME = java.util.regex.Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");
  private static final String ENDPOINTS = "llm.endpoints";
  private static final List<String> ENDPOINT_FIELDS = List.of("provider", "baseUrl", "model", "apiKeyEnv");

  /** {@code LLM_ENDPOINTS_<NAME>_<FIELD>}: NAME in upper case, '_' standing for '-'. */
  private static void endpointsFromEnv(Map<String, String> env, Map<String, Map<String, Raw>> out,
      List<String> problems) {
    String prefix = "LLM_ENDPOINTS_";
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(env).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        continue;
      }
      String rest = e.getKey().substring(prefix.length());
      String field = null;
      for (String f : ENDPOINT_FIELDS) {
        String suffix = "_" + f.toUpperCase(java.util.Locale.ROOT);
        if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
          field = f;
          rest = rest.substring(0, rest.length() - suffix.length());
          break;
        }
      }
      if (field == null) {
        problems.add("environment " + e.getKey() + ": expected LLM_ENDPOINTS_<NAME>_<FIELD> with FIELD one of "
            + "PROVIDER, BASEURL, MODEL, APIKEYENV");
        continue;
      }
      String name = rest.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      out.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(field, new Raw(e.getValue(),
          "environment " + e.getKey(), null));
    }
  }

  private static Map<String, AppConfig.Endpoint> endpoints(Map<String, Map<String, Raw>> raw, List<String> problems) {
    Map<String, AppConfig.Endpoint> out = new java.util.TreeMap<>();
    raw.forEach((name, fields) -> {
      String where = fields.values().iterator().next().source() + ": ";
      String key = ENDPOINTS + "." + name;
      if (!ENDPOINT_NAME.matcher(name).matches()) {
        problems.add(where + key + ": an endpoint name must be a slug (a-z, 0-9, '-'), got '" + name + "'");
        return;
      }
      String provider = value(fields, "provider");
      String url = value(fields, "baseUrl");
      String model = value(fields, "model");
      String keyEnv = value(fields, "apiKeyEnv");
      int before = problems.size();
      if (!Set.of("openai", "ollama", "anthropic").contains(provider)) {
        problems.add(source(fields, "provider", where) + key + ".provider: must be one of openai, ollama, anthropic, got '"
            + provider + "'");
      }
      if (!url.isEmpty() && !isHttpUrl(url)) {
        problems.add(source(fields, "baseUrl", where) + key + ".baseUrl: must be an absolute http(s) URL, got '" + url
            + "'");
      }
      if (model.isEmpty()) {
        problems.add(where + key + ".model: must be set (the model name the endpoint serves)");
      }
      if (!keyEnv.isEmpty() && !ENV_NAME.matcher(keyEnv).matches()) {
        problems.add(source(fields, "apiKeyEnv", where) + key + ".apiKeyEnv: must be an environment variable name "
            + "(A-Z, 0-9, _), got '" + keyEnv + "'");
      }
      if (problems.size() == before) {
        out.put(name, new AppConfig.Endpoint(name, provider, url.isEmpty() ? null : url, model,
            keyEnv.isEmpty() ? null : keyEnv));
      }
    });
    return out;
  }

  private static String value(Map<String, Raw> fields, String field) {
    Raw r = fields.get(field);
    return r == null ? "" : r.value().trim();
  }

  private static String source(Map<String, Raw> fields, String field, String fallback) {
    Raw r = fields.get(field);
    return r == null ? fallback : r.source() + ": ";
  }

  /** {@code llm.endpoints} in a file: a mapping of names to mappings of fields (or dotted keys). */
  private static void endpointInFile(Path path, String file, String key, JsonNode value,
      Map<String, Map<String, Raw>> out, List<String> problems) {
    String rest = key.length() > ENDPOINTS.length() ? key.substring(ENDPOINTS.length() + 1) : "";
    if (value.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = value.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        endpointInFile(path, file, key + "." + e.getKey(), e.getValue(), out, problems);
      }
      return;
    }
    String[] parts = rest.split("\\.");
    if (parts.length != 2 || !ENDPOINT_FIELDS.contains(parts[1])) {
      String closest = parts.length == 2 ? Suggestions.closest(parts[1], ENDPOINT_FIELDS) : null;
      problems.add(file + ": " + key + ": unknown key; an endpoint is " + ENDPOINTS + ".NAME.{"
          + String.join(",", ENDPOINT_FIELDS) + "}" + (closest != null ? ", did you mean '" + closest + "'?" : ""));
      return;
    }
    out.computeIfAbsent(parts[0], n -> new LinkedHashMap<>()).put(parts[1],
        new Raw(value.isNull() ? "" : value.asText(), file, path));
  }

  private static void readFile(Path file, Map<String, Raw> raw, Map<String, Map<String, Raw>> endpoints,
      List<String> problems) {
    String name = file.toString();
    JsonNode root;
    try {
      if (!Files.isRegularFile(file)) {
        problems.add(name + ": config file not found");
        return;
      }
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      problems.add(name + ": not valid YAML: " + msg);
      return;
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return; // an empty file means "all defaults"
    }
    if (!root.isObject()) {
      problems.add(name + ": expected a mapping of keys at the top level, got " + root.getNodeType());
      return;
    }
    flatten(file, name, "", root, raw, endpoints, problems);
  }

  private static void flatten(Path path, String file, String prefix, JsonNode node, Map<String, Raw> raw,
      Map<String, Map<String, Raw>> endpoints, List<String> problems) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      JsonNode value = e.getValue();
      if (key.equals(ENDPOINTS) || key.startsWith(ENDPOINTS + ".")) {
        endpointInFile(path, file, key, value, endpoints, problems);
        continue;
      }
      ConfigKey known = KEYS.get(key);
      if (known == null && value.isObject() && (KEYS.keySet().stream().anyMatch(k -> k.startsWith(key + "."))
          || ENDPOINTS.startsWith(key + "."))) {
        flatten(path, file, key, value, raw, endpoints, problems);
        continue;
      }
      if (known == null) {
        problems.add(file + ": " + key + ": unknown key" + suggestion(key));
        continue;
      }
      if (value.isObject()) {
        problems.add(file + ": " + key + ": expected " + known.type().expected + ", got a mapping");
        continue;
      }
      String text;
      if (value.isArray()) {
        List<String> items = new ArrayList<>();
        value.forEach(item -> items.add(item.asText()));
        text = String.join(",", items);
      } else if (value.isNull()) {
        text = "";
      } else {
        text = value.asText();
      }
      raw.put(key, new Raw(text, file, path));
    }
  }

  private static String suggestion(String key) {
    String closest = Suggestions.closest(key, KEYS.keySet());
    return closest != null ? ", did you mean '" + closest + "'?"
        : "; known keys: " + String.join(", ", KEYS.keySet());
  }

  private record Raw(String value, String source, Path file) {
  }

  /** Typed access to raw values, recording a problem (and returning a safe default) when one does not parse. */
  private static final class Values {
    private final Map<String, Raw> raw;
    private final List<String> problems;

    Values(Map<String, Raw> raw, List<String> problems) {
      this.raw = raw;
      this.problems = problems;
    }

    String where(String key) {
      return raw.get(key).source() + ": ";
    }

    String string(String key) {
      return raw.get(key).value().trim();
    }

    int integer(String key, int min, int max) {
      Raw r = raw.get(key);
      String shown = KEYS.get(key).secret() ? "***" : r.value();
      try {
        int n = Integer.parseInt(r.value().trim());
        if (n < min || n > max) {
          problems.add(r.source() + ": " + key + ": must be an integer between " + min + " and " + max + ", got "
              + shown);
        }
        return n;
      } catch (NumberFormatException e) {
        problems.add(r.source() + ": " + key + ": must be an integer between " + min + " and " + max + ", got '"
            + shown + "'");
        return Integer.parseInt(KEYS.get(key).defaultValue());
      }
    }

    boolean bool(String key) {
      Raw r = raw.get(key);
      String s = r.value().trim().toLowerCase();
      if (s.equals("true") || s.equals("false")) {
        return Boolean.parseBoolean(s);
      }
      problems.add(r.source() + ": " + key + ": must be true or false, got '" + r.value() + "'");
      return false;
    }

    List<String> list(String key) {
      String s = raw.get(key).value().trim();
      if (s.isEmpty()) {
        return List.of();
      }
      return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
  }
}
