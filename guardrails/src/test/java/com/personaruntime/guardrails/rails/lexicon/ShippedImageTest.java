package com.personaruntime.guardrails.rails.lexicon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The build's image of the shipped lexicons ({@link ShippedImage}) holds exactly the terms that collecting them from the
 * lexicons gives, so the shipped set compiled from it is the same set: the same patterns in the same order, each with
 * the same terms (rule, display, group, detail, strict syllables, proximity part, anchors), shared the same way, the
 * same proximity entries, regexes and self-template ids. An image made from other files than the class path's is not
 * used.
 */
class ShippedImageTest {

  @Test
  void theBuildsImageHoldsTheTermsCollectingTheLexiconsGives() {
    TermSet.Builder image = ShippedImage.read();
    assertThat(image).as("the build's process-classes step writes " + ShippedImage.RESOURCE).isNotNull();
    TermSet.Builder fresh = TermSet.collectShipped();

    assertThat(new ArrayList<>(image.byNorm.keySet())).isEqualTo(new ArrayList<>(fresh.byNorm.keySet()));
    assertThat(image.byNorm.size()).isGreaterThan(100_000);
    Map<TermSet.Term, TermSet.Term> freshToImage = new IdentityHashMap<>();
    Map<TermSet.Term, TermSet.Term> imageToFresh = new IdentityHashMap<>();
    Map<String[][], String[][]> strictPairs = new IdentityHashMap<>();
    Map<String[][], String[][]> strictBack = new IdentityHashMap<>();
    for (Map.Entry<String, List<TermSet.Term>> e : fresh.byNorm.entrySet()) {
      List<TermSet.Term> a = e.getValue();
      List<TermSet.Term> b = image.byNorm.get(e.getKey());
      assertThat(b).as(e.getKey()).hasSameSizeAs(a);
      for (int i = 0; i < a.size(); i++) {
        TermSet.Term f = a.get(i);
        TermSet.Term m = b.get(i);
        assertThat(m.ruleId()).as(e.getKey()).isSameAs(f.ruleId()); // the RuleIds / TermSet constant itself
        assertThat(m.term()).isEqualTo(f.term());
        assertThat(m.group()).isEqualTo(f.group());
        assertThat(m.detail()).isEqualTo(f.detail());
        assertThat(m.strict()).isDeepEqualTo(f.strict());
        assertThat(m.near()).isEqualTo(f.near());
        assertThat(m.part()).isEqualTo(f.part());
        assertThat(m.anchors()).isEqualTo(f.anchors());
        // shared alike: one image Term per fresh Term and back, one strict array per fresh array and back
        assertThat(freshToImage.computeIfAbsent(f, k -> m)).isSameAs(m);
        assertThat(imageToFresh.computeIfAbsent(m, k -> f)).isSameAs(f);
        if (f.strict() != null) {
          assertThat(strictPairs.computeIfAbsent(f.strict(), k -> m.strict())).isSameAs(m.strict());
          assertThat(strictBack.computeIfAbsent(m.strict(), k -> f.strict())).isSameAs(f.strict());
        }
      }
    }
    assertThat(image.near).isEqualTo(fresh.near);
    assertThat(image.regexes).hasSameSizeAs(fresh.regexes);
    for (int i = 0; i < fresh.regexes.size(); i++) {
      assertThat(image.regexes.get(i).ruleId()).isSameAs(fresh.regexes.get(i).ruleId());
      assertThat(image.regexes.get(i).pattern().pattern()).isEqualTo(fresh.regexes.get(i).pattern().pattern());
      assertThat(image.regexes.get(i).pattern().flags()).isEqualTo(fresh.regexes.get(i).pattern().flags());
    }
    assertThat(image.selfNear.keySet()).containsExactlyElementsOf(fresh.selfNear.keySet());
    fresh.selfNear.forEach((k, v) -> assertThat(image.selfNear.get(k)).as(k).containsExactly(v));

    TermSet a = fresh.buildWordWalkOnly();
    TermSet b = image.buildWordWalkOnly();
    assertThat(b.size()).isEqualTo(a.size());
    for (com.personaruntime.guardrails.Direction d : com.personaruntime.guardrails.Direction.values()) {
      assertThat(b.maxLen(d)).isEqualTo(a.maxLen(d));
    }
  }

  @Test
  void theShippedSetOfThisJvmWasCompiledFromTheImage() {
    TermSet.shipped();
    assertThat(TermSet.shippedFromImage).isTrue();
  }

  @Test
  void anImageMadeFromOtherFilesIsNotUsed() throws IOException {
    TermSet.Builder b = new TermSet.Builder();
    b.byNorm.put("chua khoi", new ArrayList<>(List.of(new TermSet.Term(com.personaruntime.guardrails.RuleIds.FORBIDDEN_CLAIM,
        "chữa khỏi", null, "forbidden claim", null))));
    List<String> inputs = List.of("lexicon/a.txt", "lexicon/b.txt");
    Map<String, byte[]> files = Map.of("lexicon/a.txt", "chữa khỏi\n".getBytes(StandardCharsets.UTF_8),
        "lexicon/b.txt", "cure\n".getBytes(StandardCharsets.UTF_8));
    ShippedImage.Opener now = p -> files.containsKey(p) ? new ByteArrayInputStream(files.get(p)) : null;
    byte[] image = image(b, inputs, ShippedImage.digest(inputs, now));

    TermSet.Builder same = ShippedImage.read(new ByteArrayInputStream(image), now);
    assertThat(same).isNotNull();
    assertThat(same.byNorm.get("chua khoi").get(0)).isEqualTo(b.byNorm.get("chua khoi").get(0));

    Map<String, byte[]> edited = Map.of("lexicon/a.txt", "chữa khỏi\nchữa dứt điểm\n".getBytes(StandardCharsets.UTF_8),
        "lexicon/b.txt", files.get("lexicon/b.txt"));
    assertThat(ShippedImage.read(new ByteArrayInputStream(image),
        p -> edited.containsKey(p) ? new ByteArrayInputStream(edited.get(p)) : null)).isNull();
    assertThat(ShippedImage.read(new ByteArrayInputStream(image),
        p -> p.endsWith("a.txt") ? new ByteArrayInputStream(files.get(p)) : null)).as("a file gone").isNull();
    byte[] cut = java.util.Arrays.copyOf(image, image.length - 3);
    assertThat(ShippedImage.read(new ByteArrayInputStream(cut), now)).as("a truncated image").isNull();
  }

  private static byte[] image(TermSet.Builder b, List<String> inputs, byte[] digest) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream o = new DataOutputStream(bytes)) {
      ShippedImage.write(b, inputs, digest, o);
    }
    return bytes.toByteArray();
  }
}
