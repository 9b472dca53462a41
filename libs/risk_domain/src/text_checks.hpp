#pragma once
// Private text checks shared by the record and configuration validators of this library.

#include <string>
#include <string_view>

#include "safeloop/core/status.hpp"
#include "safeloop/core/text.hpp"

namespace safeloop::risk::internal {

// Blank = only ASCII whitespace and the ideographic space U+3000, which Chinese input methods produce.
inline bool IsBlank(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
    } else if (text.substr(i, 3) == "\xE3\x80\x80") {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

// INVALID_ARGUMENT on `field` unless the text is valid UTF-8, at most `max_chars` characters and, when
// required, not blank. `what` names the column in the message ("作业步骤 step").
inline Status CheckText(std::string_view text, const std::string& field, std::string_view what, long max_chars,
                        bool required) {
  long length = Utf8Length(text);
  if (length < 0) return InvalidArgument(field + " (" + std::string(what) + ") is not valid UTF-8", field);
  if (required && IsBlank(text)) return InvalidArgument(field + " (" + std::string(what) + ") is required", field);
  if (length > max_chars) {
    return InvalidArgument(field + " (" + std::string(what) + ") must be at most " + std::to_string(max_chars) +
                               " characters; got " + std::to_string(length),
                           field);
  }
  return Status::Ok();
}

}  // namespace safeloop::risk::internal
