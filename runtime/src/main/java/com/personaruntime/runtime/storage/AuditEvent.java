package com.personaruntime.runtime.storage;

import java.time.Instant;

/**
 * One audit-log entry: who did what, when, to which record.
 *
 * @param id          increasing sequence number
 * @param at          when it happened
 * @param actor       who did it (user e-mail, {@code system:...})
 * @param brandId     brand concerned, {@code null} for platform-level events
 * @param action      what was done, e.g. {@code persona.publish}
 * @param targetType  kind of record, e.g. {@code persona}
 * @param targetId    the record's id, may be {@code null}
 * @param detailsJson extra details as JSON, may be {@code null}
 */
public record AuditEvent(long id, Instant at, String actor, String brandId, String action,
    String targetType, String targetId, String detailsJson) {
}
