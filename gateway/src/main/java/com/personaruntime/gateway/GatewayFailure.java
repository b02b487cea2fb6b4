package com.personaruntime.gateway;

import java.util.List;
import java.util.Objects;

/**
 * Why a streamed reply ended without completing. A value handed to {@link StreamListener#onError}, not
 * thrown.
 *
 * <p>When {@link #delivered()} is false no route produced any text and the gateway has already tried the
 * whole chain; {@link #kind()} is the last failure and {@link #attempts()} lists every one. When it is
 * true the reply broke off after {@link #partialText()} reached the listener: the caller finishes its
 * guard on that text and sends a fallback line; the gateway never switches model mid-reply.
 */
public final class GatewayFailure {

    /** Failure categories. */
    public enum Kind {
        /** The server answered with an HTTP error status (see {@link GatewayFailure#httpStatus()}). */
        HTTP_ERROR,
        /** The connection could not be opened (refused, unreachable, connect timeout). */
        CONNECT_FAILED,
        /** No text arrived within the first-token timeout. */
        FIRST_TOKEN_TIMEOUT,
        /** The gap between two deltas exceeded the inter-token timeout. */
        INTER_TOKEN_TIMEOUT,
        /** The attempt exceeded the total timeout. */
        TOTAL_TIMEOUT,
        /** The connection broke while the response was streaming. */
        STREAM_CUT,
        /** The model finished without producing any text. */
        EMPTY_RESPONSE,
        /**
         * No text within {@link GatewayOptions#firstTextDeadline()} of the reply's start: the attempt in
         * flight was aborted or the provider route skipped.
         */
        DEADLINE,
        /** The route was skipped because its endpoint's circuit is open. */
        CIRCUIT_OPEN,
        /**
         * The endpoint's address was refused by the outbound address policy (loopback, private, metadata...
         * without the operator's permission); nothing was sent. Never retried.
         */
        ADDRESS_REFUSED,
        /** Any other error reported by the model or its client (bad request, parse error, ...). */
        MODEL_ERROR
    }

    /** One failed attempt (or skipped route) on the way to this failure. */
    public record Attempt(String routeName, Kind kind, String detail) {
    }

    private final Kind kind;
    private final boolean delivered;
    private final String partialText;
    private final String routeName;
    private final Integer httpStatus;
    private final Throwable cause;
    private final List<Attempt> attempts;

    GatewayFailure(Kind kind, boolean delivered, String partialText, String routeName, Integer httpStatus,
                   Throwable cause, List<Attempt> attempts) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.delivered = delivered;
        this.partialText = partialText == null ? "" : partialText;
        this.routeName = routeName;
        this.httpStatus = httpStatus;
        this.cause = cause;
        this.attempts = List.copyOf(attempts);
    }

    /** The (last) failure's category. */
    public Kind kind() { return kind; }

    /** Whether any delta reached the listener before the failure. */
    public boolean delivered() { return delivered; }

    /** The text delivered before the failure; empty when nothing was. */
    public String partialText() { return partialText; }

    /** The route of the last attempt, or {@code null} if no route was tried. */
    public String routeName() { return routeName; }

    /** HTTP status of an {@link Kind#HTTP_ERROR}, else {@code null}. */
    public Integer httpStatus() { return httpStatus; }

    /** The underlying exception, or {@code null} (timeouts, open circuits). */
    public Throwable cause() { return cause; }

    /** Every failed attempt and skipped route, in order. */
    public List<Attempt> attempts() { return attempts; }

    @Override
    public String toString() {
        return "GatewayFailure[kind=" + kind + ", delivered=" + delivered + ", partialChars=" + partialText.length()
                + ", route=" + routeName + (httpStatus != null ? ", httpStatus=" + httpStatus : "")
                + ", attempts=" + attempts + "]";
    }
}
