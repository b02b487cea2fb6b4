package com.personaruntime.runtime.storage;

/** The database a contract test runs on. */
public enum Backend {
  /** In-memory H2, always available. */
  H2,
  /** PostgreSQL from PERSONA_TEST_PG_URL / _USER / _PASSWORD; skipped when unset unless PERSONA_TEST_PG_REQUIRED=true. */
  POSTGRESQL
}
