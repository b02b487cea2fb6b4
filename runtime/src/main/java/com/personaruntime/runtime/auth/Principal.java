package com.personaruntime.runtime.auth;

import com.personaruntime.runtime.storage.Role;
import java.util.Map;
import java.util.Optional;

/**
 * An authenticated user with their roles. A platform admin may do everything in every brand.
 *
 * @param userId        user id
 * @param email         user e-mail
 * @param displayName   user display name
 * @param platformAdmin whether the user administers the whole platform
 * @param roles         brand id to role (immutable)
 */
public record Principal(String userId, String email, String displayName, boolean platformAdmin,
    Map<String, Role> roles) {

  /** Copies the roles. */
  public Principal {
    roles = Map.copyOf(roles);
  }

  /** The user's own role in a brand (platform admins have none unless they are also members). */
  public Optional<Role> roleIn(String brandId) {
    return Optional.ofNullable(brandId == null ? null : roles.get(brandId));
  }

  /** May see the brand's personas, items and transcripts. */
  public boolean canRead(String brandId) {
    return platformAdmin || roleIn(brandId).isPresent();
  }

  /** May create, change and publish the brand's personas. */
  public boolean canEdit(String brandId) {
    return platformAdmin || roleIn(brandId).map(Role::mayEdit).orElse(false);
  }

  /** May decide on the brand's moderation items. */
  public boolean canModerate(String brandId) {
    return platformAdmin || roleIn(brandId).map(Role::mayModerate).orElse(false);
  }

  /** May manage the brand (members, deletion). */
  public boolean isOwner(String brandId) {
    return platformAdmin || roleIn(brandId).map(Role::mayManage).orElse(false);
  }
}
