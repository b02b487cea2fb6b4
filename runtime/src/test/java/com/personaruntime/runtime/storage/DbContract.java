package com.personaruntime.runtime.storage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the tests that run on both backends: a subclass per backend names it. The database
 * is opened once per test class, so tests use unique slugs and e-mails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DbContract {

  protected TestDb t;
  protected Database db;
  protected final MutableClock clock = MutableClock.fixed();

  protected abstract Backend backend();

  private String skipped;

  @BeforeAll
  void openDatabase() {
    try {
      t = TestDb.open(backend());
      db = t.db;
    } catch (org.opentest4j.TestAbortedException e) {
      skipped = e.getMessage();
    }
  }

  /** Reports each test as skipped (with the reason) when the backend is not configured. */
  @BeforeEach
  void requireDatabase() {
    Assumptions.assumeTrue(skipped == null, skipped);
  }

  @AfterAll
  void closeDatabase() {
    if (t != null) {
      t.close();
    }
  }

  protected static String unique(String prefix) {
    return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
  }
}
