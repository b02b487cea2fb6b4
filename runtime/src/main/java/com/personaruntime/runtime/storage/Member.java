package com.personaruntime.runtime.storage;

/**
 * A user's membership in a brand, as listed for the brand's owners.
 *
 * @param userId      user id
 * @param email       user e-mail
 * @param displayName user display name
 * @param role        role in the brand
 */
public record Member(String userId, String email, String displayName, Role role) {
}
