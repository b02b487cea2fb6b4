package com.personaruntime.runtime.storage;

import java.time.Instant;

/**
 * A tenant: owns personas, users are members of it with a {@link Role}.
 *
 * @param id        UUID string
 * @param slug      unique short name used in persona files ({@code brand: lumiere})
 * @param name      display name
 * @param createdAt when it was created
 */
public record Brand(String id, String slug, String name, Instant createdAt) {
}
