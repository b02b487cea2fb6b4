package com.personaruntime.guardrails.rails.lexicon;

import java.util.Arrays;
import java.util.List;

/*
 * The lexicon rail's fast path: the same patterns as an AhoCorasick automaton, walked a WORD at a
 * time instead of a character at a time.
 *
 * A lexicon term counts only when it starts at a word start and ends at a word end of the
 * normalised text, and every pattern is words joined by single spaces. So a match is a run of
 * whole text words, each equal to the pattern's word at that place. The text's words are hashed
 * once per check (Words, shared by every TermSet), and the trie over pattern words is one
 * open-addressing table keyed by (state, word hash): a walk costs one probe per word instead of a
 * binary search per character through an automaton of ~600,000 states, most of them cache misses.
 * A 65,536-bit filter of the first words rejects most word starts without touching the table.
 *
 * Exactness: 64-bit word hashes can collide. The build refuses (returns null, and the caller keeps
 * the character walk) when two distinct pattern words, or two distinct (state, word) edges, share
 * a hash; and every match the word walk finds is confirmed character by character against the
 * automaton before it is reported, so a text word that merely collides with a pattern word is
 * never reported. The walk is bounded (budget as in AhoCorasick#scanWordStarts); past the budget
 * the caller falls back to the character walk, itself bounded and linear.
 */
final class WordTrie {
  /** Word ranges and hashes of one text (reused per thread). */
  static final class Words {
    int n;
    int[] ws = new int[64];
    int[] we = new int[64];
    long[] hash = new long[64];
    /** joined[i]: word i+1 follows word i after exactly one {@code sep1} (a pattern may continue across). */
    boolean[] joined = new boolean[64];

    /** Splits {@code text[0, len)} into words (maximal runs of chars other than sep1 and sep2) and hashes them. */
    Words of(char[] text, int len, char sep1, char sep2) {
      int k = 0;
      int i = 0;
      while (i < len) {
        char c = text[i];
        if (c == sep1 || c == sep2) {
          i++;
          continue;
        }
        int s = i;
        long h = H0;
        while (i < len && (c = text[i]) != sep1 && c != sep2) {
          h = (h ^ c) * PRIME;
          i++;
        }
        if (k == ws.length) {
          int cap = k * 2;
          ws = Arrays.copyOf(ws, cap);
          we = Arrays.copyOf(we, cap);
          hash = Arrays.copyOf(hash, cap);
          joined = Arrays.copyOf(joined, cap);
        }
        ws[k] = s;
        we[k] = i;
        hash[k] = fmix(h ^ (i - s));
        if (k > 0) {
          joined[k - 1] = ws[k] == we[k - 1] + 1 && text[we[k - 1]] == sep1;
        }
        k++;
      }
      if (k > 0) {
        joined[k - 1] = false;
      }
      n = k;
      return this;
    }
  }

  private static final long H0 = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;
  private static final long STATE_MUL = 0x9E3779B97F4A7C15L;

  /** Hash of the word {@code s[from, to)}, as {@link Words#of} computes it. */
  static long wordHash(CharSequence s, int from, int to) {
    long h = H0;
    for (int i = from; i < to; i++) {
      h = (h ^ s.charAt(i)) * PRIME;
    }
    return fmix(h ^ (to - from));
  }

  private static long fmix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  private static long edgeKey(int state, long wordHash) {
    long k = fmix(wordHash + (state + 1) * STATE_MUL);
    return k == 0 ? 1 : k;
  }

  /** Open addressing, two longs per slot: the edge key (0 = empty), then (pattern + 1) << 32 | child (0 = no children). */
  private final long[] table;
  private final int mask;
  /** Bit per (first-word hash >>> 48): some pattern starts with a word of that hash. */
  private final long[] firstWords = new long[1024];
  private final int maxWords;
  /**
   * The distinct pattern words, for checking a text word against the pattern word of its hash: open addressing
   * on the word hash ({@link #vocabKey}, 0 = empty), each slot's word at {@code vocabChars[vocabStart[slot],
   * vocabStart[slot] + vocabLen[slot])}.
   */
  private final long[] vocabKey;
  private final int[] vocabStart;
  private final int[] vocabLen;
  private final char[] vocabChars;

