package com.personaruntime.web.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Vietnamese wording of the API's validation messages, chosen by the request's {@code Accept-Language}
 * (RFC 9110 section 12.5.4): the console sends its own language, so a Vietnamese console shows its form
 * errors in Vietnamese; API clients that send nothing (or English) get the English text unchanged.
 *
 * <p>Each entry is an English template whose {@code {name}} placeholders capture text up to the next literal
 * part (the last one to the end), and its Vietnamese counterpart using the same placeholders. Matching is a
 * left-to-right {@code indexOf} per literal part, linear in the message; a message no template matches keeps
 * its English wording. The field path before the first {@code ": "} ({@code {f}}, no white space) is kept as
 * sent (it names the JSON field).
 */
public final class ApiMessages {
  private static final List<Template> VI = List.of(
      t("persona '{v}' not found", "không tìm thấy persona '{v}' (hoặc bạn không có quyền xem persona này)"),
      t("post '{v}' not found", "không tìm thấy bài đăng '{v}' (hoặc bạn không có quyền xem bài này)"),
      t("moderation item {v} not found", "không tìm thấy mục kiểm duyệt {v}"),
      t("channel '{v}' not found", "không tìm thấy kênh '{v}'"),
      t("{f}: brand '{v}' not found", "{f}: không tìm thấy thương hiệu '{v}'"),
      t("{f}: the persona's guard blocks this text: {why}", "{f}: bộ lọc của persona chặn nội dung này: {why}"),
      t("{f}: the persona's guard blocks the original reply: {why}; edit or reject it",
          "{f}: bộ lọc của persona chặn câu trả lời gốc: {why}; hãy sửa hoặc từ chối"),
      t("{f}: is required", "{f}: bắt buộc, hãy điền vào"),
      t("{f}: must not be blank", "{f}: không được để trống"),
      t("{f}: must be at most {n} characters, got {m}", "{f}: tối đa {n} ký tự (hiện có {m})"),
      t("{f}: must be at most {n} characters", "{f}: tối đa {n} ký tự"),
      t("{f}: must be a string, got {v}", "{f}: phải là văn bản (nhận được {v})"),
      t("{f}: must be a string", "{f}: phải là văn bản"),
      t("{f}: must be true or false, got {v}", "{f}: phải là true hoặc false (nhận được {v})"),
      t("{f}: must be lower-case letters, digits and dashes (max {n}), got '{v}'",
          "{f}: chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang (tối đa {n} ký tự); bạn đã nhập '{v}'"),
      t("{f}: must be an e-mail address (at most {n} characters), got '{v}'",
          "{f}: phải là một địa chỉ e-mail (tối đa {n} ký tự); bạn đã nhập '{v}'"),
      t("{f}: must be one of {list}, got '{v}'", "{f}: phải là một trong {list}; bạn đã nhập '{v}'"),
      t("{f}: must be one of {list}, got {v}", "{f}: phải là một trong {list}; bạn đã nhập {v}"),
      t("{f}: must be a whole number of days between {a} and {b}, got {v}",
          "{f}: phải là số ngày nguyên từ {a} đến {b}; bạn đã nhập {v}"),
      t("{f}: brand '{v}' already exists", "{f}: thương hiệu '{v}' đã có, hãy chọn mã khác"),
      t("{f}: not a valid URL: '{v}'", "{f}: không phải một địa chỉ URL hợp lệ: '{v}'"),
      t("{f}: must be an absolute http(s) URL with a host, got '{v}'",
          "{f}: phải là địa chỉ http(s) đầy đủ, có tên miền; bạn đã nhập '{v}'"),
      t("{f}: must not carry credentials (user:password@)", "{f}: không được chứa tài khoản và mật khẩu (user:password@)"),
      t("{f}: host '{h}' does not resolve", "{f}: không tìm thấy tên miền '{h}'"),
      t("{f}: outbound call refused: only http and https URLs may be called, got scheme '{s}'",
          "{f}: chỉ nhận địa chỉ http hoặc https; bạn đã nhập giao thức '{s}'"),
      t("{f}: outbound call refused: host '{h}' resolves to {a}, a {k} address (allowed only when the operator allows "
          + "private networks or configures this endpoint)",
          "{f}: tên miền '{h}' trỏ tới {a}, một địa chỉ mạng nội bộ ({k}); chỉ được dùng khi quản trị hệ thống cho phép"));

  private ApiMessages() {
  }

  /**
   * The language to answer in: {@code "vi"} when the request's {@code Accept-Language} prefers Vietnamese
   * (its first listed range is {@code vi} or {@code vi-*}), otherwise {@code "en"}.
   *
   * @param acceptLanguage the header's value, or {@code null}
   * @return {@code "vi"} or {@code "en"}
   */
  public static String language(String acceptLanguage) {
    if (acceptLanguage == null) {
      return "en";
    }
    String first = acceptLanguage.split(",", 2)[0].strip().toLowerCase(Locale.ROOT);
    return first.equals("vi") || first.startsWith("vi-") || first.startsWith("vi;") ? "vi" : "en";
  }

  /**
   * A validation message in {@code lang}: the Vietnamese template's wording when {@code lang} is
   * {@code "vi"} and an English template matches, else the message unchanged.
   *
   * @param message the English message ({@code "field: what is wrong"})
   * @param lang {@code "vi"} or {@code "en"}
   * @return the message to show
   */
  public static String localise(String message, String lang) {
    if (message == null || !"vi".equals(lang)) {
      return message;
    }
    for (Template t : VI) {
      String out = t.apply(message);
      if (out != null) {
        return out;
      }
    }
    return message;
  }

  private static Template t(String en, String vi) {
    return new Template(parse(en), vi);
  }

  /** Alternating literal and placeholder parts; placeholders are kept as {@code {name}}. */
  private static List<String> parse(String template) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        parts.add(template.substring(i));
        break;
      }
      if (open > i) {
        parts.add(template.substring(i, open));
      }
      int close = template.indexOf('}', open);
      parts.add(template.substring(open, close + 1));
      i = close + 1;
    }
    return List.copyOf(parts);
  }

  /** A field path ({@code name}, {@code knowledge[0].title}) has no white space. */
  private static boolean isFieldPath(String message, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.isWhitespace(message.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private record Template(List<String> parts, String vi) {
    String apply(String message) {
      java.util.Map<String, String> values = new java.util.HashMap<>();
      int pos = 0;
      for (int k = 0; k < parts.size(); k++) {
        String part = parts.get(k);
        boolean placeholder = part.startsWith("{") && part.endsWith("}");
        if (!placeholder) {
          if (!message.startsWith(part, pos)) {
            return null;
          }
          pos += part.length();
          continue;
        }
        int end;
        if (k == parts.size() - 1) {
          end = message.length();
        } else {
          end = message.indexOf(parts.get(k + 1), pos);
          if (end < 0) {
            return null;
          }
        }
        if (end == pos || part.equals("{f}") && !isFieldPath(message, pos, end)) {
          return null;
        }
        values.put(part, message.substring(pos, end));
        pos = end;
      }
      if (pos != message.length()) {
        return null;
      }
      String out = vi;
      for (var e : values.entrySet()) {
        out = out.replace(e.getKey(), e.getValue());
      }
      return out;
    }
  }
}
