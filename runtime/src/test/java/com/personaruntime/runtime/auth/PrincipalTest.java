package com.personaruntime.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.personaruntime.runtime.storage.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrincipalTest {

  @Test
  void rolesAreOrdered() {
    assertThat(Role.OWNER.atLeast(Role.EDITOR)).isTrue();
    assertThat(Role.EDITOR.atLeast(Role.MODERATOR)).isTrue();
    assertThat(Role.MODERATOR.atLeast(Role.EDITOR)).isFalse();
    assertThat(Role.EDITOR.atLeast(Role.OWNER)).isFalse();
    assertThat(Role.MODERATOR.mayModerate()).isTrue();
    assertThat(Role.MODERATOR.mayEdit()).isFalse();
    assertThat(Role.EDITOR.mayManage()).isFalse();
    assertThat(Role.fromWire(" Owner ")).isEqualTo(Role.OWNER);
    assertThatThrownBy(() -> Role.fromWire("admin")).hasMessage("must be one of owner, editor, moderator, got admin");
  }

  @Test
  void permissionsFollowTheRoleInEachBrand() {
    Principal p = new Principal("u", "u@x", "U", false,
        Map.of("a", Role.OWNER, "b", Role.EDITOR, "c", Role.MODERATOR));
    assertThat(p.roleIn("b")).contains(Role.EDITOR);
    assertThat(p.roleIn("z")).isEmpty();
    assertThat(p.isOwner("a")).isTrue();
    assertThat(p.isOwner("b")).isFalse();
    assertThat(p.canEdit("b")).isTrue();
    assertThat(p.canEdit("c")).isFalse();
    assertThat(p.canModerate("c")).isTrue();
    assertThat(p.canRead("c")).isTrue();
    assertThat(p.canRead("z")).isFalse();
    assertThat(p.canModerate("z")).isFalse();
  }

  @Test
  void platformAdminMayDoEverything() {
    Principal admin = new Principal("a", "a@x", "A", true, Map.of());
    assertThat(admin.canRead("any")).isTrue();
    assertThat(admin.canEdit("any")).isTrue();
    assertThat(admin.canModerate("any")).isTrue();
    assertThat(admin.isOwner("any")).isTrue();
    assertThat(admin.roleIn("any")).isEmpty();
  }
}
