package com.personaruntime.runtime.posts;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.personas.Persona;
import com.personaruntime.personas.PersonaDocuments;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The offline post composer: the brief's subject as the first line, hashtags without the knowledge's sorting tags. */
class PostComposerTest {
  static final Persona MAY = PersonaDocuments.parse("may.yaml", """
      id: may
      brand: may-bakery
      name: Mây
      languages: [vi, en]
      knowledge:
        - id: banh-kem-dau
          title: "Bánh kem dâu Đà Lạt"
          text: "Bánh kem bông lan vani với dâu tây Đà Lạt tươi. Size 16 cm giá 320.000 đ."
          tags: [product, cake, dâu tây]
        - id: giao-hang
          title: "Giao hàng"
          text: "Giao trong nội thành Đà Lạt từ 8 giờ đến 20 giờ."
          tags: [policy, shipping, Giao hàng]
        - id: cua-hang
          title: "Cửa hàng"
          text: "Cửa hàng ở 12 Trần Phú, Đà Lạt."
          tags: [store, contact, Opening Hours, lien_he]
      """).orElseThrow();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Giới thiệu bánh kem dâu Đà Lạt mùa Giáng sinh, giọng vui nhộn          | Bánh kem dâu Đà Lạt mùa Giáng sinh
      gioi thieu banh kem dau Da Lat mua Giang sinh                        | Banh kem dau Da Lat mua Giang sinh
      Viết bài về bánh kem dâu Đà Lạt cho Noel, đặt trước 24 giờ. Thêm emoji | Bánh kem dâu Đà Lạt cho Noel, đặt trước 24 giờ
      Write a post about our strawberry cake for Christmas, playful tone    | Our strawberry cake for Christmas
      Announce the new menu                                                 | The new menu
      """)
  void theSubjectIsTheBriefWithoutItsRequestAndStyle(String brief, String subject) {
    assertThat(PostComposer.subject(brief)).isEqualTo(subject);
  }

  @ParameterizedTest(name = "no subject: {0}")
  @CsvSource(delimiter = '|', textBlock = """
      Bánh kem dâu cho mùa Giáng sinh
      Giới thiệu quà
      Giới thiệu, giọng vui nhộn
      """)
  void aBriefWithoutARequestOrWithTooLittleLeftHasNoSubject(String brief) {
    assertThat(PostComposer.subject(brief)).isNull();
  }

  @Test
  void theFirstLineIsTheBriefsSubjectWhenItNamesTheWholeTitle() {
    List<Persona.KnowledgeEntry> k = MAY.knowledge();
    String post = PostComposer.compose(MAY, "Giới thiệu bánh kem dâu Đà Lạt mùa Giáng sinh, giọng vui nhộn", k, 5);
    assertThat(post.lines().findFirst()).hasValue("Bánh kem dâu Đà Lạt mùa Giáng sinh");
    assertThat(post).contains("Bánh kem bông lan vani với dâu tây Đà Lạt tươi.").doesNotContain("giọng");

    // a brief about something else keeps the entry's title (the post asserts only the knowledge)
    String other = PostComposer.compose(MAY, "Giới thiệu quà tặng Giáng sinh cho nhân viên", k, 5);
    assertThat(other.lines().findFirst()).hasValue("Bánh kem dâu Đà Lạt");
    assertThat(PostComposer.compose(MAY, null, k, 5).lines().findFirst()).hasValue("Bánh kem dâu Đà Lạt");
  }

  @Test
  void hashtagsLeaveOutTheTagsThatSortTheKnowledge() {
    List<String> tags = PostComposer.hashtags(MAY, MAY.knowledge(), 10);
    assertThat(tags).containsExactly("#bánhkemdâuđàlạt", "#maybakery", "#cake", "#dâutây");
    assertThat(tags).doesNotContain("#policy", "#shipping", "#product", "#store", "#contact", "#openinghours",
        "#lienhe", "#giaohàng");
  }
}
