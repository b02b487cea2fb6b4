package com.personaruntime.guardrails.rails.lexicon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/*
 * Shipped lexicons: UTF-8 text files under com/personaruntime/guardrails/rails/lexicon/, one entry per
 * line. "# " starts a comment (a line starting with '#' followed by a letter is a hashtag term).
 * An entry may hold alternation groups "(a|b|)" (the empty alternative makes the group optional),
 * expanded into every combination. A line starting with "re:" is a Java regex over the
 * NORMALISED text (lower case, no diacritics, single spaces) with bounded repetition only.
 * A proximity entry {@code A ~N~ B} matches phrase A, then at most N words, then phrase B within
 * one sentence (A and B may hold alternation groups): "lowers ~3~ (cholesterol|blood pressure)".
 * {@code A ~?N~ B} may also cross a topic question: A in a sentence of at most
 * {@link com.personaruntime.guardrails.text.TextNormalizer#TOPIC_QUESTION_WORDS} words that ends with
 * a question mark, B in the next sentence ("Eczema? Not anymore!", "Mụn? Hết luôn!").
 *
 * {@code {name}} in an entry stands for the alternation of the entries of {@code lists/name.txt}.
 *
 * Lexicons are read once per JVM, when a policy is first compiled; checks do no I/O.
 */
final class Lexicons {
  static final String ROOT = "/com/personaruntime/guardrails/rails/lexicon/";
  /** Prefix of a proximity entry as returned by {@link #load}: gap, NUL, raw A, NUL, raw B. */
  static final String NEAR = "near:";
  private static final java.util.regex.Pattern NEAR_SPLIT = java.util.regex.Pattern.compile("\\s+~(\\??\\d{1,2})~\\s+");
  private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

  private Lexicons() {
  }

  /**
   * A lexicon's entries, expanded; regex entries keep their "re:" prefix. Missing file -> empty. Read anew on
   * each call, not cached: the shipped set reads each file once per JVM, and its ~350,000 expanded entries
   * would otherwise stay on the heap (~30 MB) beside the compiled automaton.
   */
  static List<String> load(String path) {
    return read(path);
  }

  static boolean exists(String path) {
    return Lexicons.class.getResource(ROOT + path) != null;
  }

  private static List<String> read(String path) {
    return read(path, Map.of());
  }

  /**
   * A template lexicon's entries, expanded, with every slot word ({@code @be}, {@code @i}) replaced
   * by its value from {@code slots} before expansion (a value may hold a group: "(i m|im|i am)").
   * Not cached: the persona's names give each policy its own values. Missing file -> empty.
   *
   * @throws IllegalArgumentException when an entry keeps a slot word that {@code slots} lacks
   */
  static List<String> loadTemplate(String path, Map<String, String> slots) {
    return read(path, slots);
  }

  /** Slot words of template lexicons: an '@' and lower-case letters. */
  private static final java.util.regex.Pattern SLOT = java.util.regex.Pattern.compile("@[a-z]+");

