package com.personaruntime.runtime.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.h2.mvstore.MVStore;

/**
 * Refuses to start on an H2 store file that would silently lose data, instead of letting H2 start fresh
 * or fall back to an old version.
 *
 * <ul>
 *   <li>An <b>empty</b> file (0 bytes, e.g. a failed copy or a full disk): H2 would treat it as a new
 *       database, and the server would start as a brand-new install (new admin, no personas).</li>
 *   <li>A <b>damaged</b> file: when the newest chunk of an MVStore file cannot be read, H2 opens the newest
 *       chunk it can read, i.e. an older version of the data, or an empty database, without an error. This
 *       check reads every chunk header in the file (MVStore writes each chunk at a 4 KiB block boundary,
 *       starting with {@code chunk:ID,...,version:V,...}), opens the store read-only, and refuses when the
 *       store's version is older than the newest chunk on disk. A file H2 itself reports as corrupted is
 *       refused the same way.</li>
 * </ul>
 * Every refusal names the file and what to do. Runs before any connection opens the file; blocking I/O.
 */
final class H2StoreCheck {
  private static final int BLOCK = 4096;

  private H2StoreCheck() {
  }

  /**
   * Checks {@code file} (an H2 {@code .mv.db}); a missing file is a new install and passes.
   *
   * @throws StorageException naming the file, the problem and what to do
   */
  static void beforeOpen(Path file) {
    if (!Files.exists(file)) {
      return;
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new StorageException("cannot read the H2 database file " + file + ": " + e.getMessage(), e);
    }
    if (size == 0) {
      throw new StorageException("the H2 database file " + file + " is empty (0 bytes). Starting would create a "
          + "new, empty install and every stored persona, user and transcript would be gone. Restore the file "
          + "from a backup, or, to start a new database on purpose, move the empty file away.", null);
    }
    long newestOnDisk = newestChunkVersion(file);
    long opened;
    try {
      MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
      try {
        opened = store.getCurrentVersion();
      } finally {
        store.close();
      }
    } catch (RuntimeException e) {
      throw new StorageException(damaged(file, e.getMessage()), e);
    }
    if (newestOnDisk > opened) {
      throw new StorageException(damaged(file, "its newest data (version " + newestOnDisk
          + ") cannot be read; H2 would open version " + opened + " and silently serve older data"), null);
    }
  }

  /** The refusal message for a damaged file. */
  static String damaged(Path file, String detail) {
    String d = detail == null ? "" : detail.length() > 300 ? detail.substring(0, 300) + "..." : detail;
    return "the H2 database file " + file + " is damaged: " + d + ". Not starting, so nothing is served from a "
        + "damaged or older copy. Restore the file from a backup; H2's recovery tool "
        + "(java -cp h2.jar org.h2.tools.Recover -dir DIR) can extract what is still readable.";
  }

  /** The highest {@code version} of any well-formed chunk header at a block boundary; -1 if none. */
  static long newestChunkVersion(Path file) {
    long newest = -1;
    ByteBuffer buf = ByteBuffer.allocate(256);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      for (long pos = 2L * BLOCK; pos < size; pos += BLOCK) {
        buf.clear();
        ch.read(buf, pos);
        buf.flip();
        if (buf.remaining() < 6 || buf.get(0) != 'c' || buf.get(1) != 'h' || buf.get(2) != 'u') {
          continue;
        }
        String header = StandardCharsets.ISO_8859_1.decode(buf).toString();
        if (!header.startsWith("chunk:")) {
          continue;
        }
        long v = field(header, "version");
        if (v > newest) {
          newest = v;
        }
      }
    } catch (IOException e) {
      throw new StorageException("cannot read the H2 database file " + file + ": " + e.getMessage(), e);
    }
    return newest;
  }

  /** A hex field of a chunk header ({@code name:hex}), -1 when absent or malformed. */
  private static long field(String header, String name) {
    int end = header.indexOf('\n');
    String line = end >= 0 ? header.substring(0, end) : header;
    for (String part : line.trim().split(",")) {
      int colon = part.indexOf(':');
      if (colon > 0 && part.substring(0, colon).equals(name)) {
        try {
          return Long.parseLong(part.substring(colon + 1).trim(), 16);
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }
}