  private WordTrie(long[] table, int mask, int maxWords, long[] vocabKey, int[] vocabStart, int[] vocabLen, char[] vocabChars) {
    this.table = table;
    this.mask = mask;
    this.maxWords = maxWords;
    this.vocabKey = vocabKey;
    this.vocabStart = vocabStart;
    this.vocabLen = vocabLen;
    this.vocabChars = vocabChars;
  }

  /** Most words in one pattern (a walk from a word start takes at most this many steps). */
  int maxWords() {
    return maxWords;
  }

  /**
   * Builds the word trie of {@code patterns} (ids are list indexes, as in {@link AhoCorasick}).
   * Primitive arrays only (the shipped lexicons have ~80,000 patterns): a few tens of milliseconds.
   *
   * @return the trie, or null when some pattern is not words joined by single {@code sep1} chars
   *     (empty, leading/trailing/double {@code sep1}, or holding {@code sep2}), or when two distinct
   *     words or edges share a hash: the caller then keeps the character walk
   */
  static WordTrie build(List<String> patterns, char sep1, char sep2) {
    int totalWords = 0;
    for (String s : patterns) {
      int len = s.length();
      if (len == 0 || s.indexOf(sep2) >= 0 || s.charAt(0) == sep1 || s.charAt(len - 1) == sep1) {
        return null;
      }
      for (int i = 0; i < len; i++) {
        if (s.charAt(i) == sep1) {
          if (s.charAt(i - 1) == sep1) {
            return null; // double separator
          }
          totalWords++;
        }
      }
      totalWords++;
    }
    // vocabulary: word hash -> (pattern, offset, length) of its first occurrence, to refuse colliding words;
    // edges while building: key -> child, with the (parent, word hash) to refuse colliding edges. Both tables
    // grow as they fill (at most half full): sized for every word of every pattern up front, the shipped
    // lexicons' 1.7 million words took ~190 MB during the build, several times the finished set
    int vcap = 1024;
    long[] vKey = new long[vcap];
    boolean[] vUsed = new boolean[vcap];
    int[] vPat = new int[vcap];
    int[] vOff = new int[vcap];
    int[] vLen = new int[vcap];
    int vocab = 0;
    int ecap = 1024;
    long[] eKey = new long[ecap];
    int[] eChild = new int[ecap];
    int[] eParent = new int[ecap];
    long[] eWord = new long[ecap];
    int[] output = new int[totalWords + 1]; // per state: pattern id + 1, or 0
    boolean[] hasChildren = new boolean[totalWords + 1];
    int states = 1;
    int edges = 0;
    int maxWords = 0;
    for (int p = 0; p < patterns.size(); p++) {
      String s = patterns.get(p);
      int len = s.length();
      int state = 0;
      int words = 0;
      int i = 0;
      while (i < len) {
        int j = s.indexOf(sep1, i);
        if (j < 0) {
          j = len;
        }
        long h = wordHash(s, i, j);
        int v = (int) h & (vcap - 1);
        while (vUsed[v] && vKey[v] != h) {
          v = (v + 1) & (vcap - 1);
        }
        if (!vUsed[v]) {
          vUsed[v] = true;
          vKey[v] = h;
          vPat[v] = p;
          vOff[v] = i;
          vLen[v] = j - i;
          if (++vocab * 2 > vcap) {
            int ncap = vcap * 2;
            long[] nKey = new long[ncap];
            boolean[] nUsed = new boolean[ncap];
            int[] nPat = new int[ncap];
            int[] nOff = new int[ncap];
            int[] nLen = new int[ncap];
            for (int o = 0; o < vcap; o++) {
              if (vUsed[o]) {
                int q = (int) vKey[o] & (ncap - 1);
                while (nUsed[q]) {
                  q = (q + 1) & (ncap - 1);
                }
                nUsed[q] = true;
                nKey[q] = vKey[o];
                nPat[q] = vPat[o];
                nOff[q] = vOff[o];
                nLen[q] = vLen[o];
              }
            }
            vcap = ncap;
            vKey = nKey;
            vUsed = nUsed;
            vPat = nPat;
            vOff = nOff;
            vLen = nLen;
          }
        } else if (vLen[v] != j - i || !s.regionMatches(i, patterns.get(vPat[v]), vOff[v], j - i)) {
          return null; // two words, one hash
        }
        long key = edgeKey(state, h);
        int slot = (int) key & (ecap - 1);
        while (eKey[slot] != 0 && eKey[slot] != key) {
          slot = (slot + 1) & (ecap - 1);
        }
        if (eKey[slot] == 0) {
          eKey[slot] = key;
          eChild[slot] = states;
          eParent[slot] = state;
          eWord[slot] = h;
          hasChildren[state] = true;
          states++;
          edges++;
          if (edges * 2 > ecap) {
            int child = eChild[slot];
            int ncap = ecap * 2;
            long[] nKey = new long[ncap];
            int[] nChild = new int[ncap];
            int[] nParent = new int[ncap];
            long[] nWord = new long[ncap];
            for (int o = 0; o < ecap; o++) {
              if (eKey[o] != 0) {
                int q = (int) eKey[o] & (ncap - 1);
                while (nKey[q] != 0) {
                  q = (q + 1) & (ncap - 1);
                }
                nKey[q] = eKey[o];
                nChild[q] = eChild[o];
                nParent[q] = eParent[o];
                nWord[q] = eWord[o];
              }
            }
            ecap = ncap;
            eKey = nKey;
            eChild = nChild;
            eParent = nParent;
            eWord = nWord;
            state = child;
          } else {
            state = eChild[slot];
          }
        } else if (eParent[slot] != state || eWord[slot] != h) {
          return null; // two edges, one key
        } else {
          state = eChild[slot];
        }
        words++;
        i = j + 1;
      }
      if (output[state] != 0) {
        return null; // the same pattern twice (TermSet never does this)
      }
      output[state] = p + 1;
      maxWords = Math.max(maxWords, words);
    }
    // the vocabulary, compacted: each distinct word once, by its hash (checked words: scan)
    int distinct = 0;
    int vocabChars = 0;
    for (int v = 0; v < vcap; v++) {
      if (vUsed[v]) {
        distinct++;
        vocabChars += vLen[v];
      }
    }
    int wcap = Integer.highestOneBit(Math.max(16, distinct + distinct / 2 - 1)) << 1;
    long[] wKey = new long[wcap];
    boolean[] wUsed = new boolean[wcap];
    int[] wStart = new int[wcap];
    int[] wLen = new int[wcap];
    char[] wChars = new char[vocabChars];
    int at = 0;
    for (int v = 0; v < vcap; v++) {
      if (!vUsed[v]) {
        continue;
      }
      int slot = (int) vKey[v] & (wcap - 1);
      while (wUsed[slot]) {
        slot = (slot + 1) & (wcap - 1);
      }
      wUsed[slot] = true;
      wKey[slot] = vKey[v];
      wStart[slot] = at;
      wLen[slot] = vLen[v];
      patterns.get(vPat[v]).getChars(vOff[v], vOff[v] + vLen[v], wChars, at);
      at += vLen[v];
    }
    for (int v = 0; v < wcap; v++) {
      if (!wUsed[v]) {
        wLen[v] = -1; // an empty slot: no text word (length >= 1) equals it
      }
    }
    // load factor at most 2/3 (the shipped lexicons: ~130,000 edges in 262,144 slots, 4 MB)
    int cap = Integer.highestOneBit(Math.max(16, edges + edges / 2 - 1)) << 1;
    long[] table = new long[cap * 2];
    int mask = cap - 1;
    WordTrie t = new WordTrie(table, mask, maxWords, wKey, wStart, wLen, wChars);
    for (int e = 0; e < ecap; e++) {
      long key = eKey[e];
      if (key == 0) {
        continue;
      }
      int slot = (int) key & mask;
      while (table[2 * slot] != 0) {
        slot = (slot + 1) & mask;
      }
      int c = eChild[e];
      table[2 * slot] = key;
      table[2 * slot + 1] = ((long) output[c] << 32) | (hasChildren[c] ? c : 0);
      if (eParent[e] == 0) {
        int bit = (int) (eWord[e] >>> 48);
        t.firstWords[bit >>> 6] |= 1L << bit;
      }
    }
    return t;
  }

