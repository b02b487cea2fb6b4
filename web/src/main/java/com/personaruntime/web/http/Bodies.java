package com.personaruntime.web.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reading JSON request bodies with errors that name the field. */
public final class Bodies {
  private Bodies() {
  }

  /** The body as a JSON object, or 400 naming what was wrong. */
  public static JsonObject object(RoutingContext ctx) {
    String body = ctx.body() == null ? null : ctx.body().asString();
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest("request body is empty: expected a JSON object");
    }
    Object value;
    try {
      value = io.vertx.core.json.Json.decodeValue(body);
    } catch (io.vertx.core.json.DecodeException e) {
      throw new ApiException(400, "bad_json", "request body is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (!(value instanceof JsonObject o)) {
      throw ApiException.badRequest("request body must be a JSON object");
    }
    return o;
  }

  /** A required non-blank string field. */
  public static String requiredString(JsonObject o, String field) {
    Object v = o.getValue(field);
    if (v == null) {
      throw ApiException.invalid(field + ": is required");
    }
    if (!(v instanceof String s)) {
      throw ApiException.invalid(field + ": must be a string, got " + typeName(v));
    }
    if (s.isBlank()) {
      throw ApiException.invalid(field + ": must not be blank");
    }
    return s;
  }

  /** An optional string field (null when absent). */
  public static String optionalString(JsonObject o, String field) {
    Object v = o.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw ApiException.invalid(field + ": must be a string, got " + typeName(v));
    }
    return s;
  }

  /** An optional boolean field. */
  public static boolean optionalBoolean(JsonObject o, String field, boolean dflt) {
    Object v = o.getValue(field);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Boolean b)) {
      throw ApiException.invalid(field + ": must be true or false, got " + typeName(v));
    }
    return b;
  }

  /** An optional string field restricted to some values (lower case). */
  public static String oneOf(JsonObject o, String field, String dflt, java.util.List<String> allowed) {
    String s = optionalString(o, field);
    if (s == null) {
      return dflt;
    }
    if (!allowed.contains(s)) {
      throw ApiException.invalid(field + ": must be one of " + String.join(", ", allowed) + ", got '" + s + "'");
    }
    return s;
  }

  public static String typeName(Object v) {
    if (v instanceof JsonObject) {
      return "an object";
    }
    if (v instanceof io.vertx.core.json.JsonArray) {
      return "a list";
    }
    if (v instanceof Number) {
      return "a number";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    return "a string";
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
