package com.personaruntime.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every kind of text-like input a console template uses is styled like the others (border, padding, full
 * width, 44 px touch height): the persona editor's {@code type="tel"} contact phone once rendered as the
 * browser's tiny default box next to styled fields, because the stylesheet listed input types one by one.
 */
class ConsoleInputStylesTest {
  private static final Set<String> NOT_TEXT = Set.of("button", "submit", "hidden", "checkbox", "radio", "file",
      "range", "color", "image", "reset");

  @Test
  void everyTextLikeInputTypeOfTheTemplatesIsInTheStylesheet() throws Exception {
    Path root = Path.of("src/main/resources/console"); // tests run in the module folder
    Set<String> types = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".ftlh")).toList()) {
        String s = Files.readString(f, StandardCharsets.UTF_8);
        int i = 0;
        while ((i = s.indexOf("type=\"", i)) >= 0) {
          int end = s.indexOf('"', i + 6);
          String type = s.substring(i + 6, end);
          int tag = s.lastIndexOf('<', i);
          if (s.startsWith("<input", tag) && !NOT_TEXT.contains(type)) {
            types.add(type);
          }
          i = end;
        }
      }
    }
    assertThat(types).contains("text", "tel", "email");
    String css = Files.readString(root.resolve("static/console.css"), StandardCharsets.UTF_8);
    List<String> unstyled = new ArrayList<>();
    for (String t : types) {
      if (!css.contains("input[type=" + t + "]")) {
        unstyled.add(t);
      }
    }
    assertThat(unstyled).as("input types used in templates but not styled in console.css").isEmpty();
  }
}
