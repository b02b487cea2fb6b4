package com.personaruntime.guardrails.rails;

import com.personaruntime.guardrails.Direction;
import com.personaruntime.guardrails.Finding;
import com.personaruntime.guardrails.Rule;
import java.util.List;
import java.util.Set;

/**
 * Base of the built-in rails: one {@link Rule} per folder under {@code rails/} (the rule, its data
 * under the matching resources folder, its table tests under the matching test folder). A policy
 * runs its rails in order on every check; a rail appends findings to those of the rails before it
 * (the links rail skips links inside e-mail addresses the PII rail found).
 *
 * <p>Not API: the public contract is {@link com.personaruntime.guardrails.Policy}; rails are public
 * only because Java has no package friendship between {@code guardrails} and its sub-packages.
 */
public abstract class Rail implements Rule {
  /** The policy this rail belongs to (actions, severities, configuration). */
  protected final RailContext policy;
  private final String name;
  private final Set<String> ids;
  private final SpanUnit unit;

  protected Rail(RailContext policy, String name, SpanUnit unit, String... ids) {
    this.policy = policy;
    this.name = name;
    this.unit = unit;
    this.ids = Set.of(ids);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Set<String> ruleIds() {
    return ids;
  }

  @Override
  public final SpanUnit spanUnit() {
    return unit;
  }

  /** @return true when some rule of this rail applies to direction {@code d} (computed once: checks ask on every call) */
  public final boolean activeFor(Direction d) {
    boolean[] a = activeByDirection;
    if (a == null) {
      a = new boolean[Direction.values().length];
      for (Direction x : Direction.values()) {
        for (String id : ids) {
          a[x.ordinal()] |= policy.active(id, x);
        }
      }
      activeByDirection = a;
    }
    return a[d.ordinal()];
  }

  private volatile boolean[] activeByDirection;

  /**
   * Checks one text.
   *
   * @param in  the text, its normalised form and the check's context
   * @param out the findings so far (rails before this one); this rail appends its own
   */
  public abstract void check(RailInput in, List<Finding> out);
}
