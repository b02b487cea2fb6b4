package com.personaruntime.runtime.auth;

/**
 * The one password rule of the service, for every way a password is chosen: the first admin's
 * {@code ADMIN_PASSWORD}, a new account made by accepting an invitation, and a user changing their own
 * password on the account page. Console texts and the README name {@link #MIN_LENGTH} rather than a number
 * of their own, so the rule is said the same way everywhere.
 */
public final class Passwords {
  private Passwords() {
  }

  /** The fewest characters (UTF-16 units, as {@link String#length()} counts) a chosen password may have. */
  public static final int MIN_LENGTH = 12;

  /** True when {@code password} is long enough to be chosen (null is not). */
  public static boolean longEnough(String password) {
    return password != null && password.length() >= MIN_LENGTH;
  }
}
