package com.personaruntime.web.console.personas;

import java.util.ArrayList;
import java.util.List;

/**
 * A side-by-side line diff (longest common subsequence), for comparing two persona versions as
 * YAML. Documents are small (hundreds of lines), so the O(n*m) table is fine; above
 * {@link #MAX_LINES} lines per side the diff falls back to showing both sides whole.
 */
public final class LineDiff {
  /** Longest input per side the LCS table is built for. */
  public static final int MAX_LINES = 4000;

  /** One row: a line on the left and/or the right; kind is same, del, add or change. */
  public record Row(String kind, Integer leftNo, String left, Integer rightNo, String right) {
  }

  private LineDiff() {
  }

  public static List<Row> sideBySide(List<String> a, List<String> b) {
    List<Row> rows = new ArrayList<>();
    int n = a.size();
    int m = b.size();
    if (n > MAX_LINES || m > MAX_LINES) {
      for (int i = 0; i < Math.max(n, m); i++) {
        rows.add(new Row("change", i < n ? i + 1 : null, i < n ? a.get(i) : null, i < m ? i + 1 : null,
            i < m ? b.get(i) : null));
      }
      return rows;
    }
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    List<Integer> dels = new ArrayList<>();
    List<Integer> adds = new ArrayList<>();
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        flush(rows, a, b, dels, adds);
        rows.add(new Row("same", i + 1, a.get(i), j + 1, b.get(j)));
        i++;
        j++;
      } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
        adds.add(j++);
      } else {
        dels.add(i++);
      }
    }
    flush(rows, a, b, dels, adds);
    return rows;
  }

  /** Pairs removed and added lines of one hunk side by side. */
  private static void flush(List<Row> rows, List<String> a, List<String> b, List<Integer> dels, List<Integer> adds) {
    int k = Math.max(dels.size(), adds.size());
    for (int x = 0; x < k; x++) {
      Integer l = x < dels.size() ? dels.get(x) : null;
      Integer r = x < adds.size() ? adds.get(x) : null;
      String kind = l != null && r != null ? "change" : l != null ? "del" : "add";
      rows.add(new Row(kind, l == null ? null : l + 1, l == null ? null : a.get(l), r == null ? null : r + 1,
          r == null ? null : b.get(r)));
    }
    dels.clear();
    adds.clear();
  }
}
