package com.personaruntime.guardrails.rails.lexicon;

import java.util.Arrays;
import java.util.List;

/*
 * Aho–Corasick automaton over normalised text, in compact arrays (the shipped lexicons expand to
 * tens of thousands of phrases, so a dense DFA would cost tens of MB):
 *   - trie built with an open-addressing hash (state, char) -> child, then frozen into CSR arrays
 *     (per state: a sorted run of child chars and child states); the root uses a direct table;
 *   - failure links and dictionary-suffix links computed breadth-first;
 *   - outputs (pattern ids ending at a state) in CSR arrays.
 * A scan does amortised O(1) transitions per char, so its cost does not grow with the number of
 * patterns, only with the number of matches reported.
 *
 * Terms count only at word boundaries, so the lexicon rail uses scanWordStarts: the trie (children
 * packed into one long[] per probe) is walked from each word start for as long as the text follows
 * it. On real text a walk ends after a few characters, and it touches a few cache lines instead of
 * the child, failure and output arrays at every character (the shipped automaton has about 580,000
 * states, far larger than the caches). Its steps are capped at 8 per character plus 64; past that
 * (text built to follow long patterns from many starts) it falls back to the linear scan above.
 */
final class AhoCorasick {
  interface Hit {
    void hit(int pattern, int end);
  }

  private final int[] rootNext = new int[128];
  private final int[] childStart;
  /** Construction only (then packed into {@link #kids} and dropped). */
  private char[] childChar;
  private int[] childState;
  private final int[] fail;
  private final int[] dict;
  private final int[] outStart;
  private final int[] outPattern;
  private final int[] patternLength;
  /** Every pattern's chars, one after the other, and where each starts (for {@link #matchesAt}). */
  private final char[] patternChars;
  private final int[] patternStart;
  private final int states;
  /** Children packed as (char << 32 | state), sorted by char within a state's run: one array, one cache line per probe. */
  private final long[] kids;

