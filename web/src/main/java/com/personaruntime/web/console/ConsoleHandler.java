package com.personaruntime.web.console;

/** Handles one console request; a thrown exception becomes the console's error page. */
@FunctionalInterface
public interface ConsoleHandler {
  void handle(ConsoleRequest request) throws Exception;
}
