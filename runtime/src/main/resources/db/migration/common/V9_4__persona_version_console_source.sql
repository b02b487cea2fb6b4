-- A persona version written in the console (a session) is labelled 'console', one written with an API
-- token stays 'api' (PersonaRepository.SOURCES): the versions page said 'api' for a console save.
ALTER TABLE persona_versions DROP CONSTRAINT persona_versions_source_ck;
ALTER TABLE persona_versions ADD CONSTRAINT persona_versions_source_ck CHECK (source IN ('file', 'api', 'console'));
