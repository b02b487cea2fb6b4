package com.personaruntime.runtime.storage;

import static com.personaruntime.runtime.storage.TestDb.await;
import static com.personaruntime.runtime.storage.TestDb.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Brands, users and memberships on each backend. */
abstract class DirectoryContract extends DbContract {

  private BrandRepository brands() {
    return new BrandRepository(db, clock);
  }

  private UserRepository users() {
    return new UserRepository(db, clock);
  }

  @Test
  void brandsAreCreatedFoundAndListed() {
    String slug = unique("lumiere");
    Brand created = await(brands().create(slug, "Lumière"));
    assertThat(created.id()).hasSize(36);
    assertThat(created.createdAt()).isEqualTo(Sql.micros(clock.instant()));
    assertThat(await(brands().findBySlug(slug))).contains(created);
    assertThat(await(brands().findById(created.id()))).contains(created);
    assertThat(await(brands().findBySlug("no-such-brand"))).isEmpty();
    assertThat(await(brands().list())).contains(created)
        .isSortedAccordingTo((a, b) -> a.slug().compareTo(b.slug()));
  }

  @Test
  void brandSlugIsUnique() {
    String slug = unique("dup");
    await(brands().create(slug, "One"));
    assertThat(failure(brands().create(slug, "Two"))).isInstanceOf(ConflictException.class)
        .hasMessageContaining(slug);
    assertThat(failure(brands().create(" ", "Blank"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("brand slug");
  }

  @Test
  void usersAreStoredWithLowerCaseEmailAndFoundCaseInsensitively() {
    String local = unique("Alice");
    User created = await(users().create("  " + local + "@Example.COM ", "$argon2id$fake", "Alice", false));
    assertThat(created.email()).isEqualTo(local.toLowerCase() + "@example.com");
    assertThat(await(users().findByEmail(local.toUpperCase() + "@EXAMPLE.com"))).contains(created);
    assertThat(await(users().findById(created.id()))).contains(created);
    assertThat(await(users().findByEmail("nobody@example.com"))).isEmpty();
    assertThat(created.toString()).doesNotContain("argon2id");
  }

  @Test
  void emailIsUniqueIgnoringCase() {
    String email = unique("bob") + "@example.com";
    await(users().create(email, "h", "Bob", false));
    assertThat(failure(users().create(email.toUpperCase(), "h", "Bob 2", false)))
        .isInstanceOf(ConflictException.class).hasMessageContaining(email);
    assertThat(failure(users().create("not-an-email", "h", "X", false)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not-an-email");
  }

  @Test
  void countDisableAndPasswordChange() {
    long before = await(users().count());
    User user = await(users().create(unique("carol") + "@example.com", "old", "Carol", true));
    assertThat(await(users().count())).isEqualTo(before + 1);
    assertThat(user.platformAdmin()).isTrue();
    assertThat(await(users().setDisabled(user.id(), true))).isTrue();
    assertThat(await(users().updatePasswordHash(user.id(), "new"))).isTrue();
    User reread = await(users().findById(user.id())).orElseThrow();
    assertThat(reread.disabled()).isTrue();
    assertThat(reread.passwordHash()).isEqualTo("new");
    assertThat(await(users().setDisabled("no-such-user", true))).isFalse();
  }

  @Test
  void membershipsAreAddedReplacedListedAndRemoved() {
    User user = await(users().create(unique("dave") + "@example.com", "h", "Dave", false));
    User other = await(users().create(unique("erin") + "@example.com", "h", "Erin", false));
    Brand a = await(brands().create(unique("a"), "A"));
    Brand b = await(brands().create(unique("b"), "B"));

    await(users().addMembership(user.id(), a.id(), Role.EDITOR));
    await(users().addMembership(user.id(), b.id(), Role.MODERATOR));
    await(users().addMembership(other.id(), a.id(), Role.OWNER));
    assertThat(await(users().memberships(user.id()))).isEqualTo(Map.of(a.id(), Role.EDITOR, b.id(), Role.MODERATOR));

    await(users().addMembership(user.id(), a.id(), Role.OWNER));
    assertThat(await(users().memberships(user.id()))).containsEntry(a.id(), Role.OWNER).hasSize(2);
    assertThat(await(users().members(a.id()))).extracting(Member::email, Member::role)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(user.email(), Role.OWNER),
            org.assertj.core.groups.Tuple.tuple(other.email(), Role.OWNER));

    assertThat(await(users().removeMembership(user.id(), b.id()))).isTrue();
    assertThat(await(users().removeMembership(user.id(), b.id()))).isFalse();
    assertThat(await(users().memberships(user.id()))).isEqualTo(Map.of(a.id(), Role.OWNER));
  }

  @Test
  void membershipInUnknownBrandIsNotFound() {
    User user = await(users().create(unique("frank") + "@example.com", "h", "Frank", false));
    assertThat(failure(users().addMembership(user.id(), "no-such-brand", Role.EDITOR)))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("no-such-brand");
  }
}

class DirectoryH2Test extends DirectoryContract {
  @Override
  protected Backend backend() {
    return Backend.H2;
  }
}

class DirectoryPostgresTest extends DirectoryContract {
  @Override
  protected Backend backend() {
    return Backend.POSTGRESQL;
  }
}
