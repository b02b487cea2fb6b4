package com.personaruntime.runtime.storage;

import java.util.Locale;

/**
 * A user's role within one brand. Ordered by power: {@code OWNER > EDITOR > MODERATOR};
 * every role may read its brand's personas and work the moderation queue.
 */
public enum Role {
  /** Everything an editor may do, plus managing members, tokens and deleting personas. */
  OWNER(3),
  /** Everything a moderator may do, plus creating, editing and publishing personas. */
  EDITOR(2),
  /** Reads the brand's personas and decides on moderation items. */
  MODERATOR(1);

  private final int rank;

  Role(int rank) {
    this.rank = rank;
  }

  /** Whether this role grants at least what {@code other} grants. */
  public boolean atLeast(Role other) {
    return rank >= other.rank;
  }

  /** May create, edit and publish personas. */
  public boolean mayEdit() {
    return atLeast(EDITOR);
  }

  /** May decide on moderation items. */
  public boolean mayModerate() {
    return atLeast(MODERATOR);
  }

  /** May manage the brand's members and delete personas. */
  public boolean mayManage() {
    return atLeast(OWNER);
  }

  /** The stored / wire name: {@code owner}, {@code editor}, {@code moderator}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the value and the allowed ones
   */
  public static Role fromWire(String value) {
    if (value != null) {
      for (Role role : values()) {
        if (role.wireName().equalsIgnoreCase(value.strip())) {
          return role;
        }
      }
    }
    throw new IllegalArgumentException("must be one of owner, editor, moderator, got " + value);
  }
}
