package com.personaruntime.guardrails.rails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The in-place comparisons of {@link ContactDisguise} against the copies they replace: the same answer for every
 * word, whatever its chars.
 */
class ContactDisguiseFastPathTest {

  /** What handleProvider compares without a copy: the long way, as it was written before. */
  private static boolean byCopy(String text, int s, int e) {
    return ContactDisguise.HANDLE_PROVIDERS.contains(text.substring(s, e).toLowerCase(Locale.ROOT));
  }

  @Test
  void everyCharAtOrAboveU0080LowerCasesToAStringWithSuchACharButTheKelvinSign() {
    // the premise of handleProvider's early refusal, for every BMP char and every supplementary code point
    List<String> toAscii = new ArrayList<>();
    for (int cp = 0x80; cp <= Character.MAX_CODE_POINT; cp++) {
      String lower = new String(Character.toChars(cp)).toLowerCase(Locale.ROOT);
      if (lower.chars().allMatch(c -> c < 0x80)) {
        toAscii.add(Integer.toHexString(cp) + "->" + lower);
      }
    }
    assertThat(toAscii).containsExactly("212a->k");
    // lone surrogates stay themselves
    assertThat(String.valueOf('\uD835').toLowerCase(Locale.ROOT)).isEqualTo("\uD835");
    assertThat(String.valueOf('\uDFCE').toLowerCase(Locale.ROOT)).isEqualTo("\uDFCE");
  }

  @Test
  void handleProviderAnswersAsTheLowerCasedCopyForEveryWord() {
    // providers in any case, with look-alikes that lower-case specially (Kelvin sign, dotted capital I, capital sigma,
    // the Latin capitals whose lower case is a marked letter) and Vietnamese letters typed in their place
    String alphabet = "gmailyhotcudprnxeGMAILYHOTCUDPRNXE\u212A\u0130\u03A3\u00C0\u00E0\u1EA1\u0111\u0110\u00ED\u01B0\u1EDDk";
    String[] providers = {"gmail", "yahoo", "hotmail", "icloud", "protonmail", "gmx", "yandex", "ymail", "googlemail"};
    Random rnd = new Random(20261203L);
    int providersSeen = 0;
    int nonAscii = 0;
    for (int round = 0; round < 200_000; round++) {
      String word;
      if (round % 4 == 0) {
        // a provider in a random case, sometimes one letter swapped for an alphabet char
        StringBuilder b = new StringBuilder(providers[rnd.nextInt(providers.length)]);
        for (int k = 0; k < b.length(); k++) {
          if (rnd.nextBoolean()) {
            b.setCharAt(k, Character.toUpperCase(b.charAt(k)));
          }
        }
        if (rnd.nextInt(3) == 0) {
          b.setCharAt(rnd.nextInt(b.length()), alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        word = b.toString();
      } else {
        int len = 1 + rnd.nextInt(12);
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < len; k++) {
          b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        word = b.toString();
      }
      String text = "my " + word + " is x";
      boolean expected = byCopy(text, 3, 3 + word.length());
      assertThat(ContactDisguise.handleProvider(text, 3, 3 + word.length())).as(word).isEqualTo(expected);
      providersSeen += expected ? 1 : 0;
      nonAscii += word.chars().anyMatch(c -> c >= 0x80) ? 1 : 0;
    }
    // the rounds reached both answers and the words the copy was kept for
    assertThat(providersSeen).isGreaterThan(20_000);
    assertThat(nonAscii).isGreaterThan(50_000);
  }

  @Test
  void aProviderNamedBeforeAHandleIsStillFoundAndAVietnameseWordIsNone() {
    assertThat(PiiScannerTest.pii("my GMAIL is milo.brews99")).containsExactly("pii.email=milo.brews99");
    assertThat(PiiScannerTest.pii("Yahoo của mình: thu_ha.2001 nhé")).containsExactly("pii.email=thu_ha.2001");
    assertThat(PiiScannerTest.pii("giá hằng ngày phải là linh.skincare99")).isEmpty();
  }
}
