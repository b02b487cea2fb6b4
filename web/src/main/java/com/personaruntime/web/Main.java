package com.personaruntime.web;

import com.personaruntime.web.config.AppConfig;
import com.personaruntime.web.config.ConfigException;
import com.personaruntime.web.config.ConfigLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Command line: {@code [serve] [--config FILE]} starts the server; {@code validate PATH}
 * checks persona files and exits non-zero when any is invalid.
 */
public final class Main {

  private static final String USAGE = """
      usage:
        java -jar persona-runtime.jar [serve] [--config FILE]   start the server
        java -jar persona-runtime.jar validate PATH              check a persona file or a folder of them
        java -jar persona-runtime.jar users reset-password EMAIL [--config FILE]
                                                                 set a new password for a console user (printed once)
        java -jar persona-runtime.jar --help                     this text
      """;

  private Main() {
  }

  public static void main(String[] args) {
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    useCommonPoolForAsyncCompletions();
    int code = run(args, System.getenv(), System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * On a machine with at most two processors the common ForkJoin pool has parallelism 1, and then
   * {@code CompletableFuture}'s default async executor starts a new thread for every task. The JDK
   * HTTP client completes each {@code sendAsync} through that executor (one no-op stage per model
   * request), so the server created a thread per reply (about 81,500 in a 28-minute soak). Parallelism 2
   * makes those completions run on the common pool instead. Must run before anything initialises
   * {@code ForkJoinPool}; an operator's own {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism}
   * is kept.
   */
  static void useCommonPoolForAsyncCompletions() {
    String key = "java.util.concurrent.ForkJoinPool.common.parallelism";
    if (System.getProperty(key) == null && Runtime.getRuntime().availableProcessors() <= 2) {
      System.setProperty(key, "2");
    }
  }

  /** Runs a command; returns the exit code ({@code serve} returns only after shutdown). */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    List<String> rest = new ArrayList<>(List.of(args));
    String command = "serve";
    if (!rest.isEmpty() && !rest.get(0).startsWith("-")) {
      command = rest.remove(0);
    }
    if (rest.contains("--help") || rest.contains("-h") || command.equals("help")) {
      out.print(USAGE);
      return 0;
    }
    switch (command) {
      case "validate":
        if (rest.size() != 1) {
          err.print("validate: expected exactly one PATH (a persona file or a folder)\n" + USAGE);
          return 2;
        }
        return com.personaruntime.personas.ValidateCommand.run(Path.of(rest.get(0)), out, err);
      case "users":
        return UsersCommand.run(rest, env, out, err);
      case "serve":
        Path configFile = null;
        for (int i = 0; i < rest.size(); i++) {
          String a = rest.get(i);
          if (a.equals("--config") && i + 1 < rest.size()) {
            configFile = Path.of(rest.get(++i));
          } else if (a.startsWith("--config=")) {
            configFile = Path.of(a.substring("--config=".length()));
          } else {
            err.print("unknown argument '" + a + "'\n" + USAGE);
            return 2;
          }
        }
        return serve(configFile, env, out, err);
      default:
        err.print("unknown command '" + command + "'\n" + USAGE);
        return 2;
    }
  }

  private static int serve(Path configFile, Map<String, String> env, PrintStream out, PrintStream err) {
    AppConfig config;
    try {
      config = ConfigLoader.load(configFile, env);
    } catch (ConfigException e) {
      err.println("configuration error" + (e.problems().size() > 1 ? "s" : "") + ", not starting:");
      e.problems().forEach(p -> err.println("  " + p));
      return 3;
    }
    PersonaServer server;
    try {
      server = PersonaServer.start(config, env, out).get();
    } catch (Exception e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
          ? e.getCause() : e;
      err.println("start-up failed: " + cause.getMessage());
      return 4;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.stop()
            .get(config.http().shutdownGraceSeconds() + 5L, TimeUnit.SECONDS);
      } catch (Exception e) {
        err.println("shutdown did not finish cleanly: " + e);
      } finally {
        stopped.countDown();
      }
    }, "shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
