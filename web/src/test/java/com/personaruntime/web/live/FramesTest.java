package com.personaruntime.web.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written delta frame is byte for byte what {@code JsonObject.encode()} gives, and decodes back. */
class FramesTest {

  @Test
  void deltaFrameIsWhatJsonObjectEncodes() {
    List<String> texts = new ArrayList<>(List.of("", "Hi! ", "Giá 120.000 đ, giao trong 2 ngày.", "say \"hi\"",
        "back\\slash", "line\nbreak\r\ttab", "\u0000\u0001\u001f\u007f", "\u2028\u2029", "emoji 😍🫶", "</script>",
        "a/b", "\ud800 lone surrogate", "{\"type\":\"done\"}"));
    for (int c = 0; c < 0x100; c++) {
      texts.add("x" + (char) c + "y");
    }
    for (String replyTo : new String[] {"m1", "c-\"7\"", "r\u00e9p\n", null}) {
      for (String t : texts) {
        String expected = new JsonObject().put("type", "delta").put("replyTo", replyTo).put("text", t).encode();
        String frame = Frames.delta(replyTo, t);
        assertThat(frame).as("%s / %s", replyTo, t).isEqualTo(expected);
        assertThat(new JsonObject(frame).getString("text")).isEqualTo(t);
      }
    }
  }
}
