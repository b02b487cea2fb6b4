package com.personaruntime.guardrails.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/*
 * Vietnamese teencode for the normaliser: folded short word -> folded full word ("ko" -> "khong").
 * Data: com/personaruntime/guardrails/text/teencode/vi.txt, one "short = long" per line, "# " starts
 * a comment. Read once per JVM.
 */
final class Teencode {
  static final String RESOURCE = "/com/personaruntime/guardrails/text/teencode/vi.txt";

  private static volatile long[] teencodeKeys;
  private static volatile Map<String, String> teencode;

  private Teencode() {
  }

  /** Cheap pre-check without allocation: could chars [0, n) be a teencode word? (sorted packed keys) */
  static boolean mayBeTeencode(char[] c, int n) {
    return mayBeTeencode(c, 0, n);
  }

  /** As {@link #mayBeTeencode(char[], int)} for chars [from, from + n). */
  static boolean mayBeTeencode(char[] c, int from, int n) {
    long[] table = keyTable;
    if (table == null) {
      teencode();
      table = keyTable;
    }
    long k = 0;
    for (int i = from; i < from + n; i++) {
      k = (k << 16) | c[i];
    }
    if (k == 0) {
      return zeroKey;
    }
    // the sorted keys in an open-addressing table (0 = empty): one probe for most words
    int mask = table.length - 1;
    for (int h = (int) ((k * 0x9E3779B97F4A7C15L) >>> 40) & mask; ; h = (h + 1) & mask) {
      long x = table[h];
      if (x == k) {
        return true;
      }
      if (x == 0) {
        return false;
      }
    }
  }

  /** {@link #teencodeKeys} as an open-addressing table (0 = empty slot), and whether key 0 is among them. */
  private static volatile long[] keyTable;
  private static volatile boolean zeroKey;

  private static void buildKeyTable(long[] keys) {
    int cap = Integer.highestOneBit(Math.max(4, keys.length) * 4 - 1) << 1;
    long[] table = new long[cap];
    boolean zero = false;
    for (long k : keys) {
      if (k == 0) {
        zero = true;
        continue;
      }
      int h = (int) ((k * 0x9E3779B97F4A7C15L) >>> 40) & (cap - 1);
      while (table[h] != 0 && table[h] != k) {
        h = (h + 1) & (cap - 1);
      }
      table[h] = k;
    }
    zeroKey = zero;
    keyTable = table;
  }

  /** Vietnamese teencode: folded short word -> folded full word. */
  static Map<String, String> teencode() {
    Map<String, String> t = teencode;
    if (t == null) {
      Map<String, String> m = new HashMap<>();
      for (String line : read()) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
      }
      long[] keys = new long[m.size()];
      int i = 0;
      for (String key : m.keySet()) {
        long k = 0;
        for (int j = 0; j < key.length() && j < 4; j++) {
          k = (k << 16) | key.charAt(j);
        }
        keys[i++] = key.length() <= 4 ? k : -1;
      }
      Arrays.sort(keys);
      teencodeKeys = keys;
      buildKeyTable(keys);
      teencode = t = Collections.unmodifiableMap(m);
    }
    return t;
  }

  private static java.util.List<String> read() {
    InputStream in = Teencode.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("missing resource " + RESOURCE);
    }
    java.util.List<String> out = new java.util.ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String t = line.stripLeading();
        if (t.isEmpty() || t.equals("#") || t.startsWith("# ") || t.startsWith("##")) {
          continue;
        }
        int c = line.indexOf(" # ");
        String e = (c >= 0 ? line.substring(0, c) : line).trim().replaceAll("\\s+", " ");
        if (!e.isEmpty()) {
          out.add(e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + RESOURCE, e);
    }
    return out;
  }
}
