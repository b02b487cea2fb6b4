package com.personaruntime.runtime.storage;

/**
 * A write was refused because it clashes with existing data (a taken slug or e-mail, a
 * concurrent change). The HTTP layer maps it to 409.
 */
public class ConflictException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** With a message that names the conflicting value. */
  public ConflictException(String message) {
    super(message);
  }

  /** With a message that names the conflicting value, and the cause. */
  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
