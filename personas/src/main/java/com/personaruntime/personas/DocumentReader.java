package com.personaruntime.personas;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/*
 * Reads a YAML or JSON document into a Jackson tree, token by token, so that problems the
 * stock ObjectMapper either hides or stops at are reported with their place in the file:
 * duplicate keys (the first value is kept and the rest of the document is still read),
 * YAML aliases (Jackson would return the anchor's name as a string; they become a missing
 * node, which validation skips as already reported), more than one document,
 * syntax errors (line and column, SnakeYAML's own one-line description).
 */
final class DocumentReader {

  private static final JsonFactory JSON = JsonFactory.builder().build();
  // an empty YAML value means "not set"; yes/no/on/off stay words ("no" is Norwegian)
  private static final YAMLFactory YAML = YAMLFactory.builder()
      .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
      .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
      .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String source;
  private final List<ValidationProblem> problems;
  private boolean yaml;

  private DocumentReader(String source, List<ValidationProblem> problems) {
    this.source = source;
    this.problems = problems;
  }

  /**
   * Reads {@code content}; JSON if its first non-blank character is '{' or '[', YAML otherwise.
   * Returns the tree, or {@code null} when nothing usable could be read (problems say why).
   * Problems found along the way are added to {@code problems} even when a tree is returned.
   */
  static JsonNode read(String source, String content, List<ValidationProblem> problems) {
    return new DocumentReader(source, problems).read(content);
  }

  private JsonNode read(String content) {
    if (content.startsWith("\uFEFF")) {
      content = content.substring(1);
    }
    String trimmed = content.strip();
    if (trimmed.isEmpty()) {
      empty();
      return null;
    }
    yaml = !(trimmed.startsWith("{") || trimmed.startsWith("["));
    try (JsonParser parser = (yaml ? YAML : JSON).createParser(content)) {
      if (parser.nextToken() == null) {
        empty();
        return null;
      }
      JsonNode root = value(parser, "");
      if (parser.nextToken() != null) {
        int line = parser.currentTokenLocation().getLineNr();
        problems.add(new ValidationProblem(source, "", yaml
            ? "the file holds more than one YAML document (the second one's content starts at"
                + " line " + line + "); put one persona per file"
            : "unexpected content after the end of the JSON document at line " + line));
      }
      return root;
    } catch (JsonProcessingException e) {
      problems.add(syntaxError(e));
      return null;
    } catch (IOException e) {
      problems.add(new ValidationProblem(source, "", "cannot read the document: " + e.getMessage()));
      return null;
    }
  }

  private void empty() {
    problems.add(new ValidationProblem(source, "",
        "the file is empty; expected a persona document with at least id, brand, name and languages"));
  }

  private JsonNode value(JsonParser parser, String path) throws IOException {
    JsonToken token = parser.currentToken();
    if (yaml && ((YAMLParser) parser).isCurrentAlias()) {
      problems.add(new ValidationProblem(source, path, "YAML aliases (*" + parser.getText()
          + " on line " + parser.currentTokenLocation().getLineNr()
          + ") are not supported; write the value out"));
      return NODES.missingNode();
    }
    switch (token) {
      case START_OBJECT:
        return object(parser, path);
      case START_ARRAY:
        return array(parser, path);
      case VALUE_STRING:
      case VALUE_EMBEDDED_OBJECT:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        return switch (parser.getNumberType()) {
          case INT -> NODES.numberNode(parser.getIntValue());
          case LONG -> NODES.numberNode(parser.getLongValue());
          default -> NODES.numberNode(parser.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      default:
        return NODES.nullNode();
    }
  }

  private ObjectNode object(JsonParser parser, String path) throws IOException {
    ObjectNode node = NODES.objectNode();
    Map<String, Integer> lines = new HashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      int line = parser.currentTokenLocation().getLineNr();
      String fieldPath = path.isEmpty() ? name : path + "." + name;
      parser.nextToken();
      JsonNode value = value(parser, fieldPath);
      if (node.has(name)) {
        problems.add(new ValidationProblem(source, fieldPath,
            "duplicate key on line " + line + " (first on line " + lines.get(name) + ")"));
      } else {
        node.set(name, value);
        lines.put(name, line);
      }
    }
    return node;
  }

  private ArrayNode array(JsonParser parser, String path) throws IOException {
    ArrayNode node = NODES.arrayNode();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      node.add(value(parser, path + "[" + node.size() + "]"));
    }
    return node;
  }

  /**
   * A syntax error as a problem of the whole document (empty path) with code {@code syntax} and
   * arguments {@code [format, line, column, what]} (format {@code YAML} or {@code JSON}; line and
   * column 1-based), or {@code syntaxNoPosition} with {@code [format, what]} when the parser gave no
   * place, so that a client can point at the place and say it in its own language.
   */
  private ValidationProblem syntaxError(JsonProcessingException e) {
    String format = yaml ? "YAML" : "JSON";
    int line = 0;
    int column = 0;
    String what;
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      Mark mark = marked.getProblemMark();
      what = marked.getProblem() == null ? firstLine(marked.getMessage()) : marked.getProblem();
      if (marked.getContext() != null) {
        what += " (" + marked.getContext() + ")";
      }
      line = mark.getLine() + 1;
      column = mark.getColumn() + 1;
    } else {
      JsonLocation location = e.getLocation();
      what = firstLine(e.getOriginalMessage());
      if (location != null && location.getLineNr() >= 1) {
        line = location.getLineNr();
        column = location.getColumnNr();
      }
    }
    String message = line < 1 ? format + " syntax error: " + what
        : format + " syntax error at line " + line + ", column " + column + ": " + what;
    return line < 1 ? new ValidationProblem(source, "", message, "syntaxNoPosition", List.of(format, what))
        : new ValidationProblem(source, "", message, "syntax",
            List.of(format, String.valueOf(line), String.valueOf(column), what));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable document";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
