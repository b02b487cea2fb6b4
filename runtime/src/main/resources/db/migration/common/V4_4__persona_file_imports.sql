-- Issue 8: a persona file in personas.dir is imported only when the file itself changed since its last
-- import, so versions made through the API are never overwritten by an unchanged file at a restart.
-- One row per persona per file (the file's name relative to personas.dir): the SHA-256 of the file's
-- bytes at its last import and the version that import made (or matched).
CREATE TABLE persona_file_imports (
  persona_id    VARCHAR(36)   NOT NULL,
  file          VARCHAR(1000) NOT NULL,
  content_hash  VARCHAR(128)  NOT NULL,
  version       INTEGER       NOT NULL,
  imported_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT persona_file_imports_pk PRIMARY KEY (persona_id, file),
  CONSTRAINT persona_file_imports_persona_fk FOREIGN KEY (persona_id) REFERENCES personas (id)
);