  /** The slot value of the edge from {@code state} on a word of hash {@code h}, or 0. */
  private long edge(int state, long h) {
    long key = edgeKey(state, h);
    int slot = (int) key & mask;
    long[] t = table;
    while (true) {
      long k = t[2 * slot];
      if (k == key) {
        return t[2 * slot + 1];
      }
      if (k == 0) {
        return 0;
      }
      slot = (slot + 1) & mask;
    }
  }

  /**
   * True when the text word {@code text[s, e)} of hash {@code h} is the pattern word of that hash (a text word
   * that merely shares a pattern word's hash is no pattern word). Cost: one probe and the word's chars.
   */
  private boolean isPatternWord(char[] text, int s, int e, long h) {
    int m = vocabKey.length - 1;
    int slot = (int) h & m;
    while (vocabLen[slot] >= 0) {
      if (vocabKey[slot] == h) {
        if (vocabLen[slot] != e - s) {
          return false;
        }
        int o = vocabStart[slot];
        for (int i = s; i < e; i++) {
          if (text[i] != vocabChars[o++]) {
            return false;
          }
        }
        return true;
      }
      slot = (slot + 1) & m;
    }
    return false;
  }

  /** Per-thread scratch of {@link #scan}: per text word, 0 = not checked, 1 = a pattern word, 2 = not one. */
  private static final ThreadLocal<byte[]> CHECKED = ThreadLocal.withInitial(() -> new byte[64]);

