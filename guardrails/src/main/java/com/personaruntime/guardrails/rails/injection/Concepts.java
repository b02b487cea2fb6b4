package com.personaruntime.guardrails.rails.injection;

import com.personaruntime.guardrails.text.NormalizedText;
import com.personaruntime.guardrails.text.TextNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The concept lexicon of the learned detector ({@value InjectionModel#CONCEPTS_RESOURCE}): maps a
 * normalised word, or two words in a row, to a language-neutral concept id. Lookups are by the
 * word's hash in two open-addressing int tables (no allocation, one probe in the common case).
 * Entries are normalised with {@link TextNormalizer} exactly like the text; an entry listed under
 * two concepts keeps the first.
 */
final class Concepts {
  private final int[] wordKeys;
  private final int[] wordVals;
  private final int[] pairKeys;
  private final int[] pairVals;
  private final List<String> names;
  private final int crc;

  private Concepts(List<String> names, List<int[]> words, List<int[]> pairs, int crc) {
    this.names = List.copyOf(names);
    this.crc = crc;
    int wc = tableSize(words.size());
    wordKeys = new int[wc];
    wordVals = new int[wc];
    Arrays.fill(wordVals, -1);
    for (int[] kv : words) {
      put(wordKeys, wordVals, kv[0], kv[1]);
    }
    int pc = tableSize(pairs.size());
    pairKeys = new int[pc];
    pairVals = new int[pc];
    Arrays.fill(pairVals, -1);
    for (int[] kv : pairs) {
      put(pairKeys, pairVals, kv[0], kv[1]);
    }
  }

  private static int tableSize(int n) {
    return Integer.highestOneBit(Math.max(16, n * 4) - 1) << 1;
  }

  private static void put(int[] keys, int[] vals, int k, int v) {
    int mask = keys.length - 1;
    int i = InjectionModel.mix(k) & mask;
    while (vals[i] != -1) {
      if (keys[i] == k) {
        return; // first concept wins
      }
      i = (i + 1) & mask;
    }
    keys[i] = k;
    vals[i] = v;
  }

  private static int get(int[] keys, int[] vals, int k) {
    int mask = keys.length - 1;
    int i = InjectionModel.mix(k) & mask;
    while (vals[i] != -1) {
      if (keys[i] == k) {
        return vals[i];
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  /** @return the concept id of one word (by {@link InjectionModel#wordHash}), or -1 */
  int word(int wordHash) {
    return get(wordKeys, wordVals, wordHash);
  }

  /** @return the concept id of two words in a row (by {@link InjectionModel#pairKey}), or -1 */
  int pair(int pairKey) {
    return get(pairKeys, pairVals, pairKey);
  }

  /** @return the concept names, index = id */
  List<String> names() {
    return names;
  }

  /** @return CRC-32 of the concepts file (recorded in the model file) */
  int crc() {
    return crc;
  }

  private static volatile Concepts shipped;

  static Concepts shipped() {
    Concepts c = shipped;
    if (c == null) {
      synchronized (Concepts.class) {
        c = shipped;
        if (c == null) {
          try (InputStream in = Concepts.class.getResourceAsStream(InjectionModel.CONCEPTS_RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("concepts resource " + InjectionModel.CONCEPTS_RESOURCE + " is missing from the classpath");
            }
            shipped = c = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), InjectionModel.CONCEPTS_RESOURCE);
          } catch (IOException e) {
            throw new IllegalStateException("concepts resource " + InjectionModel.CONCEPTS_RESOURCE + " cannot be read: " + e.getMessage(), e);
          }
        }
      }
    }
    return c;
  }

  /**
   * Parses {@code NAME: entry, entry, ...} lines ('#' comments).
   *
   * @throws IllegalArgumentException naming the source and line of a malformed line
   */
  static Concepts parse(String text, String source) {
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    List<String> names = new ArrayList<>();
    List<int[]> words = new ArrayList<>();
    List<int[]> pairs = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int ln = 0; ln < lines.length; ln++) {
      String line = lines[ln].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !line.substring(0, colon).matches("[A-Z_]+")) {
        throw new IllegalArgumentException(source + ":" + (ln + 1) + ": expected 'NAME: entry, entry, ...' with NAME in capitals");
      }
      int id = names.size();
      if (id >= 64) {
        throw new IllegalArgumentException(source + ":" + (ln + 1) + ": more than 64 concepts");
      }
      names.add(line.substring(0, colon));
      for (String entry : line.substring(colon + 1).split(",")) {
        if (entry.isBlank()) {
          continue;
        }
        NormalizedText nt = TextNormalizer.normalize(entry.strip());
        List<int[]> spans = new ArrayList<>();
        int i = 0;
        while (i < nt.length()) {
          if (nt.chars[i] == ' ' || nt.chars[i] == TextNormalizer.BREAK) {
            i++;
            continue;
          }
          int s = i;
          while (i < nt.length() && nt.chars[i] != ' ' && nt.chars[i] != TextNormalizer.BREAK) {
            i++;
          }
          spans.add(new int[] {s, i});
        }
        if (spans.isEmpty() || spans.size() > 3) {
          throw new IllegalArgumentException(source + ":" + (ln + 1) + ": entry '" + entry.strip() + "' must have 1 to 3 words");
        }
        int[] hs = new int[spans.size()];
        for (int k = 0; k < hs.length; k++) {
          hs[k] = InjectionModel.wordHash(nt.chars, spans.get(k)[0], spans.get(k)[1]);
        }
        if (hs.length == 1) {
          words.add(new int[] {hs[0], id});
        } else {
          // two words: the pair; three words: keyed on the last two ("tu bay gio" -> "bay gio")
          pairs.add(new int[] {InjectionModel.pairKey(hs[hs.length - 2], hs[hs.length - 1]), id});
        }
      }
    }
    return new Concepts(names, words, pairs, (int) crc.getValue());
  }
}
