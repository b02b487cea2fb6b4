package com.personaruntime.personas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Persona files in a folder: {@code *.yaml}, {@code *.yml} and {@code *.json}, not recursive,
 * hidden files ignored. Used by the {@code validate} command and at server start-up.
 */
public final class PersonaFiles {

  private PersonaFiles() {}

  /** Whether the file name has a persona file extension (case-insensitive) and is not hidden. */
  public static boolean isPersonaFile(Path file) {
    Path fileName = file.getFileName();
    if (fileName == null) {
      return false;
    }
    String name = fileName.toString().toLowerCase(Locale.ROOT);
    return !name.startsWith(".")
        && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
  }

  /**
   * The persona files directly in {@code folder}, sorted by file name.
   *
   * @throws IOException if the folder cannot be listed
   */
  public static List<Path> list(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries
          .filter(PersonaFiles::isPersonaFile)
          .filter(Files::isRegularFile)
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    }
  }

  /**
   * Parses every persona file in {@code folder} (see {@link #list(Path)}); see {@link #load(List)}.
   *
   * @throws IOException if the folder cannot be listed; problems of single files are results
   */
  public static List<PersonaFile> loadFolder(Path folder) throws IOException {
    return load(list(folder));
  }

  /**
   * Parses the given files in order. A valid file whose persona id was already taken by an
   * earlier file becomes invalid, with a problem naming both files; the earlier one stays valid.
   */
  public static List<PersonaFile> load(List<Path> files) {
    List<PersonaFile> loaded = new ArrayList<>(files.size());
    Map<String, Path> owners = new HashMap<>();
    for (Path file : files) {
      ParseResult result = PersonaDocuments.parse(file);
      if (result instanceof ParseResult.Valid valid) {
        String id = valid.persona().id();
        Path owner = owners.putIfAbsent(id, file);
        if (owner != null) {
          result = new ParseResult.Invalid(result.source(), List.of(new ValidationProblem(
              result.source(), "id", "duplicate persona id '" + id + "', already used by " + owner)));
        }
      }
      loaded.add(new PersonaFile(file, result));
    }
    return loaded;
  }
}
