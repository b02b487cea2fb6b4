package com.personaruntime.runtime.storage;

import static com.personaruntime.runtime.storage.TestDb.await;
import static com.personaruntime.runtime.storage.TestDb.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Personas and versions on each backend. */
abstract class PersonaRepositoryContract extends DbContract {

  private PersonaRepository personas;
  private Brand brand;
  private Brand otherBrand;

  @BeforeEach
  void setUp() {
    personas = new PersonaRepository(db, clock);
    BrandRepository brands = new BrandRepository(db, clock);
    brand = await(brands.create(unique("lumiere"), "Lumière"));
    otherBrand = await(brands.create(unique("beans"), "Beans"));
  }

  private static String doc(String slug, int n) {
    return "{\"id\":\"" + slug + "\",\"name\":\"Linh\",\"rev\":" + n + "}";
  }

  @Test
  void createStoresVersionOneAndPublishesIt() {
    String slug = unique("linh");
    PersonaRecord rec = await(personas.create(brand.id(), slug, doc(slug, 1), "c1", "file", "system"));
    assertThat(rec.slug()).isEqualTo(slug);
    assertThat(rec.brandId()).isEqualTo(brand.id());
    assertThat(rec.brandSlug()).isEqualTo(brand.slug());
    assertThat(rec.latestVersion()).isEqualTo(1);
    assertThat(rec.publishedVersion()).isEqualTo(1);
    assertThat(rec.publishedDocument()).isEqualTo(doc(slug, 1)).isEqualTo(rec.latestDocument());
    assertThat(rec.latestChecksum()).isEqualTo("c1");
    assertThat(rec.publishedChecksum()).isEqualTo("c1");
    assertThat(rec.createdAt()).isEqualTo(Sql.micros(clock.instant()));
    assertThat(await(personas.findBySlug(slug))).contains(rec);
    assertThat(await(personas.findById(rec.id()))).contains(rec);
    assertThat(await(personas.version(rec.id(), 1))).hasValueSatisfying(v -> {
      assertThat(v.source()).isEqualTo("file");
      assertThat(v.createdBy()).isEqualTo("system");
      assertThat(v.published()).isTrue();
      assertThat(v.document()).isEqualTo(doc(slug, 1));
    });
  }

  @Test
  void sameChecksumAddsNoVersionChangedOneDoes() {
    String slug = unique("linh");
    PersonaRecord rec = await(personas.create(brand.id(), slug, doc(slug, 1), "c1", "api", "alice"));
    clock.advance(Duration.ofMinutes(1));

    PersonaRecord same = await(personas.addVersion(rec.id(), doc(slug, 1), "c1", "api", "alice", false));
    assertThat(same.latestVersion()).isEqualTo(1);
    assertThat(same.updatedAt()).isEqualTo(rec.updatedAt());

    PersonaRecord draft = await(personas.addVersion(rec.id(), doc(slug, 2), "c2", "api", "bob", false));
    assertThat(draft.latestVersion()).isEqualTo(2);
    assertThat(draft.publishedVersion()).isEqualTo(1);
    assertThat(draft.publishedDocument()).isEqualTo(doc(slug, 1));
    assertThat(draft.latestDocument()).isEqualTo(doc(slug, 2));
    assertThat(draft.latestIsPublished()).isFalse();
    assertThat(draft.updatedAt()).isEqualTo(Sql.micros(clock.instant()));

    PersonaRecord published = await(personas.addVersion(rec.id(), doc(slug, 3), "c3", "file", "system", true));
    assertThat(published.latestVersion()).isEqualTo(3);
    assertThat(published.publishedVersion()).isEqualTo(3);

    List<PersonaVersion> versions = await(personas.versions(rec.id()));
    assertThat(versions).extracting(PersonaVersion::version).containsExactly(3, 2, 1);
    assertThat(versions).extracting(PersonaVersion::published).containsExactly(true, false, false);
    assertThat(versions).extracting(PersonaVersion::createdBy).containsExactly("system", "bob", "alice");
  }

  @Test
  void unchangedDocumentWithPublishPublishesTheLatestDraft() {
    String slug = unique("linh");
    PersonaRecord rec = await(personas.create(brand.id(), slug, doc(slug, 1), "c1", "api", "alice"));
    await(personas.addVersion(rec.id(), doc(slug, 2), "c2", "api", "alice", false));
    PersonaRecord again = await(personas.addVersion(rec.id(), doc(slug, 2), "c2", "file", "system", true));
    assertThat(again.latestVersion()).isEqualTo(2);
    assertThat(again.publishedVersion()).isEqualTo(2);
  }

  @Test
  void publishAnOlderVersionAndRefuseUnknownOnes() {
    String slug = unique("linh");
    PersonaRecord rec = await(personas.create(brand.id(), slug, doc(slug, 1), "c1", "api", "alice"));
    await(personas.addVersion(rec.id(), doc(slug, 2), "c2", "api", "alice", true));
    PersonaRecord rolledBack = await(personas.publish(rec.id(), 1));
    assertThat(rolledBack.publishedVersion()).isEqualTo(1);
    assertThat(rolledBack.publishedDocument()).isEqualTo(doc(slug, 1));
    assertThat(rolledBack.latestVersion()).isEqualTo(2);

    assertThat(failure(personas.publish(rec.id(), 7))).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no version 7");
    assertThat(failure(personas.publish("no-such-id", 1))).isInstanceOf(NotFoundException.class);
    assertThat(failure(personas.addVersion("no-such-id", "{}", "x", "api", "a", false)))
        .isInstanceOf(NotFoundException.class);
    assertThat(await(personas.version(rec.id(), 9))).isEmpty();
  }

