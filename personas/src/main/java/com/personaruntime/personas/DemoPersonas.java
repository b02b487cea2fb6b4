package com.personaruntime.personas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo personas shipped in this jar, used when no {@code personas.dir} is configured:
 * {@code linh} (brand {@code lumiere}, Vietnamese-first skincare) and {@code milo} (brand
 * {@code brewhaus}, English coffee). They are read from the class path through the fixed index
 * {@value #INDEX}, so they load from a shaded jar too.
 */
public final class DemoPersonas {

  /** Class-path folder of the demo persona files. */
  public static final String FOLDER = "demo-personas/";
  /** Class-path resource listing the demo persona file names, one per line. */
  public static final String INDEX = FOLDER + "index.txt";
  /** Display names of the demo personas' brands, by slug (what audiences see instead of the slug). */
  public static final java.util.Map<String, String> BRAND_NAMES = java.util.Map.of(
      "lumiere", "Lumière", "brewhaus", "Brewhaus");

  private DemoPersonas() {}

  /**
   * Loads and validates the demo personas, in index order.
   *
   * @throws IllegalStateException if a demo file is missing or invalid (a broken build)
   */
  public static List<Persona> load() {
    List<Persona> personas = new ArrayList<>();
    for (String name : fileNames()) {
      personas.add(PersonaDocuments.parse(FOLDER + name, read(FOLDER + name)).orElseThrow());
    }
    return List.copyOf(personas);
  }

  /** The demo persona file names from {@value #INDEX}, e.g. {@code linh.yaml}. */
  public static List<String> fileNames() {
    List<String> names = new ArrayList<>();
    for (String line : read(INDEX).split("\n")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }

  private static String read(String resource) {
    try (InputStream in = DemoPersonas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing class-path resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read class-path resource " + resource, e);
    }
  }
}
