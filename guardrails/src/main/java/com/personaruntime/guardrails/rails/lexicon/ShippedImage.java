package com.personaruntime.guardrails.rails.lexicon;

import com.google.re2j.Pattern;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shipped lexicons' terms as the build left them ({@value #RESOURCE} beside this class): what
 * {@link TermSet#buildShipped()} collects by reading, expanding and normalising every lexicon (~420,000 patterns, 6-10 s
 * of one thread's CPU, paid by each JVM's first check) written once at build time ({@code process-classes}, see the
 * module's pom) and read back at start in a fraction of that. Only the collecting is skipped: the set is compiled from the
 * collected terms exactly as before ({@link TermSet.Builder#buildWordWalkOnly()}).
 *
 * <p>The image is used only while every file it was made from is unchanged: it records the module's class files and
 * resources (lexicons, word lists, normaliser tables) with a SHA-256 of their bytes, and {@link #read()} hashes the
 * same files from the class path again. Any difference (a lexicon edited and compiled outside Maven, a class
 * changed), a missing or unreadable image, and the terms are collected from the lexicons as before. Reading keeps the
 * sharing of the built set (one {@link TermSet.Term} per lexicon line's expansions, one strict-syllable array per
 * sequence) and the rule ids' identity with {@link com.personaruntime.guardrails.RuleIds}' constants.
 */
public final class ShippedImage {
  /** File name of the image, beside this class. */
  static final String RESOURCE = "shipped.image";
  private static final int MAGIC = 0x4C584931; // "LXI1"
  private static final int VERSION = 1;
  /** The longest string writeUTF always takes (3 bytes per char at most). */
  private static final int MAX_UTF_CHARS = 65535 / 3;
  private static final String ROOT = "com/personaruntime/guardrails/";

  private ShippedImage() {
  }

  /**
   * Writes the image into a module's class output folder (the build's {@code process-classes} step).
   *
   * @param args the class output folder ({@code target/classes})
   * @throws IOException when it cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ShippedImage CLASSES_DIR");
    }
    Path classes = Path.of(args[0]);
    Path out = classes.resolve(ROOT + "rails/lexicon/" + RESOURCE);
    Files.deleteIfExists(out);
    long start = System.nanoTime();
    TermSet.Builder b = TermSet.collectShipped();
    List<String> inputs = inputs(classes);
    Path tmp = out.resolveSibling(RESOURCE + ".tmp");
    try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
      write(b, inputs, digest(inputs, p -> Files.newInputStream(classes.resolve(p))), o);
    }
    Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    System.out.printf(java.util.Locale.ROOT, "shipped lexicon image: %d patterns, %d input files, %d bytes, %d ms%n",
        b.byNorm.size(), inputs.size(), Files.size(out), (System.nanoTime() - start) / 1_000_000);
  }

  /** The module's own files under {@link #ROOT}, class files and resources, the image left out; sorted. */
  private static List<String> inputs(Path classes) throws IOException {
    Path root = classes.resolve(ROOT);
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .map(p -> classes.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.endsWith("/" + RESOURCE) && !p.endsWith("/" + RESOURCE + ".tmp"))
          .sorted()
          .toList();
    }
  }

  /** Opens an input file of the image by its path under the class output folder or class path; null when missing. */
  interface Opener {
    InputStream open(String path) throws IOException;
  }

  /** SHA-256 over each file's path, length and bytes; null when a file is missing. */
  static byte[] digest(List<String> paths, Opener opener) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buf = new byte[1 << 15];
    for (String p : paths) {
      md.update(p.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      md.update((byte) 0);
      try (InputStream in = opener.open(p)) {
        if (in == null) {
          return null;
        }
        long n = 0;
        for (int r; (r = in.read(buf)) > 0; ) {
          md.update(buf, 0, r);
          n += r;
        }
        md.update(java.nio.ByteBuffer.allocate(8).putLong(n).array());
      }
    }
    return md.digest();
  }

  /** The string table, the strict arrays and the terms, each written once, in first-use order. */
  private static final class Tables {
    final Map<String, Integer> strings = new LinkedHashMap<>();
    final Map<String[][], Integer> stricts = new IdentityHashMap<>();
    final List<String[][]> strictList = new ArrayList<>();
    final Map<TermSet.Term, Integer> terms = new IdentityHashMap<>();
    final List<TermSet.Term> termList = new ArrayList<>();

    int string(String s) {
      if (s == null) {
        return -1;
      }
      if (s.length() > MAX_UTF_CHARS) {
        throw new IllegalStateException("lexicon string too long for the image: " + s.length() + " chars");
      }
      return strings.computeIfAbsent(s, k -> strings.size());
    }
  }

  static void write(TermSet.Builder b, List<String> inputs, byte[] digest, DataOutputStream o) throws IOException {
    Tables t = new Tables();
    // first pass: number everything
    for (Map.Entry<String, List<TermSet.Term>> e : b.byNorm.entrySet()) {
      t.string(e.getKey());
      for (TermSet.Term term : e.getValue()) {
        if (!t.terms.containsKey(term)) {
          t.terms.put(term, t.termList.size());
          t.termList.add(term);
          t.string(term.ruleId());
          t.string(term.term());
          t.string(term.group());
          t.string(term.detail());
          if (term.strict() != null && !t.stricts.containsKey(term.strict())) {
            t.stricts.put(term.strict(), t.strictList.size());
            t.strictList.add(term.strict());
            for (String[] row : term.strict()) {
              for (String s : row) {
                t.string(s);
              }
            }
          }
        }
      }
    }
    for (TermSet.Regex r : b.regexes) {
      t.string(r.ruleId());
      t.string(r.pattern().pattern());
    }
    for (TermSet.Near n : b.near) {
      t.string(n.ruleId());
      t.string(n.display());
      t.string(n.group());
      t.string(n.detail());
    }
    b.selfNear.keySet().forEach(t::string);

    o.writeInt(MAGIC);
    o.writeInt(VERSION);
    o.writeInt(inputs.size());
    for (String p : inputs) {
      o.writeUTF(p);
    }
    o.write(digest);
    o.writeInt(t.strings.size());
    for (String s : t.strings.keySet()) {
      o.writeUTF(s);
    }
    o.writeInt(t.strictList.size());
    for (String[][] s : t.strictList) {
      o.writeInt(s.length);
      for (String[] row : s) {
        o.writeInt(row.length);
        for (String x : row) {
          o.writeInt(t.string(x));
        }
      }
    }
    o.writeInt(t.termList.size());
    for (TermSet.Term term : t.termList) {
      o.writeInt(t.string(term.ruleId()));
      o.writeInt(t.string(term.term()));
      o.writeInt(t.string(term.group()));
      o.writeInt(t.string(term.detail()));
      o.writeInt(term.strict() == null ? -1 : t.stricts.get(term.strict()));
      o.writeInt(term.near());
      o.writeInt(term.part());
      o.writeInt(term.anchors());
    }
    o.writeInt(b.byNorm.size());
    for (Map.Entry<String, List<TermSet.Term>> e : b.byNorm.entrySet()) {
      o.writeInt(t.string(e.getKey()));
      o.writeInt(e.getValue().size());
      for (TermSet.Term term : e.getValue()) {
        o.writeInt(t.terms.get(term));
      }
    }
    o.writeInt(b.regexes.size());
    for (TermSet.Regex r : b.regexes) {
      o.writeInt(t.string(r.ruleId()));
      o.writeInt(t.string(r.pattern().pattern()));
      o.writeInt(r.pattern().flags());
    }
    o.writeInt(b.near.size());
    for (TermSet.Near n : b.near) {
      o.writeInt(t.string(n.ruleId()));
      o.writeInt(t.string(n.display()));
      o.writeInt(t.string(n.group()));
      o.writeInt(t.string(n.detail()));
      o.writeInt(n.gap());
      o.writeInt(n.maxNorm());
      o.writeInt(n.anchors());
      o.writeBoolean(n.acrossTopicQuestion());
      o.writeBoolean(n.noNegationInGap());
    }
    o.writeInt(b.selfNear.size());
    for (Map.Entry<String, int[]> e : b.selfNear.entrySet()) {
      o.writeInt(t.string(e.getKey()));
      o.writeInt(e.getValue().length);
      for (int v : e.getValue()) {
        o.writeInt(v);
      }
    }
    o.writeInt(MAGIC);
  }

  /**
   * The shipped terms from the image on the class path, or null when there is none, it cannot be read, or a file it
   * was made from differs now (the caller then collects them from the lexicons).
   */
  static TermSet.Builder read() {
    ClassLoader cl = ShippedImage.class.getClassLoader();
    return read(ShippedImage.class.getResourceAsStream(RESOURCE), cl::getResourceAsStream);
  }

  /** The terms of the image {@code raw} (closed here), or null as {@link #read()}; inputs opened by {@code files}. */
  static TermSet.Builder read(InputStream raw, Opener files) {
    if (raw == null) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        return null;
      }
      int count = in.readInt();
      List<String> inputs = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        inputs.add(in.readUTF());
      }
      byte[] recorded = new byte[32];
      in.readFully(recorded);
      byte[] now = digest(inputs, files);
      if (now == null || !Arrays.equals(now, recorded)) {
        return null;
      }
      return readTerms(in);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static TermSet.Builder readTerms(DataInputStream in) throws IOException {
    String[] strings = new String[in.readInt()];
    for (int i = 0; i < strings.length; i++) {
      strings[i] = in.readUTF();
    }
    String[][][] stricts = new String[in.readInt()][][];
    for (int i = 0; i < stricts.length; i++) {
      String[][] s = new String[in.readInt()][];
      for (int r = 0; r < s.length; r++) {
        String[] row = new String[in.readInt()];
        for (int k = 0; k < row.length; k++) {
          row[k] = strings[in.readInt()];
        }
        s[r] = row;
      }
      stricts[i] = s;
    }
    TermSet.Term[] terms = new TermSet.Term[in.readInt()];
    for (int i = 0; i < terms.length; i++) {
      String rule = id(strings, in.readInt());
      String term = str(strings, in.readInt());
      String group = id(strings, in.readInt());
      String detail = id(strings, in.readInt());
      int strict = in.readInt();
      terms[i] = new TermSet.Term(rule, term, group, detail, strict < 0 ? null : stricts[strict], in.readInt(),
          in.readInt(), in.readInt());
    }
    TermSet.Builder b = new TermSet.Builder();
    int patterns = in.readInt();
    for (int i = 0; i < patterns; i++) {
      String key = strings[in.readInt()];
      int n = in.readInt();
      List<TermSet.Term> list = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        list.add(terms[in.readInt()]);
      }
      b.byNorm.put(key, list);
    }
    int regexes = in.readInt();
    for (int i = 0; i < regexes; i++) {
      String rule = id(strings, in.readInt());
      String pattern = strings[in.readInt()];
      b.regexes.add(new TermSet.Regex(rule, Pattern.compile(pattern, in.readInt())));
    }
    int near = in.readInt();
    for (int i = 0; i < near; i++) {
      b.near.add(new TermSet.Near(id(strings, in.readInt()), str(strings, in.readInt()), id(strings, in.readInt()),
          id(strings, in.readInt()), in.readInt(), in.readInt(), in.readInt(), in.readBoolean(), in.readBoolean()));
    }
    int self = in.readInt();
    for (int i = 0; i < self; i++) {
      String key = strings[in.readInt()];
      int[] ids = new int[in.readInt()];
      for (int k = 0; k < ids.length; k++) {
        ids[k] = in.readInt();
      }
      b.selfNear.put(key, ids);
    }
    if (in.readInt() != MAGIC) {
      throw new IOException("shipped lexicon image: no end mark");
    }
    return b;
  }

  private static String str(String[] strings, int i) {
    return i < 0 ? null : strings[i];
  }

  /** Rule ids, groups and details: few distinct values, interned so a rule id is its RuleIds constant. */
  private static String id(String[] strings, int i) {
    return i < 0 ? null : strings[i].intern();
  }
}
