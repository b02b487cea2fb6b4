package com.personaruntime.runtime.storage;

/** A write named a record that does not exist (or is deleted). The HTTP layer maps it to 404. */
public class NotFoundException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** With a message that names the missing record. */
  public NotFoundException(String message) {
    super(message);
  }
}
