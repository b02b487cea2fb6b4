package com.personaruntime.runtime.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.composer.ComposerChatModel;
import com.personaruntime.composer.Composition;
import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Policies;
import com.personaruntime.guardrails.StreamingGuard;
import com.personaruntime.personas.DemoPersonas;
import com.personaruntime.personas.Persona;
import com.personaruntime.personas.PersonaPolicies;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The offline composer's answers, streamed through the demo persona's guard, reach the audience in several deltas. */
class ComposerStreamingTest {

  @Test
  void aPriceAnswerIsReleasedInSeveralDeltas() {
    Persona linh = DemoPersonas.load().stream().filter(p -> p.id().equals("linh")).findFirst().orElseThrow();
    ComposerChatModel composer = ComposerChatModel.create(ComposerModels.toComposer(linh), Runnable::run);
    Composition c = composer.compose("Kem chống nắng giá bao nhiêu và dùng thế nào?");
    StreamingGuard guard = Policies.compile(PersonaPolicies.toPolicyConfig(linh))
        .streamingGuard(CheckContext.chatOutput().withLanguage("vi").withCanary("k9f3a07c2"));
    List<String> released = new ArrayList<>();
    for (String chunk : c.chunks()) {
      String out = guard.offer(chunk);
      if (!out.isEmpty()) {
        released.add(out);
      }
    }
    String before = guard.released();
    guard.finish();
    if (guard.released().length() > before.length()) {
      released.add(guard.released().substring(before.length()));
    }
    assertThat(c.text()).contains("390.000đ");
    assertThat(String.join("", released)).isEqualTo(c.text());
    assertThat(released).as("deltas of '%s'", c.text()).hasSizeGreaterThanOrEqualTo(2);
  }
}
