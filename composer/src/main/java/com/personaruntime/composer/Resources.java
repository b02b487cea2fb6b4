package com.personaruntime.composer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The composer's shipped data files (TSV tables on the classpath). */
final class Resources {
    private Resources() {
    }

    /**
     * The UTF-8 text of a classpath resource.
     *
     * @param path absolute resource path ("/com/personaruntime/composer/categories.tsv")
     * @throws IllegalStateException if the resource is missing (a broken build)
     * @throws UncheckedIOException  if it cannot be read
     */
    static String text(String path) {
        try (InputStream in = Resources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(path + " could not be read", e);
        }
    }
}
