package com.personaruntime.runtime.storage;

import java.time.Instant;

/**
 * One immutable version of a persona document.
 *
 * @param personaId persona id
 * @param version   1, 2, 3, ...
 * @param document  the persona document as JSON (opaque here)
 * @param checksum  checksum of the document, computed by the caller
 * @param source    {@code "file"} (imported from {@code personas.dir}), {@code "api"} (an API token) or
 *                  {@code "console"} (a console session)
 * @param createdBy actor who wrote it (user id, {@code system}, ...)
 * @param createdAt when it was written
 * @param published whether this is the persona's published version
 */
public record PersonaVersion(String personaId, int version, String document, String checksum,
    String source, String createdBy, Instant createdAt, boolean published) {
}
