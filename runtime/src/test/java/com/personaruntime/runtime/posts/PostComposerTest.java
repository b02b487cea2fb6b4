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
    assertThat(tags).containsExactly("#banhkemdaudalat", "#maybakery", "#cake", "#dautay");
    assertThat(tags).doesNotContain("#policy", "#shipping", "#product", "#store", "#contact", "#openinghours",
        "#lienhe", "#giaohàng");
  }

  /** The newcomer's cosmetics persona: Vietnamese entries, posts asked in English (tenth held-back round, kind 7). */
  static final Persona SEN_DA = PersonaDocuments.parse("mai.yaml", """
      id: mai
      brand: sen-da
      name: Mai của Sen Đá
      languages: [vi, en]
      voice:
        catchphrases: ["Da khỏe từ thiên nhiên 🌿"]
      knowledge:
        - id: kem-chong-nang
          title: "Kem chống nắng Sen Đá SPF50+ PA++++ 50ml"
          text: "Kem chống nắng Sen Đá SPF50+ PA++++ 50ml giá 345.000đ. Kết cấu sữa mỏng, không để lại vệt trắng."
          tags: [kem chong nang, spf, gia]
        - id: serum-rau-ma
          title: "Serum rau má Sen Đá 30ml"
          text: "Serum rau má Sen Đá 30ml giá 289.000đ. Không cồn, không hương liệu."
          tags: [serum, rau ma, gia]
        - id: ao-thun
          title: "Áo thun cotton Sen Đá: bảng size"
          text: "Áo thun cotton hữu cơ giá 250.000đ, có size S, M, L, XL."
          tags: [ao thun, size, kich co]
      """).orElseThrow();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Kem chống nắng Sen Đá SPF50+ PA++++ 50ml | sen-da      | #kemchongnang
      Serum rau má Sen Đá 30ml                 | sen-da      | #serumrauma
      Áo thun cotton Sen Đá: bảng size         | sen-da      | #aothuncotton
      Bánh kem dâu Đà Lạt                      | may-bakery  | #banhkemdaudalat
      Merino Hiking Socks: size guide          | linden      | #merinohikingsocks
      Vitamin C Serum 15%                      | clearwell   | #vitamincserum
      """)
  void aTitlesHashtagIsItsNameAsAUserTypesIt(String title, String brand, String tag) {
    assertThat(PostComposer.titleTag(title, brand)).isEqualTo(tag);
  }

  @Test
  void hashtagsCarryNoDiacriticsAndNoSortingTags() {
    List<String> tags = PostComposer.hashtags(SEN_DA, SEN_DA.knowledge(), 10);
    assertThat(tags).containsExactly("#kemchongnang", "#senda", "#spf", "#serum", "#rauma", "#aothun")
        .doesNotContain("#gia", "#kichco", "#size");
    assertThat(tags).allSatisfy(t -> assertThat(t).matches("#[a-z0-9]{2,24}"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      en | Write a post about our sunscreen for summer | Our sunscreen for summer | Questions? Send us a message.
      en | Spotlight the sunscreen, playful tone          | Spotlight: Kem chống nắng | In our own words: "Kem chống nắng
      """)
  void aPostAskedInAnotherLanguageThanTheKnowledgeIsFramedInIt(String language, String brief, String first,
      String framed) {
    String post = PostComposer.compose(SEN_DA, brief, language, SEN_DA.knowledge(), 5);
    assertThat(post.lines().findFirst().orElseThrow()).startsWith(first);
    assertThat(post).contains(framed).contains("In our own words: \"").contains("Also from us: ")
        .doesNotContain("Da khỏe từ thiên nhiên"); // the Vietnamese catchphrase is left out of an English post
    // the composer's own words are English: nothing outside the quoted entries and the titles is Vietnamese
    String own = post.replaceAll("\"[^\"]*\"", " ");
    for (Persona.KnowledgeEntry k : SEN_DA.knowledge()) {
      own = own.replace(k.title(), " ");
    }
    own = own.replaceAll("#\\S+", " ");
    assertThat(PostComposer.languageOf(own)).isEqualTo("en");
  }

  @Test
  void aPostInTheKnowledgesLanguageIsUnchanged() {
    assertThat(PostComposer.compose(SEN_DA, "Giới thiệu kem chống nắng", "vi", SEN_DA.knowledge(), 5))
        .isEqualTo(PostComposer.compose(SEN_DA, "Giới thiệu kem chống nắng", SEN_DA.knowledge(), 5));
    String vi = PostComposer.compose(MAY, null, "en", List.of(), 5);
    assertThat(vi).startsWith("Mây"); // no knowledge: the persona's name and brand as before
  }

  static final Persona TRA = PersonaDocuments.parse("tra.yaml", """
      id: tra
      brand: tra-may
      name: Mây
      languages: [vi, en]
      knowledge:
        - id: mat-ong
          title: "Trà sữa Mây mật ong"
          text: "Trà sữa Mây mật ong: trà đen pha sữa và mật ong rừng, size L 45.000đ."
          tags: [product, trà sữa Mây mật ong]
        - id: oolong
          title: "Trà ô long kem muối"
          text: "Trà ô long kem muối: ô long rang phủ kem muối béo mặn, size L 49.000đ."
          tags: [product]
        - id: cold-brew
          title: "Salted Cream Oolong"
          text: "Salted Cream Oolong - roasted oolong under a salted cream cap, $4.50."
          tags: [product]
        - id: ship
          title: "Giao hàng"
          text: "Giao trong 5 km, phí 15.000đ."
          tags: [shipping]
      """).orElseThrow();

  private static List<Persona.KnowledgeEntry> ranked(String... ids) {
    return java.util.Arrays.stream(ids)
        .map(id -> TRA.knowledge().stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow()).toList();
  }

  private static int times(String text, String what) {
    return text.toLowerCase().split(java.util.regex.Pattern.quote(what.toLowerCase()), -1).length - 1;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Ra mắt trà ô long kem muối mùa đông, ưu đãi freeship đơn từ 150k… | Trà ô long kem muối | freeship đơn từ 150k | #traolongkemmuoi
      ra mat tra o long kem muoi mua dong, uu dai freeship don tu 150k   | tra o long kem muoi | freeship don tu 150k | #traolongkemmuoi
      Trà ô long kem muối cho mùa đông. Giảm 20% cho đơn đầu tiên        | Trà ô long kem muối | Giảm 20% cho đơn đầu tiên | #traolongkemmuoi
      Launch our Salted Cream Oolong for winter, free shipping over $20  | Salted Cream Oolong | ree shipping over $20 | #saltedcreamoolong
      """)
  void aPostFollowsItsBriefsProductAndOffer(String brief, String product, String offer, String hashtag) {
    String post = PostComposer.compose(TRA, brief, ranked("mat-ong", "oolong", "ship"), 5);
    // the product leads (as the brief or the title spells it)
    assertThat(PostComposer.fold(post.lines().findFirst().orElseThrow())).contains(PostComposer.fold(product));
    assertThat(post).contains(offer);
    assertThat(post.substring(post.indexOf("\n\n#"))).startsWith("\n\n" + hashtag);
    assertThat(post).doesNotContain("#trasuamaymatong").doesNotContain("Trà sữa Mây mật ong");
  }

  @Test
  void anEntryTheBriefNamesLeadsEvenWhenTheSearchMissedIt() {
    String post = PostComposer.compose(TRA, "Giới thiệu trà ô long kem muối, giọng vui", ranked("mat-ong", "ship"), 5);
    assertThat(post.lines().findFirst()).hasValue("Trà ô long kem muối");
    assertThat(post).contains("Ô long rang phủ kem muối");
  }

  @Test
  void aBriefNamingNoEntryKeepsTheSearchOrder() {
    String post = PostComposer.compose(TRA, "Giới thiệu món mới cho mùa đông", ranked("mat-ong", "oolong"), 5);
    assertThat(post.lines().findFirst()).hasValue("Trà sữa Mây mật ong");
  }

  @Test
  void aTitleIsSaidOnceWhenTheTextOpensWithIt() {
    String post = PostComposer.compose(TRA, null, ranked("oolong", "mat-ong"), 5);
    assertThat(times(post, "Trà ô long kem muối")).isEqualTo(1);
    assertThat(times(post, "Trà sữa Mây mật ong")).isEqualTo(1);
    String en = PostComposer.compose(TRA, null, ranked("cold-brew"), 5);
    assertThat(times(en, "Salted Cream Oolong")).isEqualTo(1);
    String framed = PostComposer.compose(TRA, null, "en", ranked("oolong", "mat-ong"), 5);
    assertThat(times(framed, "Trà ô long kem muối")).isEqualTo(1);
    assertThat(times(framed, "Trà sữa Mây mật ong")).isEqualTo(1);
  }

  @Test
  void aTextGoingOnFromItsTitleAsASentenceIsKeptWhole() {
    Persona p = PersonaDocuments.parse("x.yaml", """
        id: x
        brand: x
        name: X
        languages: [vi]
        knowledge:
          - id: a
            title: "Trà đào"
            text: "Trà đào cam sả là món bán chạy nhất."
            tags: [product]
        """).orElseThrow();
    assertThat(PostComposer.withoutTitle(p.knowledge().get(0))).isEqualTo("Trà đào cam sả là món bán chạy nhất.");
  }

  static final Persona GIO = PersonaDocuments.parse("gio.yaml", """
      id: gio
      brand: xe-dap-gio
      name: Gió
      languages: [vi, en]
      voice:
        catchphrases: ["Xe êm, đường vui!"]
      knowledge:
        - id: bao-duong
          title: "Bảo dưỡng toàn bộ"
          text: "Bảo dưỡng toàn bộ xe đạp (lau dầu xích, chỉnh phanh, chỉnh líp, kiểm tra căm) giá 250.000đ, làm xong trong 1 ngày."
          tags: [dịch vụ, bảo dưỡng]
        - id: thue-xe
          title: "Thuê xe đạp"
          text: "Thuê xe đạp thành phố 120.000đ/ngày, xe đạp địa hình 200.000đ/ngày. Thuê từ 3 ngày giảm 10%. Cần đặt cọc CCCD hoặc 1.000.000đ."
          tags: [thuê xe]
        - id: homestay
          title: "Phòng đôi"
          text: "Phòng đôi view biển 600.000đ/đêm."
          tags: [phòng]
      """).orElseThrow();

  private static List<Persona.KnowledgeEntry> gio(String... ids) {
    return java.util.Arrays.stream(ids)
        .map(id -> GIO.knowledge().stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow()).toList();
  }

  /**
   * The newcomer's brief (Gió, a bicycle repair shop): the offer and its end date lead every variant, the entry the
   * brief names is not padded with another (a rental and its deposit rule), and its title is said once. The same for
   * an offer split from its date by a comma and for an English brief.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Ưu đãi mùa mưa: giảm 20% bảo dưỡng toàn bộ xe đạp đến hết 31/12. Đạp xe mỗi ngày giúp khỏe mạnh. | giảm 20% | 31/12
      uu dai mua mua giam 20% bao duong toan bo, den het 31/12                                       | giam 20%  | 31/12
      Giới thiệu phòng đôi view biển, giảm 15% cho khách đặt trước, áp dụng đến hết ngày 15/1         | giảm 15%  | 15/1
      """)
  void anOffersPointAndEndDateSurviveEveryVariant(String brief, String offer, String until) {
    String post = PostComposer.compose(GIO, brief, gio("bao-duong", "thue-xe", "homestay"), 5);
    assertThat(post).contains(offer).contains(until).doesNotContain("Cần đặt cọc").doesNotContain("120.000đ/ngày");
    assertThat(post).doesNotContain("khỏe mạnh"); // the brief's claim is not the brand's knowledge
    String title = post.contains("Bảo dưỡng") ? "Bảo dưỡng toàn bộ" : "Phòng đôi";
    assertThat(times(post, title)).isLessThanOrEqualTo(2);
    assertThat(post.lines().filter(l -> PostComposer.fold(l).strip().equals(PostComposer.fold(title))).count())
        .isZero(); // never the bare title on a line above a text that opens with it
    PlatformProfile x = PlatformProfiles.shipped().get("x").orElseThrow();
    String shortest = VariantFitter.shorten(post + " " + "Xe êm, đường vui! ".repeat(20),
        PostLabels.of(GIO, "vi", false), x);
    assertThat(shortest).contains(offer).contains(until);
  }

  static final Persona PHO = PersonaDocuments.parse("ba-tu.yaml", """
      id: ba-tu
      brand: pho-sai-gon
      name: Bà Tư
      bio: "Trợ lý AI của chuỗi Phở Sài Gòn 1975: hỏi gì về phở cũng được."
      languages: [vi, en]
      voice:
        catchphrases: ["Nước dùng ninh 12 tiếng!"]
      knowledge:
        - id: pho-ga
          title: "Phở gà"
          text: "Phở gà tô nhỏ 60.000đ, tô lớn 70.000đ."
          tags: [product]
      """).orElseThrow();

  /**
   * With no approved entry to quote (a branch opening the knowledge does not mention), the post leads with the
   * brief's subject and its offer in the post's language; it never shows the brand's slug, and a bio or catchphrase
   * in another language than the post's is left out (newcomer: an English post came out as "Bà Tư · pho-sai-gon",
   * a Vietnamese bio and catchphrase, and no word of the branch it announced).
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      en | Announce our new Quận 7 branch opening, 10% off all bowls this weekend | Our new Quận 7 branch opening | Questions? Send us a message.
      vi | Thông báo khai trương chi nhánh Quận 7, giảm 10% tất cả các tô cuối tuần này | Khai trương chi nhánh Quận 7 | Nước dùng ninh 12 tiếng!
      vi | Giảm 10% tất cả các tô cuối tuần này                                    | Bà Tư · Phở Sài Gòn 1975 | Trợ lý AI của chuỗi Phở Sài Gòn 1975
      en | 10% off all bowls this weekend                                          | Bà Tư · Phở Sài Gòn 1975 | 10% off all bowls this weekend
      """)
  void withNothingToQuoteThePostLeadsWithTheBriefsSubjectInItsLanguage(String language, String brief, String first,
      String also) {
    String post = PostComposer.compose(PHO, "Phở Sài Gòn 1975", brief, language, List.of(), 5);
    assertThat(post.lines().findFirst().orElseThrow()).as(post).startsWith(first);
    assertThat(post).as(post).contains(also).doesNotContain("pho-sai-gon");
    if (language.equals("en")) {
      String own = post.replaceAll("#\\S+", " ").replace("Quận", " ").replace("Bà Tư", " ")
          .replace("Phở Sài Gòn", " ");
      assertThat(PostComposer.languageOf(own)).as(post).isEqualTo("en");
      assertThat(post).doesNotContain("Trợ lý AI").doesNotContain("Nước dùng");
    }
    // the offer is said once
    assertThat(post.split("10%", -1)).hasSize(2);
  }

  @Test
  void aTextIsVietnameseWhenAQuarterOfItsWordsCarryVietnameseLetters() {
    assertThat(PostComposer.languageOf("Our new Quận 7 branch opening this weekend")).isEqualTo("en");
    assertThat(PostComposer.languageOf("Khai trương chi nhánh Quận 7")).isEqualTo("vi");
    assertThat(PostComposer.languageOf("Phở gà tô nhỏ 60.000đ")).isEqualTo("vi");
    assertThat(PostComposer.languageOf("Fresh strawberry cake, 320k")).isEqualTo("en");
  }
}
