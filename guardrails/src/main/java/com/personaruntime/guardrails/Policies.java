package com.personaruntime.guardrails;

import com.personaruntime.guardrails.rails.injection.InjectionModel;
import com.personaruntime.guardrails.rails.lexicon.LexiconRail;

/** Compiles {@link PolicyConfig}s into {@link Policy} instances. */
public final class Policies {
  private Policies() {
  }

  /**
   * Compiles a policy: normalises every term, loads the shipped lexicons (already in memory after
   * the first call) and builds one multi-pattern automaton. Takes milliseconds; cache the result
   * with {@link PolicyCache}.
   */
  public static Policy compile(PolicyConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config: must not be null");
    }
    return new CompiledPolicy(config);
  }

  /**
   * Compiles a policy that uses {@code model} as its learned injection detector instead of the
   * shipped one: for evaluation and training (a model that never saw the rows it judges, or the
   * lexicons alone with the learned rule's action set to {@code ALLOW}).
   */
  public static Policy compile(PolicyConfig config, InjectionModel model) {
    if (config == null || model == null) {
      throw new IllegalArgumentException((config == null ? "config" : "model") + ": must not be null");
    }
    return new CompiledPolicy(config, model);
  }

  /**
   * Loads and compiles the shipped lexicons now (about a second, once per JVM) instead of on the
   * first {@link #compile}. Call it at startup, off the event loop.
   */
  public static void preload() {
    LexiconRail.preload();
    InjectionModel.shipped();
  }
}