  AhoCorasick(List<String> patterns) {
    patternLength = new int[patterns.size()];
    patternStart = new int[patterns.size()];
    int chars = 0;
    for (String p : patterns) {
      chars += p.length();
    }
    patternChars = new char[chars];
    chars = 0;
    for (int p = 0; p < patterns.size(); p++) {
      String s = patterns.get(p);
      patternStart[p] = chars;
      s.getChars(0, s.length(), patternChars, chars);
      chars += s.length();
    }
    // ---- trie via hash (key = state << 16 | char)
    int total = 1;
    for (String p : patterns) {
      total += p.length();
    }
    int cap = Integer.highestOneBit(Math.max(16, total * 2)) << 1;
    long[] keys = new long[cap];
    int[] vals = new int[cap];
    Arrays.fill(keys, -1L);
    int mask = cap - 1;
    int n = 1;
    int[] parent = new int[total];
    char[] via = new char[total];
    int[] ownCount = new int[total];
    int[] endState = new int[patterns.size()];
    for (int p = 0; p < patterns.size(); p++) {
      String s = patterns.get(p);
      patternLength[p] = s.length();
      int st = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        long key = ((long) st << 16) | c;
        int h = (int) (mix(key) & mask);
        while (keys[h] != -1L && keys[h] != key) {
          h = (h + 1) & mask;
        }
        if (keys[h] == key) {
          st = vals[h];
        } else {
          keys[h] = key;
          vals[h] = n;
          parent[n] = st;
          via[n] = c;
          st = n++;
        }
      }
      endState[p] = st;
      ownCount[st]++;
    }
    states = n;
    // ---- CSR children: count per parent, then fill sorted by char
    childStart = new int[n + 1];
    for (int s = 1; s < n; s++) {
      childStart[parent[s] + 1]++;
    }
    for (int s = 0; s < n; s++) {
      childStart[s + 1] += childStart[s];
    }
    childChar = new char[Math.max(0, n - 1)];
    childState = new int[Math.max(0, n - 1)];
    int[] fill = Arrays.copyOf(childStart, n);
    for (int s = 1; s < n; s++) {
      int at = fill[parent[s]]++;
      childChar[at] = via[s];
      childState[at] = s;
    }
    for (int s = 0; s < n; s++) {
      sortRun(childStart[s], childStart[s + 1]);
    }
    kids = new long[childChar.length];
    for (int k = 0; k < kids.length; k++) {
      kids[k] = ((long) childChar[k] << 32) | childState[k];
    }
    Arrays.fill(rootNext, 0);
    for (int k = childStart[0]; k < childStart[1]; k++) {
      if (childChar[k] < 128) {
        rootNext[childChar[k]] = childState[k];
      }
    }
    // ---- outputs CSR
    outStart = new int[n + 1];
    for (int s = 0; s < n; s++) {
      outStart[s + 1] = outStart[s] + ownCount[s];
    }
    outPattern = new int[patterns.size()];
    int[] ofill = Arrays.copyOf(outStart, n);
    for (int p = 0; p < patterns.size(); p++) {
      outPattern[ofill[endState[p]]++] = p;
    }
    // ---- failure and dictionary links, breadth-first (states in BFS order via queue array)
    fail = new int[n];
    dict = new int[n];
    int[] queue = new int[n];
    int qh = 0;
    int qt = 0;
    for (int k = childStart[0]; k < childStart[1]; k++) {
      int c = childState[k];
      fail[c] = 0;
      dict[c] = 0;
      queue[qt++] = c;
    }
    while (qh < qt) {
      int s = queue[qh++];
      for (int k = childStart[s]; k < childStart[s + 1]; k++) {
        int c = childState[k];
        char ch = childChar[k];
        int f = fail[s];
        int nx;
        while (true) {
          nx = next(f, ch);
          if (nx >= 0 || f == 0) {
            break;
          }
          f = fail[f];
        }
        fail[c] = nx >= 0 && nx != c ? nx : 0;
        int fc = fail[c];
        dict[c] = outStart[fc + 1] > outStart[fc] ? fc : dict[fc];
        queue[qt++] = c;
      }
    }
    childChar = null; // packed into kids
    childState = null;
  }

  private static long mix(long k) {
    k ^= (k >>> 33);
    k *= 0xff51afd7ed558ccdL;
    k ^= (k >>> 33);
    return k;
  }

  private void sortRun(int from, int to) {
    for (int i = from + 1; i < to; i++) {
      char c = childChar[i];
      int s = childState[i];
      int j = i - 1;
      while (j >= from && childChar[j] > c) {
        childChar[j + 1] = childChar[j];
        childState[j + 1] = childState[j];
        j--;
      }
      childChar[j + 1] = c;
      childState[j + 1] = s;
    }
  }

  /** @return the child of {@code s} on {@code c}, or -1 */
  private int next(int s, char c) {
    return kid(s, c);
  }


  /** @return the child of {@code s} on {@code c} via the packed arrays, or -1 */
  private int kid(int s, char c) {
    if (s == 0) {
      if (c < 128) {
        int r = rootNext[c];
        return r == 0 ? -1 : r;
      }
    }
    int lo = childStart[s];
    int hi = childStart[s + 1] - 1;
    while (hi - lo >= 8) {
      int mid = (lo + hi) >>> 1;
      char x = (char) (kids[mid] >>> 32);
      if (x < c) {
        lo = mid + 1;
      } else if (x > c) {
        hi = mid - 1;
      } else {
        return (int) kids[mid];
      }
    }
    for (int k = lo; k <= hi; k++) {
      long e = kids[k];
      char x = (char) (e >>> 32);
      if (x == c) {
        return (int) e;
      }
      if (x > c) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * Reports every occurrence (pattern id, exclusive end) in {@code text[0, len)} that STARTS at a
   * word start: position 0 or just after one of the separators {@code sep1}, {@code sep2}. The same
   * occurrences {@link #scan} reports, restricted to those starts, in start order (by end within a
   * start).
   *
   * <p>Cost: the trie is walked from each word start only as far as the text follows it, which on
   * real text is a few characters, and touches far less memory than following failure links at
   * every character. The walk is bounded: when the steps exceed {@code 8 * len + 64} (adversarial
   * text that follows long patterns from many starts), it stops and the linear Aho–Corasick scan
   * runs instead, so the cost stays linear in the text whatever it holds.
   *
   * @param buf scratch for the hits found before a fallback, at least 2 ints (grown as needed)
   * @return {@code buf}, or a larger replacement of it
   */
  int[] scanWordStarts(char[] text, int len, char sep1, char sep2, Hit hit, int[] buf) {
    long budget = 8L * len + 64;
    int n = 0;
    for (int i = 0; i < len; i++) {
      if (i > 0 && text[i - 1] != sep1 && text[i - 1] != sep2) {
        continue;
      }
      int st = 0;
      for (int j = i; j < len; j++) {
        if (--budget < 0) {
          scan(text, len, hit);
          return buf;
        }
        st = kid(st, text[j]);
        if (st < 0) {
          break;
        }
        int o = outStart[st];
        int oEnd = outStart[st + 1];
        if (o < oEnd) {
          for (int k = o; k < oEnd; k++) {
            if (n + 2 > buf.length) {
              buf = Arrays.copyOf(buf, buf.length * 2 + 2);
            }
            buf[n++] = outPattern[k];
            buf[n++] = j + 1;
          }
        }
      }
    }
    for (int k = 0; k < n; k += 2) {
      hit.hit(buf[k], buf[k + 1]);
    }
    return buf;
  }

  /** An occurrence in a text with some spaces dropped, by its offsets in the text itself. */
  interface SpanHit {
    void hit(int pattern, int start, int end);
  }

  /**
   * The occurrences {@link #scan} would report, in its order (by end, longest first), in the text
   * {@code text} would be with the single spaces after the words {@code k} with {@code drop[k]}
   * removed — restricted to those of {@code minLen .. maxLen} chars that start at a
   * word start and span a removed space (the caller's interest: names written in pieces). Patterns
   * never start or end with a separator nor hold two in a row, so a walk starts at word starts and
   * stops at a separator that is not a single space. Reported with their offsets in {@code text}.
   * Cost: at most {@code maxLen} trie steps per word, plus sorting the hits.
   *
   * @param sc scratch for the hits (grown as needed)
   */
  void scanJoined(char[] text, WordTrie.Words words, boolean[] drop, int minLen, int maxLen, SpanHit hit, HitScratch sc) {
    int[] ws = words.ws;
    int[] we = words.we;
    boolean[] joined = words.joined;
    int nw = words.n;
    int n = 0;
    int[] two = maxLen >= 2 ? twoLetters() : null;
    for (int k = 0; k < nw; k++) {
      if (!joined[k]) {
        continue; // the walk ends with this word, before any dropped space
      }
      int st = 0;
      int l = 0;
      boolean passed = false;
      int j = k;
      int from = ws[k];
      if (two != null && we[k] - from >= 2) {
        // the word's first two letters from the root in one read (nothing is reported before a dropped space)
        int a = TWO_INDEX[Math.min(text[from], (char) 127)];
        int b = TWO_INDEX[Math.min(text[from + 1], (char) 127)];
        if (a >= 0 && b >= 0) {
          st = two[a * TWO_LETTERS + b];
          if (st < 0) {
            continue;
          }
          l = 2;
          from += 2;
        }
      }
      walk:
      while (true) {
        for (int i = j == k ? from : ws[j]; i < we[j]; i++) {
          if (l == maxLen || (st = kid(st, text[i])) < 0) {
            break walk;
          }
          l++;
          if (passed && l >= minLen && outStart[st] < outStart[st + 1]) {
            if (n == sc.ends.length) {
              sc.grow();
            }
            sc.ends[n] = i + 1;
            sc.lens[n] = l;
            sc.starts[n] = ws[k];
            sc.states[n] = st;
            sc.order[n] = n;
            n++;
          }
        }
        if (!joined[j]) {
          break;
        }
        if (drop[j]) {
          passed = true;
        } else {
          if (l == maxLen || (st = kid(st, ' ')) < 0) {
            break;
          }
          l++; // no pattern ends with a space: nothing to report here
        }
        j++;
      }
    }
    if (n == 0) {
      return;
    }
    sc.sort(n); // by end, then longest first
    for (int q = 0; q < n; q++) {
      int h = sc.order[q];
      int st = sc.states[h];
      for (int o = outStart[st]; o < outStart[st + 1]; o++) {
        hit.hit(outPattern[o], sc.starts[h], sc.ends[h]);
      }
    }
  }

  /** Chars of {@link #twoLetters}' table: a-z and 0-9 (the normalised text's word chars, but for a few others). */
  private static final int TWO_LETTERS = 36;
  /** Index of an ASCII char in {@link #twoLetters}' table, or -1. */
  private static final int[] TWO_INDEX = new int[128];

  static {
    Arrays.fill(TWO_INDEX, -1);
    for (char c = 'a'; c <= 'z'; c++) {
      TWO_INDEX[c] = c - 'a';
    }
    for (char c = '0'; c <= '9'; c++) {
      TWO_INDEX[c] = 26 + c - '0';
    }
  }

  /** {@link #twoLetters}, built on first use (5 KB; a racing builder makes the same table; volatile: published whole). */
  private volatile int[] two;

  /**
   * The state after two chars of {@link #TWO_LETTERS} from the root, at {@code a * TWO_LETTERS + b} for the chars of
   * indexes a and b ({@link #TWO_INDEX}), or -1 when the trie has no such path: what two {@link #kid} steps give.
   */
  private int[] twoLetters() {
    int[] t = two;
    if (t == null) {
      t = new int[TWO_LETTERS * TWO_LETTERS];
      char[] chars = new char[TWO_LETTERS];
      for (char c = 0; c < 128; c++) {
        if (TWO_INDEX[c] >= 0) {
          chars[TWO_INDEX[c]] = c;
        }
      }
      for (int a = 0; a < TWO_LETTERS; a++) {
        int s1 = kid(0, chars[a]);
        for (int b = 0; b < TWO_LETTERS; b++) {
          t[a * TWO_LETTERS + b] = s1 < 0 ? -1 : kid(s1, chars[b]);
        }
      }
      two = t;
    }
    return t;
  }

  /** Most walks {@link #scanSqueezed} follows at once (a letter typed twice either taken or skipped). */
  private static final int SQUEEZE_WALKS = 8;

  /**
   * Occurrences of patterns of at most {@code maxLen} chars in the text with letters typed twice read once: walks
   * from each word start over the words of one sentence ({@code words.joined}, single spaces) where a char that
   * repeats the char before it may be skipped (at most once after each char taken, so a hit spans at most twice its
   * pattern's length). Both ways are followed, the char taken and skipped ("cupfull": the trie may go on with a second
   * "l" that leads nowhere), at most {@link #SQUEEZE_WALKS} walks at once. Only hits that skipped a char are reported
   * ("gloww coo" for "glow co", "cupfull coffee" for "cupful coffee"; a plain hit is the plain pass's), ending at a
   * word end. Cost: at most {@code 2 * maxLen} chars per word start, each stepping at most {@link #SQUEEZE_WALKS}
   * walks, so linear.
   *
   * <p>A walk reports only after a skip, and it can skip only at a repeated char it reaches: before its first skip it has
   * read every char from its word start (single spaces included), one pattern char each, so a repeated char more than
   * {@code maxLen} chars on, or none before the sentence's words end, leaves nothing to report from that word start,
   * and the walk is not started ({@link #squeezeReach}: one pass over the words, from the last).
   */
  void scanSqueezed(char[] text, WordTrie.Words words, int maxLen, SpanHit hit) {
    scanSqueezed(text, words, maxLen, hit, true);
  }

  /** {@link #scanSqueezed(char[], WordTrie.Words, int, SpanHit)}; {@code screen} false walks from every word start (tests). */
  void scanSqueezed(char[] text, WordTrie.Words words, int maxLen, SpanHit hit, boolean screen) {
    int[] ws = words.ws;
    int[] we = words.we;
    boolean[] joined = words.joined;
    int[] st = new int[SQUEEZE_WALKS];
    int[] len = new int[SQUEEZE_WALKS];
    int[] flags = new int[SQUEEZE_WALKS]; // 1: skipped a char, 2: the last char was skipped
    int[] nst = new int[SQUEEZE_WALKS];
    int[] nlen = new int[SQUEEZE_WALKS];
    int[] nflags = new int[SQUEEZE_WALKS];
    int[] reach = screen ? squeezeReach(text, words) : null;
    for (int k = 0; k < words.n; k++) {
      if (screen && (reach[k] < 0 || reach[k] - ws[k] > maxLen)) {
        continue; // no repeated char within maxLen chars of this word start, in its words of one sentence
      }
      int n = 1;
      st[0] = 0;
      len[0] = 0;
      flags[0] = 0;
      int j = k;
      walk:
      while (true) {
        for (int i = ws[j]; i < we[j]; i++) {
          char c = text[i];
          boolean repeat = i > ws[j] && text[i - 1] == c;
          int m = 0;
          for (int q = 0; q < n; q++) {
            int nx = len[q] == maxLen ? -1 : kid(st[q], c);
            if (nx >= 0 && m < SQUEEZE_WALKS) {
              nst[m] = nx;
              nlen[m] = len[q] + 1;
              nflags[m++] = flags[q] & 1;
            }
            if (repeat && (flags[q] & 2) == 0 && m < SQUEEZE_WALKS) {
              nst[m] = st[q];
              nlen[m] = len[q];
              nflags[m++] = 3;
            }
          }
          if (m == 0) {
            break walk;
          }
          int[] t = st;
          st = nst;
          nst = t;
          t = len;
          len = nlen;
          nlen = t;
          t = flags;
          flags = nflags;
          nflags = t;
          n = m;
          if (i + 1 == we[j]) {
            for (int q = 0; q < n; q++) {
              if ((flags[q] & 1) != 0) {
                for (int o = outStart[st[q]]; o < outStart[st[q] + 1]; o++) {
                  hit.hit(outPattern[o], ws[k], i + 1);
                }
              }
            }
          }
        }
        if (j + 1 >= words.n || !joined[j]) {
          break;
        }
        int m = 0;
        for (int q = 0; q < n; q++) {
          int nx = len[q] == maxLen ? -1 : kid(st[q], ' ');
          if (nx >= 0) {
            st[m] = nx;
            len[m] = len[q] + 1;
            flags[m++] = flags[q] & 1;
          }
        }
        if (m == 0) {
          break;
        }
        n = m;
        j++;
      }
    }
  }

  /** Per-thread scratch of {@link #squeezeReach}. */
  private static final ThreadLocal<int[][]> SQUEEZE_REACH = ThreadLocal.withInitial(() -> new int[][] {new int[64]});

  /**
   * Per word k of {@code words}: the offset of the first char at or after its start that repeats the char before it in
   * the same word ({@link #scanSqueezed}'s only places to skip), looked for in word k and the words that follow it
   * after single spaces ({@code words.joined}), or -1 when there is none. One pass from the last word; the array is
   * per-thread scratch (valid for {@code words.n} entries until the next call).
   */
  private static int[] squeezeReach(char[] text, WordTrie.Words words) {
    int[][] holder = SQUEEZE_REACH.get();
    int[] reach = holder[0];
    if (reach.length < words.n) {
      reach = new int[Math.max(words.n, reach.length * 2)];
      if (words.n <= 8192) {
        holder[0] = reach;
      }
    }
    int next = -1;
    for (int k = words.n - 1; k >= 0; k--) {
      if (!words.joined[k]) {
        next = -1; // a walk from word k does not go past it
      }
      int first = -1;
      for (int i = words.ws[k] + 1; i < words.we[k]; i++) {
        if (text[i] == text[i - 1]) {
          first = i;
          break;
        }
      }
      next = first >= 0 ? first : next;
      reach[k] = next;
    }
    return reach;
  }

  /** Scratch of {@link #scanJoined}: each hit's end, length, start and state, and their order. */
  static final class HitScratch {
    int[] ends = new int[16];
    int[] lens = new int[16];
    int[] starts = new int[16];
    int[] states = new int[16];
    int[] order = new int[16];
    private int[] tmp = new int[16];

    void grow() {
      int cap = ends.length * 2;
      ends = Arrays.copyOf(ends, cap);
      lens = Arrays.copyOf(lens, cap);
      starts = Arrays.copyOf(starts, cap);
      states = Arrays.copyOf(states, cap);
      order = Arrays.copyOf(order, cap);
      tmp = new int[cap];
    }

    /** True when hit a comes before hit b: smaller end, or the same end and longer. */
    private boolean before(int a, int b) {
      return ends[a] < ends[b] || (ends[a] == ends[b] && lens[a] > lens[b]);
    }

    /** Sorts order[0, n) (a stable merge sort: O(n log n) whatever the hits). */
    void sort(int n) {
      for (int width = 1; width < n; width *= 2) {
        for (int lo = 0; lo < n - width; lo += 2 * width) {
          int mid = lo + width;
          int hi = Math.min(lo + 2 * width, n);
          int i = lo;
          int j = mid;
          int k = lo;
          while (i < mid && j < hi) {
            tmp[k++] = before(order[j], order[i]) ? order[j++] : order[i++];
          }
          while (i < mid) {
            tmp[k++] = order[i++];
          }
          while (j < hi) {
            tmp[k++] = order[j++];
          }
          System.arraycopy(tmp, lo, order, lo, hi - lo);
        }
      }
    }
  }

  int patternLength(int p) {
    return patternLength[p];
  }

  /**
   * True when pattern {@code p} occurs exactly at {@code text[start, end)}: its chars compared with
   * the pattern's (one contiguous read; what a trie walk over those chars would answer, without the
   * binary searches through a large automaton).
   */
  boolean matchesAt(char[] text, int start, int end, int p) {
    if (end - start != patternLength[p]) {
      return false;
    }
    int o = patternStart[p];
    for (int i = start; i < end; i++) {
      if (text[i] != patternChars[o++]) {
        return false;
      }
    }
    return true;
  }

  int states() {
    return states;
  }

  /** Reports every occurrence (pattern id, exclusive end) in {@code text[0, len)}. */
  void scan(char[] text, int len, Hit hit) {
    int st = 0;
    for (int i = 0; i < len; i++) {
      char ch = text[i];
      while (true) {
        int nx = next(st, ch);
        if (nx >= 0) {
          st = nx;
          break;
        }
        if (st == 0) {
          break;
        }
        st = fail[st];
      }
      int s = st;
      if (outStart[s + 1] == outStart[s]) {
        s = dict[s];
      }
      while (s != 0) {
        for (int k = outStart[s]; k < outStart[s + 1]; k++) {
          hit.hit(outPattern[k], i + 1);
        }
        s = dict[s];
      }
    }
  }
}