  @Test
  void listsAreScopedByBrandAndSortedBySlug() {
    String b = "b-" + unique("p");
    String a = "a-" + unique("p");
    String other = unique("espresso");
    await(personas.create(brand.id(), b, doc(b, 1), "cb", "api", "x"));
    await(personas.create(brand.id(), a, doc(a, 1), "ca", "api", "x"));
    await(personas.create(otherBrand.id(), other, doc(other, 1), "co", "api", "x"));

    assertThat(await(personas.listByBrand(brand.id()))).extracting(PersonaRecord::slug).containsExactly(a, b);
    assertThat(await(personas.listByBrand(otherBrand.id()))).extracting(PersonaRecord::slug).containsExactly(other);
    assertThat(await(personas.listAll())).extracting(PersonaRecord::slug).contains(a, b, other)
        .isSorted();
  }

  @Test
  void slugIsUniqueAcrossBrands() {
    String slug = unique("linh");
    await(personas.create(brand.id(), slug, doc(slug, 1), "c1", "api", "x"));
    assertThat(failure(personas.create(otherBrand.id(), slug, doc(slug, 1), "c1", "api", "x")))
        .isInstanceOf(ConflictException.class).hasMessageContaining(slug);
    assertThat(failure(personas.create("no-such-brand", unique("x"), "{}", "c", "api", "x")))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("no-such-brand");
    assertThat(failure(personas.create(brand.id(), unique("x"), "{}", "c", "ftp", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp");
  }

  @Test
  void softDeleteHidesThePersonaKeepsHistoryAndReservesTheSlugForItsBrand() {
    String slug = unique("linh");
    PersonaRecord rec = await(personas.create(brand.id(), slug, doc(slug, 1), "c1", "api", "x"));
    assertThat(await(personas.delete(rec.id()))).isTrue();
    assertThat(await(personas.delete(rec.id()))).isFalse();
    assertThat(await(personas.findBySlug(slug))).isEmpty();
    assertThat(await(personas.findById(rec.id()))).isEmpty();
    assertThat(await(personas.listByBrand(brand.id()))).extracting(PersonaRecord::id).doesNotContain(rec.id());
    assertThat(await(personas.versions(rec.id()))).hasSize(1);
    assertThat(failure(personas.addVersion(rec.id(), "{}", "c9", "api", "x", false)))
        .isInstanceOf(NotFoundException.class);

    assertThat(failure(personas.create(otherBrand.id(), slug, doc(slug, 2), "c2", "api", "x")))
        .isInstanceOf(ConflictException.class).hasMessageContaining("deleted persona of another brand");

    PersonaRecord restored = await(personas.create(brand.id(), slug, doc(slug, 2), "c2", "api", "x"));
    assertThat(restored.id()).isEqualTo(rec.id());
    assertThat(restored.latestVersion()).isEqualTo(2);
    assertThat(restored.publishedVersion()).isEqualTo(2);
    assertThat(await(personas.findBySlug(slug))).isPresent();
  }

  @Test
  void concurrentAddVersionNeitherLosesNorDuplicatesVersions() {
    String slug = unique("busy");
    PersonaRecord rec = await(personas.create(brand.id(), slug, doc(slug, 0), "c0", "api", "x"));
    int writers = 12;
    List<Future<PersonaRecord>> all = new ArrayList<>();
    for (int i = 1; i <= writers; i++) {
      all.add(personas.addVersion(rec.id(), doc(slug, i), "c" + i, "api", "writer" + i, i % 2 == 0));
    }
    await(Future.all(all));
    List<PersonaVersion> versions = await(personas.versions(rec.id()));
    assertThat(versions).extracting(PersonaVersion::version)
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, writers + 1).boxed()
            .sorted(java.util.Comparator.reverseOrder()).toList());
    assertThat(versions).extracting(PersonaVersion::checksum).doesNotHaveDuplicates()
        .containsAll(java.util.stream.IntStream.rangeClosed(0, writers).mapToObj(i -> "c" + i).toList());
    assertThat(await(personas.findById(rec.id())).orElseThrow().latestVersion()).isEqualTo(writers + 1);
  }

  @Test
  void concurrentIdenticalWritesCreateOneVersion() {
    String slug = unique("same");
    PersonaRecord rec = await(personas.create(brand.id(), slug, doc(slug, 0), "c0", "api", "x"));
    List<Future<PersonaRecord>> all = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      all.add(personas.addVersion(rec.id(), doc(slug, 1), "c1", "api", "x", false));
    }
    await(Future.all(all));
    assertThat(await(personas.versions(rec.id()))).extracting(PersonaVersion::version).containsExactly(2, 1);
  }
}

class PersonaRepositoryH2Test extends PersonaRepositoryContract {
  @Override
  protected Backend backend() {
    return Backend.H2;
  }
}

class PersonaRepositoryPostgresTest extends PersonaRepositoryContract {
  @Override
  protected Backend backend() {
    return Backend.POSTGRESQL;
  }
}
