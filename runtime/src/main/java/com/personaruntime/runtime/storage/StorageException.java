package com.personaruntime.runtime.storage;

/** A storage operation failed for a reason other than a conflict or a missing record. */
public class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message that names what failed. */
  public StorageException(String message) {
    super(message);
  }

  /** With a message that names what failed, and the cause. */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
