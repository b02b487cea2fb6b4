package com.personaruntime.runtime.catalog;

import com.personaruntime.gateway.ModelSpec;
import com.personaruntime.personas.Persona;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The model bindings the operator controls, and the rule for who may bind a persona to what.
 *
 * <p>A persona names its model in one of two ways:
 * <ul>
 *   <li>{@code model.endpoint: NAME}: one of the operator's named endpoints ({@code llm.endpoints.NAME.*}:
 *       provider, base URL, model, key variable). Anyone who may edit the persona may choose it; the
 *       persona may override the model {@code name} and {@code temperature}, never the URL or the key.</li>
 *   <li>a raw binding ({@code provider}, {@code baseUrl}, {@code apiKeyEnv}): only platform admins (through
 *       the API) and operator files in {@code personas.dir} may set a URL or a key variable, and the key
 *       variable must be on the operator's allow-list ({@code llm.apiKeyEnvAllowed}) even then. A brand
 *       user may keep a raw binding an admin set (unchanged), not change it.</li>
 * </ul>
 * A persona without a model section uses the default binding ({@code llm.*}). Where the calls may go is
 * decided separately, at call time, by the gateway's
 * {@link com.personaruntime.gateway.net.OutboundAddressPolicy}.
 *
 * <p>Immutable; the environment is captured at construction.
 */
public final class ModelBindings {

  /**
   * A named endpoint from the server configuration.
   *
   * @param name      the name personas use in {@code model.endpoint}
   * @param provider  {@code openai}, {@code ollama} or {@code anthropic}
   * @param baseUrl   the base URL, or {@code null} for the provider's default
   * @param model     the model name used when the persona names none
   * @param apiKeyEnv the environment variable holding the key, or {@code null}
   */
  public record Endpoint(String name, String provider, String baseUrl, String model, String apiKeyEnv) {
    public Endpoint {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(model, "model");
    }
  }

  private final ModelSpec defaultModel;
  private final Map<String, Endpoint> endpoints;
  private final Set<String> keyEnvAllowed;
  private final Map<String, String> env;

  /**
   * @param defaultModel  the binding of personas without a model section; {@code null} for the composer
   * @param endpoints     the named endpoints
   * @param keyEnvAllowed environment variables raw bindings may name in {@code model.apiKeyEnv}
   * @param env           the process environment keys are read from
   */
  public ModelBindings(ModelSpec defaultModel, List<Endpoint> endpoints, Set<String> keyEnvAllowed,
      Map<String, String> env) {
    this.defaultModel = defaultModel;
    Map<String, Endpoint> byName = new TreeMap<>();
    endpoints.forEach(e -> byName.put(e.name(), e));
    this.endpoints = Map.copyOf(byName);
    this.keyEnvAllowed = Set.copyOf(keyEnvAllowed);
    this.env = Map.copyOf(env);
  }

  /** No endpoints, no key variables, the composer as default: every raw key variable is refused. */
  public static ModelBindings none() {
    return new ModelBindings(null, List.of(), Set.of(), Map.of());
  }

  /** The endpoint names, sorted. */
  public List<String> endpointNames() {
    return List.copyOf(new TreeMap<>(endpoints).keySet());
  }

  /**
   * Checks who may store {@code persona}'s model binding.
   *
   * @param persona  the document being stored
   * @param trusted  whether the writer is a platform admin or an operator file
   * @param previous the binding of the version stored before, or {@code null}: a brand user may keep an
   *                 admin's raw binding as it is
   * @throws CatalogException INVALID for an unknown endpoint or a key variable off the allow-list,
   *                          FORBIDDEN for a raw URL or key variable set by a brand user; messages name the
   *                          field
   */
  public void check(Persona persona, boolean trusted, Persona.ModelBinding previous) {
    Persona.ModelBinding b = persona.model();
    if (b == null) {
      return;
    }
    if (b.endpoint() != null) {
      if (!endpoints.containsKey(b.endpoint())) {
        throw new CatalogException(CatalogException.Kind.INVALID, "model.endpoint: unknown endpoint '"
            + b.endpoint() + "'; " + known());
      }
      return;
    }
    if (!b.raw()) {
      return;
    }
    boolean unchanged = previous != null && previous.endpoint() == null
        && Objects.equals(previous.provider(), b.provider()) && Objects.equals(previous.baseUrl(), b.baseUrl())
        && Objects.equals(previous.apiKeyEnv(), b.apiKeyEnv());
    if (!trusted && !unchanged) {
      String field = b.baseUrl() != null ? "model.baseUrl" : "model.apiKeyEnv";
      throw new CatalogException(CatalogException.Kind.FORBIDDEN, field
          + ": only platform admins may bind a persona to a model URL or key variable; use model.endpoint with "
          + "one of the server's model endpoints (" + known() + ")");
    }
    if (b.apiKeyEnv() != null && !keyEnvAllowed.contains(b.apiKeyEnv())) {
      throw new CatalogException(CatalogException.Kind.INVALID, "model.apiKeyEnv: '" + b.apiKeyEnv()
          + "' is not on the server's allow-list of key variables (llm.apiKeyEnvAllowed)");
    }
  }

  /** The same check as problem lines for a persona file ({@code source: field: message}); empty when fine. */
  public List<String> fileProblems(String source, Persona persona) {
    List<String> out = new ArrayList<>();
    try {
      check(persona, true, null);
    } catch (CatalogException e) {
      out.add(source + ": " + e.getMessage());
    }
    return out;
  }

  /**
   * The model spec a persona talks through, its key read from the environment; {@code null} for the
   * offline composer.
   *
   * @throws IllegalArgumentException when the binding cannot be used: an unknown endpoint, a key variable
   *                                  off the allow-list, or a spec the gateway refuses (message names why)
   */
  public ModelSpec resolve(Persona persona) {
    Persona.ModelBinding b = persona.model();
    if (b == null) {
      return defaultModel;
    }
    if (b.endpoint() != null) {
      Endpoint e = endpoints.get(b.endpoint());
      if (e == null) {
        throw new IllegalArgumentException("model.endpoint '" + b.endpoint() + "' is not configured; " + known());
      }
      String key = e.apiKeyEnv() == null ? null : env.get(e.apiKeyEnv());
      return new ModelSpec(e.provider(), e.baseUrl(), b.name() != null ? b.name() : e.model(), key,
          b.temperature());
    }
    if ("composer".equals(b.provider())) {
      return null;
    }
    if (b.apiKeyEnv() != null && !keyEnvAllowed.contains(b.apiKeyEnv())) {
      throw new IllegalArgumentException("model.apiKeyEnv '" + b.apiKeyEnv()
          + "' is not on the server's allow-list (llm.apiKeyEnvAllowed); the key is not read");
    }
    String key = b.apiKeyEnv() == null ? null : env.get(b.apiKeyEnv());
    return new ModelSpec(b.provider(), b.baseUrl(), b.name(), key, b.temperature());
  }

  private String known() {
    return endpoints.isEmpty()
        ? "the server defines no model endpoints (llm.endpoints.NAME.* in its configuration)"
        : "the server's endpoints: " + String.join(", ", endpointNames());
  }
}
