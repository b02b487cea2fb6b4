package com.personaruntime.benchmarks;

import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Finding;
import com.personaruntime.guardrails.Policies;
import com.personaruntime.guardrails.Policy;
import com.personaruntime.guardrails.PolicyConfig;
import com.personaruntime.guardrails.StreamingGuard;
import com.personaruntime.guardrails.Verdict;
import com.personaruntime.guardrails.text.NormalizedText;
import com.personaruntime.guardrails.text.TextNormalizer;
import com.personaruntime.personas.DemoPersonas;
import com.personaruntime.personas.Persona;
import com.personaruntime.personas.PersonaPolicies;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Differential harness for the guardrails: runs the input and output checks and the streaming
 * guard over a large corpus under several policies and prints one line per text and check with
 * the decision, every finding (rule, action, severity, offsets, score, a digest of message and
 * fix), a digest of the verdict text and, once per text, a digest of the normalised text with its
 * offset map. Two builds that print the same lines judge every text the same way, so an
 * optimisation can be proven behaviour-neutral with {@code benchmarks/guardrails-diff.sh BASE}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar com.personaruntime.benchmarks.GuardrailsDigest REPO_ROOT [OUT_FILE]</pre>
 *
 * <p>The corpus is read from {@code REPO_ROOT} (the current tree, so both builds of a comparison
 * see the same texts): every row of {@code guardrails/training/*.tsv} and
 * {@code guardrails/training/datasets/*} (CSV with quoted fields, JSON lines), the guardrails test
 * tables ({@code guardrails/src/test/resources/**}), every string literal and text-block line of
 * the guardrails test sources, the shipped lexicon lines (each alternation group expanded three
 * ways), the English word list and the Vietnamese syllable list (ten words a text), and the
 * benchmark reply and message. Each text is also checked without Vietnamese diacritics, typed as
 * Telex keystrokes, and with a seeded random obfuscation (stretched letters, markup, separators,
 * case). Policies: the Lumière test policy (output vi/en, input, sponsored post, canary; streamed
 * 3 and 7 chars at a time), the demo personas (output, input, streamed 5 chars at a time) and the
 * benchmark's 1,000-term policy (output, input). Self-contained: the diff script copies this one
 * file into the older tree, so it must use only the guardrails' and personas' public API.
 */
public final class GuardrailsDigest {
  private GuardrailsDigest() {
  }

  /** One check of the digest: a name and what to print for a text. */
  interface Check {
    String name();

    String run(String text);
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: GuardrailsDigest REPO_ROOT [OUT_FILE]");
      System.exit(2);
    }
    Path root = Path.of(args[0]);
    List<String[]> texts = corpus(root);
    Policies.preload();
    List<Check> checks = checks();
    PrintWriter out = args.length > 1
        ? new PrintWriter(Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8))
        : new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16));
    long t0 = System.nanoTime();
    long lines = 0;
    long[] nanos = new long[checks.size()];
    for (String[] t : texts) {
      String id = t[0];
      String text = t[1];
      out.print(id);
      out.print("\tnorm\t");
      out.println(normDigest(text));
      lines++;
      for (int ci = 0; ci < checks.size(); ci++) {
        Check c = checks.get(ci);
        String r;
        long c0 = System.nanoTime();
        try {
          r = c.run(text);
        } catch (RuntimeException | StackOverflowError e) {
          r = "EXCEPTION " + e.getClass().getName();
        }
        nanos[ci] += System.nanoTime() - c0;
        out.print(id);
        out.print('\t');
        out.print(c.name());
        out.print('\t');
        out.println(r);
        lines++;
      }
    }
    out.flush();
    if (args.length > 1) {
      out.close();
    }
    for (int ci = 0; ci < checks.size(); ci++) {
      System.err.printf("  %-20s %6.1f s%n", checks.get(ci).name(), nanos[ci] / 1e9);
    }
    System.err.printf("GuardrailsDigest: %d texts, %d lines, %.1f s%n", texts.size(), lines, (System.nanoTime() - t0) / 1e9);
  }

  // ---- checks ---------------------------------------------------------------------------------

  static List<Check> checks() {
    List<Check> out = new ArrayList<>();
    Policy lumiere = Policies.compile(lumiereConfig());
    out.add(whole("lumiere.out.vi", lumiere, CheckContext.chatOutput().withLanguage("vi")));
    out.add(whole("lumiere.out.en", lumiere, CheckContext.chatOutput().withLanguage("en")));
    out.add(whole("lumiere.in", lumiere, CheckContext.chatInput()));
    out.add(whole("lumiere.post.ig.ad", lumiere, CheckContext.post("instagram", "vi", true)));
    out.add(whole("lumiere.out.canary", lumiere, CheckContext.chatOutput().withLanguage("en").withCanary("ZQ7-canary-41x")));
    out.add(streamed("lumiere.stream3", lumiere, CheckContext.chatOutput().withLanguage("vi"), 3));
    out.add(streamed("lumiere.stream7", lumiere, CheckContext.chatOutput().withLanguage("en"), 7));
    for (Persona p : DemoPersonas.load()) {
      Policy policy = Policies.compile(PersonaPolicies.toPolicyConfig(p));
      String lang = p.languages().isEmpty() ? "en" : p.languages().get(0);
      out.add(whole(p.id() + ".out", policy, CheckContext.chatOutput().withLanguage(lang)));
      out.add(whole(p.id() + ".in", policy, CheckContext.chatInput()));
      out.add(streamed(p.id() + ".stream5", policy, CheckContext.chatOutput().withLanguage(lang), 5));
    }
    Policy bench = Policies.compile(benchConfig());
    out.add(whole("bench.out", bench, CheckContext.chatOutput().withLanguage("vi")));
    out.add(whole("bench.in", bench, CheckContext.chatInput().withLanguage("vi")));
    return out;
  }

  static Check whole(String name, Policy policy, CheckContext ctx) {
    return new Check() {
      public String name() {
        return name;
      }

      public String run(String text) {
        return verdict(policy.check(text, ctx), text);
      }
    };
  }

  static Check streamed(String name, Policy policy, CheckContext ctx, int chunk) {
    return new Check() {
      public String name() {
        return name;
      }

      public String run(String text) {
        StreamingGuard g = policy.streamingGuard(ctx);
        StringBuilder releases = new StringBuilder();
        int n = 0;
        for (int i = 0; i < text.length(); i += chunk) {
          int end = Math.min(text.length(), i + chunk);
          if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end++;
          }
          String r = g.offer(text.substring(i, end));
          if (!r.isEmpty()) {
            n++;
            releases.append(i).append(':').append(r).append('\u0000');
          }
          i = end - chunk;
        }
        Verdict v = g.finish();
        return "releases=" + n + ":" + digest(releases.toString()) + " stopped=" + g.stopped() + " released="
            + digest(g.released()) + " " + verdict(v, text);
      }
    };
  }

  static String verdict(Verdict v, String original) {
    StringBuilder sb = new StringBuilder();
    sb.append(v.decision());
    sb.append(" text=").append(v.text().equals(original) ? "same" : digest(v.text()));
    for (Finding f : v.findings()) {
      sb.append(" [").append(f.ruleId()).append(' ').append(f.action()).append(' ').append(f.severity()).append(' ')
          .append(f.start()).append('-').append(f.end());
      if (f.score() != null) {
        sb.append(" score=").append(f.score());
      }
      sb.append(" msg=").append(digest(f.message()));
      if (f.fix() != null) {
        sb.append(" fix=").append(digest(f.fix()));
      }
      sb.append(']');
    }
    return sb.toString();
  }

  static String normDigest(String text) {
    NormalizedText n = TextNormalizer.normalize(text);
    StringBuilder sb = new StringBuilder(n.length() * 4 + 16);
    sb.append(n.toString()).append('\u0000');
    for (int i = 0; i < n.length(); i++) {
      sb.append(n.origStart(i)).append(',').append(n.origEnd(i)).append(';');
    }
    sb.append('\u0000');
    if (n.breakEnds != null) {
      for (int b : n.breakEnds) {
        sb.append(b).append(',');
      }
    }
    sb.append('\u0000').append(n.stableOrig);
    return "len=" + n.length() + " " + digest(sb.toString());
  }

  static String digest(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)), 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- policies -------------------------------------------------------------------------------

  /** The guardrails tests' Lumière policy (LumierePolicy.java). */
  static PolicyConfig lumiereConfig() {
    return PolicyConfig.builder()
        .bannedTerms(List.of("rẻ bèo", "hàng fake"))
        .competitors(List.of("GlowCo"))
        .forbiddenClaims(List.of("chữa khỏi", "trị dứt điểm", "cure", "guaranteed results"))
        .allowedLinkDomains(List.of("lumiere.example"))
        .ownNames(List.of("Lumière", "Linh"))
        .avoidTopics(List.of("politics", "religion"))
        .languages(List.of("vi", "en"))
        .jurisdictions(List.of("VN", "EU", "US"))
        .aiLabels(Map.of("vi", "Nội dung do AI tạo ra", "en", "AI-generated"))
        .sponsoredLabels(Map.of("vi", "#quảngcáo", "en", "#ad"))
        .build();
  }

  /** The 1,000-term policy of GuardrailsBenchmark (same seed and construction). */
  static PolicyConfig benchConfig() {
    List<String> terms = benchTerms();
    List<String> banned = new ArrayList<>(terms.subList(0, 400));
    banned.addAll(List.of("rẻ bèo", "hàng fake"));
    List<String> claims = new ArrayList<>(terms.subList(700, 1000));
    claims.addAll(List.of("chữa khỏi", "trị dứt điểm", "cure", "guaranteed results"));
    return PolicyConfig.builder()
        .bannedTerms(banned)
        .competitors(terms.subList(400, 700))
        .forbiddenClaims(claims)
        .avoidTopics(List.of("politics", "religion"))
        .allowedLinkDomains(List.of("lumiere.example"))
        .languages(List.of("vi", "en"))
        .jurisdictions(List.of("VN", "EU", "US"))
        .build();
  }

  static List<String> benchTerms() {
    Random rnd = new Random(42);
    List<String> terms = new ArrayList<>();
    String syll = "ba be bi bo bu ca ce chi cho chu da de di do du ga ge gi go gu ha he hi ho hu ka ke ki ko ku la le li lo lu"
        + " ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu";
    String[] s = syll.split(" ");
    while (terms.size() < 1000) {
      int words = 1 + rnd.nextInt(3);
      StringBuilder t = new StringBuilder();
      for (int w = 0; w < words; w++) {
        if (w > 0) {
          t.append(' ');
        }
        int syl = 2 + rnd.nextInt(3);
        for (int k = 0; k < syl; k++) {
          t.append(s[rnd.nextInt(s.length)]);
        }
      }
      if (!terms.contains(t.toString())) {
        terms.add(t.toString());
      }
    }
    return terms;
  }

  // ---- corpus ---------------------------------------------------------------------------------

  static List<String[]> corpus(Path root) throws IOException {
    Set<String> seen = new LinkedHashSet<>();
    List<String[]> base = new ArrayList<>();
    Path training = root.resolve("guardrails/training");
    for (Path p : list(training, ".tsv")) {
      addLines(base, seen, "tsv:" + p.getFileName(), Files.readAllLines(p), true);
    }
    for (Path p : list(training.resolve("datasets"), "")) {
      String name = p.getFileName().toString();
      String s = Files.readString(p, StandardCharsets.UTF_8);
      if (name.endsWith(".csv")) {
        List<List<String>> rows = csv(s);
        for (int i = 1; i < rows.size(); i++) {
          for (String cell : rows.get(i)) {
            add(base, seen, "csv:" + name + ":" + i, cell);
          }
        }
      } else if (name.endsWith(".jsonl")) {
        String[] lines = s.split("\n");
        for (int i = 0; i < lines.length; i++) {
          add(base, seen, "jsonl:" + name + ":" + (i + 1), jsonText(lines[i]));
        }
      }
    }
    Path testRes = root.resolve("guardrails/src/test/resources");
    try (Stream<Path> files = Files.walk(testRes)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
        addLines(base, seen, "test:" + testRes.relativize(p), Files.readAllLines(p), true);
      }
    }
    Path testJava = root.resolve("guardrails/src/test/java");
    try (Stream<Path> files = Files.walk(testJava)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList())) {
        List<String> lits = javaStrings(Files.readString(p, StandardCharsets.UTF_8));
        for (int i = 0; i < lits.size(); i++) {
          add(base, seen, "java:" + p.getFileName() + ":" + i, lits.get(i));
        }
      }
    }
    Path res = root.resolve("guardrails/src/main/resources/com/personaruntime/guardrails");
    Path lex = res.resolve("rails/lexicon");
    try (Stream<Path> files = Files.walk(lex)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".txt")).sorted().collect(Collectors.toList())) {
        List<String> lines = Files.readAllLines(p);
        for (int i = 0; i < lines.size(); i++) {
          String l = lines.get(i).strip();
          if (l.isEmpty() || l.startsWith("#")) {
            continue;
          }
          for (int k = 0; k < 3; k++) {
            add(base, seen, "lex:" + lex.relativize(p) + ":" + (i + 1) + "." + k, expand(l, k));
          }
        }
      }
    }
    addGrouped(base, seen, "words:en", Files.readAllLines(res.resolve("text/words/en.txt")), 10);
    addGrouped(base, seen, "words:vi", Files.readAllLines(res.resolve("text/words/vi-syllables.txt")), 10);
    addLines(base, seen, "teencode", Files.readAllLines(res.resolve("text/teencode/vi.txt")), true);
    base.add(new String[] {"bench:reply", benchReply()});
    base.add(new String[] {"bench:message", benchMessage()});

    List<String[]> out = new ArrayList<>();
    for (String[] t : base) {
      out.add(t);
      String text = t[1];
      String plain = stripMarks(text);
      if (!plain.equals(text)) {
        out.add(new String[] {t[0] + "#plain", plain});
        String telex = telex(text);
        if (!telex.equals(plain)) {
          out.add(new String[] {t[0] + "#telex", telex});
        }
      }
      out.add(new String[] {t[0] + "#mut", mutate(text)});
    }
    return out;
  }

  static List<Path> list(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(suffix)).sorted().collect(Collectors.toList());
    }
  }

  static void add(List<String[]> out, Set<String> seen, String id, String text) {
    if (text == null || text.isBlank() || !seen.add(text)) {
      return;
    }
    out.add(new String[] {id, text});
  }

  /** Adds each non-comment line, and for tab-separated rows also the last column alone. */
  static void addLines(List<String[]> out, Set<String> seen, String id, List<String> lines, boolean columns) {
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isBlank() || l.startsWith("#")) {
        continue;
      }
      add(out, seen, id + ":" + (i + 1), l);
      if (columns) {
        int tab = l.lastIndexOf('\t');
        if (tab >= 0) {
          add(out, seen, id + ":" + (i + 1) + ".t", l.substring(tab + 1));
        }
        int bar = l.lastIndexOf('|');
        if (bar >= 0) {
          add(out, seen, id + ":" + (i + 1) + ".b", l.substring(bar + 1).strip());
        }
      }
    }
  }

  static void addGrouped(List<String[]> out, Set<String> seen, String id, List<String> words, int per) {
    StringBuilder sb = new StringBuilder();
    int n = 0;
    for (String w : words) {
      if (w.isBlank() || w.startsWith("#")) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(w.strip());
      if (++n % per == 0) {
        add(out, seen, id + ":" + n, sb.toString());
        sb.setLength(0);
      }
    }
    add(out, seen, id + ":" + n, sb.toString());
  }

  /**
   * RFC 4180 CSV: quoted fields with doubled quotes, newlines inside quotes. Deliberately a copy of
   * InjectionTrainer's parser: guardrails-diff.sh compiles this file into base trees of older commits, so it
   * may only call APIs every base has (InjectionTrainer.csv is package-private there).
   */
  static List<List<String>> csv(String s) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        cell.append(c);
      }
    }
    if (cell.length() > 0 || !row.isEmpty()) {
      row.add(cell.toString());
      rows.add(row);
    }
    return rows;
  }

  /** The value of the first {@code "text"} key of a one-line JSON object. */
  static String jsonText(String line) {
    int k = line.indexOf("\"text\"");
    if (k < 0) {
      return null;
    }
    int i = line.indexOf('"', line.indexOf(':', k) + 1);
    if (i < 0) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    return unescape(line, i + 1, '"', sb) < 0 ? null : sb.toString();
  }

  /** Unescapes a Java/JSON string body from {@code i} to the closing {@code quote}. @return index after it, -1 if none */
  static int unescape(String s, int i, char quote, StringBuilder sb) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == quote) {
        return i + 1;
      }
      if (c == '\n') {
        return -1;
      }
      if (c == '\\' && i + 1 < s.length()) {
        char e = s.charAt(i + 1);
        i += 2;
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 's' -> sb.append(' ');
          case 'u' -> {
            while (i < s.length() && s.charAt(i) == 'u') {
              i++;
            }
            if (i + 4 <= s.length()) {
              try {
                sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
              } catch (NumberFormatException ex) {
                return -1;
              }
              i += 4;
            }
          }
          default -> sb.append(e);
        }
        continue;
      }
      sb.append(c);
      i++;
    }
    return -1;
  }

  /** String literals of a Java source, and each line (and each '|' cell) of its text blocks. */
  static List<String> javaStrings(String src) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '/' && i + 1 < src.length() && src.charAt(i + 1) == '/') {
        int nl = src.indexOf('\n', i);
        i = nl < 0 ? src.length() : nl + 1;
      } else if (c == '/' && i + 1 < src.length() && src.charAt(i + 1) == '*') {
        int e = src.indexOf("*/", i + 2);
        i = e < 0 ? src.length() : e + 2;
      } else if (c == '\'') {
        int e = i + 1;
        while (e < src.length() && src.charAt(e) != '\'') {
          e += src.charAt(e) == '\\' ? 2 : 1;
        }
        i = e + 1;
      } else if (src.startsWith("\"\"\"", i)) {
        int e = src.indexOf("\"\"\"", i + 3);
        if (e < 0) {
          break;
        }
        for (String line : src.substring(i + 3, e).split("\n")) {
          String l = line.strip();
          if (l.isEmpty()) {
            continue;
          }
          StringBuilder sb = new StringBuilder();
          unescape(l + "\u0001", 0, '\u0001', sb);
          out.add(sb.toString());
          if (l.indexOf('|') >= 0) {
            for (String cell : sb.toString().split("\\|")) {
              out.add(cell.strip());
            }
          }
        }
        i = e + 3;
      } else if (c == '"') {
        StringBuilder sb = new StringBuilder();
        int e = unescape(src, i + 1, '"', sb);
        if (e < 0) {
          i++;
        } else {
          out.add(sb.toString());
          i = e;
        }
      } else {
        i++;
      }
    }
    return out;
  }

  /** Expands a lexicon line's {@code (a|b|c)} groups, choosing alternative {@code k mod n} in each. */
  static String expand(String line, int k) {
    StringBuilder sb = new StringBuilder();
    expand(line, 0, k, sb, false);
    return sb.toString().replaceAll(" +", " ").strip();
  }

  private static int expand(String s, int i, int k, StringBuilder sb, boolean inGroup) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '(') {
        List<StringBuilder> alts = new ArrayList<>();
        StringBuilder alt = new StringBuilder();
        i++;
        while (i < s.length()) {
          i = expand(s, i, k, alt, true);
          alts.add(alt);
          alt = new StringBuilder();
          if (i < s.length() && s.charAt(i) == '|') {
            i++;
            continue;
          }
          i++;
          break;
        }
        sb.append(alts.get(k % alts.size()));
      } else if (inGroup && (c == '|' || c == ')')) {
        return i;
      } else {
        sb.append(c);
        i++;
      }
    }
    return i;
  }

  static String stripMarks(String s) {
    String d = Normalizer.normalize(s, Normalizer.Form.NFD);
    StringBuilder sb = new StringBuilder(d.length());
    for (int i = 0; i < d.length(); i++) {
      char c = d.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      sb.append(c == 'đ' ? 'd' : c == 'Đ' ? 'D' : c);
    }
    return Normalizer.normalize(sb.toString(), Normalizer.Form.NFC);
  }

  /** Vietnamese text as Telex keystrokes: aa/ee/oo, aw/ow/uw, dd, and the tone key after the word. */
  static String telex(String s) {
    String d = Normalizer.normalize(s, Normalizer.Form.NFD);
    StringBuilder sb = new StringBuilder(d.length() + 16);
    char tone = 0;
    for (int i = 0; i < d.length(); i++) {
      char c = d.charAt(i);
      char prev = sb.length() > 0 ? sb.charAt(sb.length() - 1) : 0;
      switch (c) {
        case '\u0302' -> sb.append(prev);
        case '\u0306', '\u031B' -> sb.append(Character.isUpperCase(prev) ? 'W' : 'w');
        case '\u0301' -> tone = 's';
        case '\u0300' -> tone = 'f';
        case '\u0309' -> tone = 'r';
        case '\u0303' -> tone = 'x';
        case '\u0323' -> tone = 'j';
        default -> {
          if (!Character.isLetter(c) && tone != 0) {
            sb.append(tone);
            tone = 0;
          }
          if (c == 'đ') {
            sb.append("dd");
          } else if (c == 'Đ') {
            sb.append("DD");
          } else {
            sb.append(c);
          }
        }
      }
    }
    if (tone != 0) {
      sb.append(tone);
    }
    return sb.toString();
  }

  /** A seeded random obfuscation of a text: stretched letters, markup, separators, case, entities. */
  static String mutate(String s) {
    Random r = new Random(s.hashCode());
    StringBuilder sb = new StringBuilder(s.length() + 32);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int roll = r.nextInt(100);
      if (Character.isLetter(c) && roll < 3) {
        sb.append(c).append(c).append(c);
      } else if (Character.isLetter(c) && roll < 5) {
        sb.append(c).append(r.nextBoolean() ? "**" : ".");
      } else if (Character.isLetter(c) && roll < 7) {
        sb.append(c).append(' ');
      } else if (Character.isLetter(c) && roll < 12) {
        sb.append(Character.toUpperCase(c));
      } else if (c == ' ' && roll < 4) {
        sb.append(r.nextBoolean() ? "&nbsp;" : "_");
      } else if (c == 'o' && roll < 20) {
        sb.append('0');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static String benchReply() {
    String base = "Chào bạn! Mình là Linh, trợ lý AI của Lumière 🌿 Kem chống nắng SPF50 PA++++, 50 ml, giá 390.000đ, dùng hằng ngày "
        + "và thoa lại sau 2 giờ khi ở ngoài trời nhé. Our SPF50 sunscreen is lightweight, non-greasy and works well under makeup; "
        + "for oily skin try the gel texture. Very secure packaging, and the manicure kit is back in stock. Da bạn chưa khỏi mụn thì "
        + "kiên trì thêm nhé, mình đi sửa chữa khỏi phải lo. You can order at https://www.lumiere.example/spf50 or ask me anything "
        + "about ingredients: niacinamide, vitamin C, vitamin E. Results may vary; consistent use helps. Cảm ơn bạn đã tin tưởng "
        + "Lumière! Free shipping on orders over 500.000đ, returns within 30 days. ";
    return repeat(base);
  }

  static String benchMessage() {
    String q = "Chào shop, mình da dầu hay bị mụn ẩn ở cằm, đang dùng BHA 2% buổi tối và kem dưỡng mỏng nhẹ. Kem chống nắng SPF50 "
        + "có hợp da mình không, có bị bít lỗ chân lông không? Hi, I also wanted to ask whether the gel texture leaves a white cast "
        + "and how often I should reapply when I'm outdoors most of the day. Giá 390.000đ có kèm quà không, ship về Đà Nẵng "
        + "mất mấy ngày vậy? Cảm ơn shop nhiều nha! ";
    return repeat(q);
  }

  private static String repeat(String base) {
    StringBuilder r = new StringBuilder(base);
    while (r.length() < 1024) {
      r.append(base);
    }
    return r.substring(0, 1024);
  }
}
