package com.personaruntime.runtime.storage;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A tenant: owns personas, users are members of it with a {@link Role}.
 *
 * @param id        UUID string
 * @param slug      unique short name used in persona files ({@code brand: lumiere})
 * @param name      display name
 * @param createdAt when it was created
 */
public record Brand(String id, String slug, String name, Instant createdAt) {
  /** Display names by brand id, for labelling rows that carry only a brand id ("Linh (Lumière)"); a new mutable map. */
  public static Map<String, String> namesById(Collection<Brand> brands) {
    Map<String, String> names = new HashMap<>();
    brands.forEach(b -> names.put(b.id(), b.name()));
    return names;
  }
}
