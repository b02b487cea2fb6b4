package com.personaruntime.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every refusal the post service codes ({@code PostException.coded("x", ...)}) is said in the console's words in
 * both languages ({@code posts.refusal.x}); an uncoded or unlabelled one reaches a Vietnamese console in the
 * service's English (a newcomer met "the facebook variant is in_review; approve or reject it first").
 */
class PostRefusalTextsTest {
  private static Properties messages(String lang) throws IOException {
    Properties p = new Properties();
    try (InputStream in = PostRefusalTextsTest.class.getResourceAsStream("/console/posts/messages_" + lang + ".properties")) {
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void everyCodedPostRefusalHasVietnameseAndEnglishWords() throws IOException {
    Path service = Path.of("..", "runtime", "src", "main", "java", "com", "personaruntime", "runtime", "posts");
    Set<String> codes = new TreeSet<>();
    Matcher m = Pattern.compile("\\.coded\\(\"(\\w+)\"").matcher("");
    try (var files = Files.list(service)) {
      for (Path f : files.toList()) {
        m.reset(Files.readString(f));
        while (m.find()) {
          codes.add(m.group(1));
        }
      }
    }
    assertThat(codes).contains("variantNotApproved", "nothingToSchedule");
    for (String lang : new String[] {"en", "vi"}) {
      Properties p = messages(lang);
      for (String code : codes) {
        assertThat(p.getProperty("posts.refusal." + code)).as(lang + ": posts.refusal." + code).isNotBlank();
      }
    }
  }
}
