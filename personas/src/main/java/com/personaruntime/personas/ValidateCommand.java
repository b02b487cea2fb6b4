package com.personaruntime.personas;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code validate PATH} command: checks one persona file, or every persona file in a folder
 * (see {@link PersonaFiles}), and prints one line per problem ({@code file: path: message}) and a
 * summary ({@code 2 files checked, 1 invalid, 3 problems}).
 */
public final class ValidateCommand {

  /** Exit status: every file is valid. */
  public static final int VALID = 0;
  /** Exit status: at least one file is invalid. */
  public static final int INVALID = 1;
  /** Exit status: the path does not exist, cannot be listed, or holds no persona files. */
  public static final int NO_INPUT = 2;

  private ValidateCommand() {}

  /**
   * Runs the command.
   *
   * @param fileOrFolder a persona file (any extension) or a folder of persona files
   * @param out          receives the problems and the summary
   * @param err          receives the reason when there is nothing to check
   * @return {@link #VALID}, {@link #INVALID} or {@link #NO_INPUT}
   */
  public static int run(Path fileOrFolder, PrintStream out, PrintStream err) {
    List<PersonaFile> files;
    if (Files.isDirectory(fileOrFolder)) {
      try {
        files = PersonaFiles.loadFolder(fileOrFolder);
      } catch (IOException e) {
        err.println(fileOrFolder + ": cannot list the folder: "
            + (e instanceof AccessDeniedException ? "permission denied" : e.getMessage()));
        return NO_INPUT;
      }
      if (files.isEmpty()) {
        err.println(fileOrFolder + ": no persona files (*.yaml, *.yml, *.json) in this folder");
        return NO_INPUT;
      }
    } else if (Files.exists(fileOrFolder)) {
      files = PersonaFiles.load(List.of(fileOrFolder));
    } else {
      err.println(fileOrFolder + ": no such file or folder");
      return NO_INPUT;
    }

    int invalid = 0;
    int problems = 0;
    for (PersonaFile file : files) {
      List<ValidationProblem> found = file.result().problems();
      found.forEach(out::println);
      problems += found.size();
      boolean ok = file.result().isValid();
      if (ok) {
        // a file in personas.dir is published when imported: the publishing rule applies too
        List<String> missing = Publishing.missing(file.result().orElseThrow());
        missing.forEach(m -> out.println(file.file() + ": " + m));
        problems += missing.size();
        ok = missing.isEmpty();
      }
      invalid += ok ? 0 : 1;
    }
    out.println(count(files.size(), "file") + " checked, " + invalid + " invalid, "
        + count(problems, "problem"));
    return invalid == 0 ? VALID : INVALID;
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
