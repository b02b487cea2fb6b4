package com.personaruntime.runtime.storage;

import java.time.Instant;

/**
 * A console/API user. {@link #toString()} leaves the password hash out.
 *
 * @param id            UUID string
 * @param email         lower-case e-mail, unique
 * @param passwordHash  PHC string (Argon2id)
 * @param displayName   name shown in the console
 * @param platformAdmin may do everything in every brand
 * @param disabled      may not log in; existing tokens and sessions stop working
 * @param createdAt     when it was created
 */
public record User(String id, String email, String passwordHash, String displayName,
    boolean platformAdmin, boolean disabled, Instant createdAt) {

  @Override
  public String toString() {
    return "User[id=" + id + ", email=" + email + ", displayName=" + displayName
        + ", platformAdmin=" + platformAdmin + ", disabled=" + disabled + ", createdAt=" + createdAt + "]";
  }
}