  private static List<String> read(String path, Map<String, String> slots) {
    InputStream in = Lexicons.class.getResourceAsStream(ROOT + path);
    if (in == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String raw = stripComment(line).trim();
        if (!slots.isEmpty() && raw.indexOf('@') >= 0) {
          java.util.regex.Matcher sm = SLOT.matcher(raw);
          StringBuilder sb = new StringBuilder();
          while (sm.find()) {
            String v = slots.get(sm.group());
            if (v == null) {
              throw new IllegalArgumentException("lexicon " + path + ": entry '" + raw + "' has the unknown slot " + sm.group());
            }
            sm.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(v));
          }
          sm.appendTail(sb);
          raw = sb.toString();
        }
        entry(includeLists(raw, path), out, path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading lexicon " + path, e);
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Adds one entry line (lists already included) of lexicon {@code path} to {@code out} as {@link #load} returns it.
   *
   * @throws IllegalArgumentException when a proximity entry has more than one {@code ~N~} gap
   */
  private static void entry(String t, List<String> out, String path) {
    if (t.isEmpty()) {
      return;
    }
    java.util.regex.Matcher nm = NEAR_SPLIT.matcher(t);
    if (t.startsWith("re:")) {
      out.add(t);
    } else if (nm.find()) {
      if (nm.find(nm.end())) {
        throw new IllegalArgumentException("lexicon " + path + ": entry '" + t + "' has more than one ~N~ gap (a proximity"
            + " entry is two parts, 'A ~N~ B'; a third part would never match)");
      }
      nm.find(0);
      out.add(NEAR + nm.group(1) + "\u0000" + t.substring(0, nm.start()) + "\u0000" + t.substring(nm.end()));
    } else {
      out.addAll(expand(t));
    }
  }

  /**
   * A block of a paraphrase file ({@code paraphrases/families.txt}): the normalised persona terms that select it
   * ({@code keys}) and its entries, processed as {@link #load} returns them.
   */
  record Block(java.util.Set<String> keys, List<String> entries) {
  }

  private static final Map<String, List<Block>> BLOCKS = new ConcurrentHashMap<>();

  /**
   * The blocks of a paraphrase file: a line starting with {@code "= "} opens a block and lists its keys
   * ({@code |} between keys outside groups; groups expand), the lines after it are its entries. Read once per JVM.
   *
   * @throws IllegalArgumentException when an entry comes before the first block's keys
   */
  static List<Block> blocks(String path) {
    return BLOCKS.computeIfAbsent(path, Lexicons::readBlocks);
  }

  private static List<Block> readBlocks(String path) {
    InputStream in = Lexicons.class.getResourceAsStream(ROOT + path);
    if (in == null) {
      return List.of();
    }
    List<Block> out = new ArrayList<>();
    java.util.Set<String> keys = null;
    List<String> entries = null;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        String raw = stripComment(line).trim();
        if (raw.isEmpty()) {
          continue;
        }
        if (raw.startsWith("= ")) {
          if (keys != null) {
            out.add(new Block(java.util.Set.copyOf(keys), List.copyOf(entries)));
          }
          keys = new java.util.HashSet<>();
          entries = new ArrayList<>();
          for (String k : splitTop(raw.substring(2))) {
            for (String e : expand(k)) {
              keys.add(com.personaruntime.guardrails.text.TextNormalizer.normalize(e).toString()
                  .replace(com.personaruntime.guardrails.text.TextNormalizer.BREAK, ' ').trim());
            }
          }
          continue;
        }
        if (entries == null) {
          throw new IllegalArgumentException("lexicon " + path + " line " + no + ": an entry before the first '= keys' line");
        }
        entry(includeLists(raw, path), entries, path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading lexicon " + path, e);
    }
    if (keys != null) {
      out.add(new Block(java.util.Set.copyOf(keys), List.copyOf(entries)));
    }
    return Collections.unmodifiableList(out);
  }

  /** Splits at the {@code |} that lie outside parentheses ("a (b|c) | d" -> "a (b|c)", "d"). */
  private static List<String> splitTop(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        out.add(s.substring(from, i).trim());
        from = i + 1;
      }
    }
    out.add(s.substring(from).trim());
    return out;
  }

  private static final java.util.regex.Pattern LIST_REF = java.util.regex.Pattern.compile("\\{([a-z0-9_.-]+)}");

  /**
   * Replaces every {@code {name}} of an entry by the alternation of the lines of {@code lists/name.txt}
   * ("(diabetes|eczema|...)"), so one list of conditions serves many entries.
   */
  static String includeLists(String entry, String path) {
    if (entry.indexOf('{') < 0) {
      return entry;
    }
    java.util.regex.Matcher m = LIST_REF.matcher(entry);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String list = "lists/" + m.group(1) + ".txt";
      if (!exists(list)) {
        throw new IllegalArgumentException("lexicon " + path + ": entry '" + entry + "' names the missing list " + list);
      }
      m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement("(" + String.join("|", listLines(list)) + ")"));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The entries of a list file as written (groups unexpanded), comments and blank lines dropped. */
  private static List<String> listLines(String path) {
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(Lexicons.class.getResourceAsStream(ROOT + path),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String t = stripComment(line).trim();
        if (!t.isEmpty()) {
          out.add(t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading lexicon list " + path, e);
    }
    return out;
  }

  static String stripComment(String line) {
    String t = line.stripLeading();
    if (t.equals("#") || t.startsWith("# ") || t.startsWith("##")) {
      return "";
    }
    int i = line.indexOf(" # ");
    return i >= 0 ? line.substring(0, i) : line;
  }

  /** Expands "(a|b|)" groups (nesting allowed) into every combination. */
  static List<String> expand(String entry) {
    List<String> raw = expandRaw(entry, entry);
    List<String> out = new ArrayList<>(raw.size());
    for (String s : raw) {
      String t = SPACES.matcher(s).replaceAll(" ").trim();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  private static List<String> expandRaw(String part, String entry) {
    List<String> acc = new ArrayList<>();
    acc.add("");
    int i = 0;
    while (i < part.length()) {
      int open = part.indexOf('(', i);
      if (open < 0) {
        String lit = part.substring(i);
        acc.replaceAll(s -> s + lit);
        break;
      }
      int depth = 0;
      int close = -1;
      List<String> alts = new ArrayList<>();
      int altStart = open + 1;
      for (int k = open; k < part.length(); k++) {
        char c = part.charAt(k);
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
          if (depth == 0) {
            alts.add(part.substring(altStart, k));
            close = k;
            break;
          }
        } else if (c == '|' && depth == 1) {
          alts.add(part.substring(altStart, k));
          altStart = k + 1;
        }
      }
      if (close < 0) {
        throw new IllegalArgumentException("lexicon entry '" + entry + "': unclosed '('");
      }
      String lit = part.substring(i, open);
      List<String> next = new ArrayList<>();
      for (String a : acc) {
        for (String alt : alts) {
          for (String x : expandRaw(alt, entry)) {
            next.add(a + lit + x);
          }
        }
      }
      if (next.size() > 20_000) {
        throw new IllegalArgumentException("lexicon entry '" + entry + "' expands to more than 20000 terms");
      }
      acc = next;
      i = close + 1;
    }
    return acc;
  }
}