  /**
   * Reports every occurrence of a pattern that starts at a word start and ends at a word end of
   * {@code text} (the words of {@code w}), in start order (by end within a start): exactly the hits of
   * {@link AhoCorasick#scanWordStarts} whose end is followed by a separator or the text's end. Each text
   * word on a walk is compared once with the pattern word of its hash, so a hash collision is never a hit.
   *
   * <p>Cost: at most {@link #maxWords()} probes from each word start, plus each text word's chars once.
   * With {@code maxWords() <= 16} and words of at least one char and one separator, that is under
   * {@code 8 * len + 64} probes whatever the text holds, so the rail's budget never runs out.
   *
   * @param budget most word probes before giving up
   * @param hit    receives (pattern, start, end) of each occurrence
   * @param buf    scratch for hits (grown as needed)
   * @return {@code buf} or its larger replacement with the hits reported, or null when the budget
   *     ran out (nothing was reported: run the character walk instead)
   */
  int[] scan(char[] text, Words w, long budget, SpanHit hit, int[] buf) {
    int n = 0;
    final int words = w.n;
    final long[] hash = w.hash;
    final boolean[] joined = w.joined;
    final long[] first = firstWords;
    byte[] checked = CHECKED.get();
    if (checked.length < words) {
      checked = new byte[Math.max(words, checked.length * 2)];
      if (words <= 8192) {
        CHECKED.set(checked);
      }
    } else {
      java.util.Arrays.fill(checked, 0, words, (byte) 0);
    }
    for (int i = 0; i < words; i++) {
      long h = hash[i];
      int bit = (int) (h >>> 48);
      if ((first[bit >>> 6] & (1L << bit)) == 0) {
        continue;
      }
      int st = 0;
      for (int j = i; ; j++) {
        if (--budget < 0) {
          return null;
        }
        long v = edge(st, hash[j]);
        if (v == 0) {
          break;
        }
        if (checked[j] == 0) {
          checked[j] = isPatternWord(text, w.ws[j], w.we[j], hash[j]) ? (byte) 1 : (byte) 2;
        }
        if (checked[j] != 1) {
          break;
        }
        int p = (int) (v >>> 32) - 1;
        if (p >= 0) {
          if (n + 3 > buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2 + 3);
          }
          buf[n++] = p;
          buf[n++] = w.ws[i];
          buf[n++] = w.we[j];
        }
        st = (int) v;
        if (st == 0 || !joined[j]) {
          break;
        }
      }
    }
    for (int k = 0; k < n; k += 3) {
      hit.hit(buf[k], buf[k + 1], buf[k + 2]);
    }
    return buf;
  }

  /** An occurrence: pattern id, start and exclusive end in the text. */
  interface SpanHit {
    void hit(int pattern, int start, int end);
  }
}
