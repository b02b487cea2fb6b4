package com.personaruntime.runtime.storage;

import java.time.Instant;

/**
 * A (not deleted) persona with its latest and published versions. The runtime serves the
 * published document; the console edits the latest.
 *
 * @param id                 UUID string
 * @param brandId            owning brand's id
 * @param brandSlug          owning brand's slug
 * @param slug               unique persona slug (the {@code id} field of a persona file)
 * @param publishedVersion   version served to audiences, {@code null} when none is published
 * @param latestVersion      newest version number
 * @param publishedDocument  JSON of the published version, {@code null} when none
 * @param latestDocument     JSON of the latest version
 * @param publishedChecksum  checksum of the published version, {@code null} when none
 * @param latestChecksum     checksum of the latest version
 * @param createdAt          when the persona was created
 * @param updatedAt          when a version was last added or published
 */
public record PersonaRecord(String id, String brandId, String brandSlug, String slug,
    Integer publishedVersion, int latestVersion, String publishedDocument, String latestDocument,
    String publishedChecksum, String latestChecksum, Instant createdAt, Instant updatedAt) {

  /** Whether the latest version is the published one. */
  public boolean latestIsPublished() {
    return publishedVersion != null && publishedVersion == latestVersion;
  }
}
