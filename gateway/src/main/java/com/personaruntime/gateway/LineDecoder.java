package com.personaruntime.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a byte stream that arrives in arbitrary chunks into UTF-8 text lines, without blocking and without
 * a thread: {@link #feed} takes whatever bytes the network delivered and hands every completed line to the
 * sink; the unfinished tail waits for the next chunk.
 *
 * <p>Line ends are {@code LF}, {@code CR LF} and a lone {@code CR} (the Server-Sent Events grammar, WHATWG
 * HTML "9.2.5 Parsing an event stream"; NDJSON uses {@code LF} and tolerates {@code CR LF}). A {@code CR}
 * at the end of one chunk followed by {@code LF} at the start of the next is one line end. Lines are split
 * on bytes before decoding, which is safe for UTF-8 (no multi-byte sequence contains the bytes 0x0A or
 * 0x0D), so a character split across two chunks is decoded whole. A leading byte order mark is dropped.
 *
 * <p>Not thread-safe: one decoder per response, fed by one subscriber (Reactive Streams guarantee that
 * {@code onNext} calls do not overlap).
 */
final class LineDecoder {

    private final int maxLineBytes;
    private final Consumer<String> sink;
    private byte[] buffer = new byte[256];
    private int length;
    private boolean lastWasCr;
    private boolean atStart = true;

    /**
     * @param maxLineBytes longest line accepted; a longer one fails {@link #feed} with
     *                     {@link LineTooLongException} (a model server never sends megabyte lines, a broken
     *                     or hostile one must not exhaust the heap)
     * @param sink         receives each line without its line end
     */
    LineDecoder(int maxLineBytes, Consumer<String> sink) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive, was: " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.sink = sink;
    }

    /**
     * Consumes every remaining byte of {@code chunk}, emitting the lines it completes. Linear in the chunk:
     * each byte is looked at once, and the bytes between line ends are copied in bulk.
     */
    void feed(ByteBuffer chunk) {
        if (chunk.hasArray()) {
            byte[] a = chunk.array();
            int base = chunk.arrayOffset();
            int from = base + chunk.position();
            int end = base + chunk.limit();
            feed(a, from, end);
            chunk.position(chunk.limit());
            return;
        }
        byte[] copy = new byte[chunk.remaining()];
        chunk.get(copy);
        feed(copy, 0, copy.length);
    }

    private void feed(byte[] a, int from, int end) {
        int i = from;
        if (lastWasCr && i < end) {
            lastWasCr = false;
            if (a[i] == '\n') {
                i++; // second half of CR LF
            }
        }
        int start = i;
        while (i < end) {
            byte b = a[i];
            if (b == '\n' || b == '\r') {
                append(a, start, i - start);
                emit();
                i++;
                if (b == '\r') {
                    if (i == end) {
                        lastWasCr = true;
                    } else if (a[i] == '\n') {
                        i++;
                    }
                }
                start = i;
            } else {
                i++;
            }
        }
        append(a, start, end - start);
    }

    /** The stream ended: a last line without a line end is emitted too. */
    void end() {
        if (length > 0) {
            emit();
        }
    }

    private void append(byte[] a, int from, int n) {
        if (n == 0) {
            return;
        }
        if (length + n > maxLineBytes) {
            throw new LineTooLongException(maxLineBytes);
        }
        if (length + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxLineBytes, Math.max(length + n, buffer.length * 2)));
        }
        System.arraycopy(a, from, buffer, length, n);
        length += n;
    }

    private void emit() {
        int from = 0;
        if (atStart) {
            atStart = false;
            if (length >= 3 && (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB && (buffer[2] & 0xFF) == 0xBF) {
                from = 3;
            }
        }
        String line = new String(buffer, from, length - from, StandardCharsets.UTF_8);
        length = 0;
        sink.accept(line);
    }

    /** A line longer than the decoder's limit. */
    static final class LineTooLongException extends IllegalStateException {
        LineTooLongException(int max) {
            super("stream line longer than " + max + " bytes");
        }
    }
}
