package com.personaruntime.runtime.insights;

import static com.personaruntime.runtime.storage.TestDb.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.runtime.live.LiveStore;
import com.personaruntime.runtime.storage.Backend;
import com.personaruntime.runtime.storage.BrandRepository;
import com.personaruntime.runtime.storage.DbContract;
import com.personaruntime.runtime.storage.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The insights tables on H2 and PostgreSQL: salts, signals, manual labels and retention by the injected clock. */
abstract class InsightsStoreContract extends DbContract {

  private String brand() {
    return await(new BrandRepository(db, clock).create(unique("brand"), "Brand")).id();
  }

  private static TurnSignals signals(Sentiment s) {
    return new TurnSignals(s, s == Sentiment.POSITIVE ? 0.8 : -0.8, "product_question", null, true, false, 0.1, 120,
        "allow", "en", SignalAnalyser.encode(new float[] {0.5f, -1f}));
  }

  @Test
  void everyBrandHasItsOwnRandomSaltAndAudienceIdsDiffer() {
    InsightsStore store = new InsightsStore(db, clock);
    String a = brand();
    String b = brand();
    String saltA = await(store.settings(a)).audienceSalt();
    assertThat(await(store.settings(a)).audienceSalt()).isEqualTo(saltA);
    String saltB = await(store.settings(b)).audienceSalt();
    assertThat(saltA).hasSize(64).isNotEqualTo(saltB);
    assertThat(InsightsService.audienceId(saltA, "browser-1")).hasSize(32)
        .isEqualTo(InsightsService.audienceId(saltA, "browser-1"))
        .isNotEqualTo(InsightsService.audienceId(saltB, "browser-1"))
        .doesNotContain("browser");
  }

  @Test
  void signalsAreStoredWithTheTurnCorrectedByHandAndDeletedByRetention() {
    InsightsStore store = new InsightsStore(db, clock);
    LiveStore live = new LiveStore(db, clock);
    String brand = brand();
    String persona = Sql.newId();
    String conv = Sql.newId();
    await(live.startConversation(conv, persona, brand, null));
    await(live.recordTurn(conv, brand, 1, "m1", "old message", "reply", "allow", "[]", "composer", 10, 20));
    assertThat(await(store.insert(brand, persona, conv, "m1", null, "aud", null, signals(Sentiment.POSITIVE)))).isTrue();
    clock.advance(Duration.ofDays(10));
    await(live.recordTurn(conv, brand, 1, "m2", "new message", "reply", "allow", "[]", "composer", 10, 20));
    assertThat(await(store.insert(brand, persona, conv, "m2", null, "aud", null, signals(Sentiment.NEUTRAL)))).isTrue();
    // a turn that does not exist gets no signals
    assertThat(await(store.insert(brand, persona, conv, "nope", null, "aud", null, signals(Sentiment.NEUTRAL)))).isFalse();

    List<InsightsStore.TurnRow> rows = await(store.turns(persona, Instant.EPOCH, true));
    assertThat(rows).extracting(InsightsStore.TurnRow::audienceText).containsExactly("old message", "new message");
    assertThat(SignalAnalyser.decode(rows.get(0).embedding())).containsExactly(0.5f, -1f);
    long newer = rows.get(1).turnId();
    await(store.correct(newer, Sentiment.NEGATIVE, "editor@brand.test"));
    InsightsStore.TurnRow corrected = await(store.turns(persona, Instant.EPOCH, false)).get(1);
    assertThat(corrected.sentiment()).isEqualTo("neutral");
    assertThat(corrected.effectiveSentiment()).isEqualTo("negative");
    assertThat(await(store.owner(newer))).hasValueSatisfying(o -> assertThat(o.brandId()).isEqualTo(brand));

    // retention of 7 days by the injected clock: the 10-day-old turn goes, with its signals
    InsightsService service = new InsightsService(t.vertx, store, null, clock);
    await(store.setRetention(brand, 7));
    assertThat(await(service.applyRetention())).isGreaterThanOrEqualTo(1);
    assertThat(await(store.turns(persona, Instant.EPOCH, false))).extracting(InsightsStore.TurnRow::audienceText)
        .containsExactly("new message");
    assertThat(await(store.owner(rows.get(0).turnId()))).isEmpty();
    // clearing retention keeps everything from then on
    await(store.setRetention(brand, null));
    clock.advance(Duration.ofDays(100));
    await(service.applyRetention());
    assertThat(await(store.turns(persona, Instant.EPOCH, false))).hasSize(1);
  }
}

class InsightsStoreH2Test extends InsightsStoreContract {
  @Override
  protected Backend backend() {
    return Backend.H2;
  }
}

class InsightsStorePostgresTest extends InsightsStoreContract {
  @Override
  protected Backend backend() {
    return Backend.POSTGRESQL;
  }
}
