// Ansible 2.14's conversion of rendered template text back to native values (its
// ansible_concat + ast.literal_eval step). Depends on core only.
#pragma once

#include <optional>
#include <string_view>

#include "core/value.hpp"

namespace scsctl::vars {

/// Python's ast.literal_eval for the literals Ansible meets (str, int, float, True,
/// False, None, list, tuple, dict); nullopt when `text` is not such a literal.
std::optional<core::Value> literal_eval(std::string_view text);

/// The rendered text of a template as ansible-core 2.14 returns it: literal_eval'd when
/// it starts with `{` or `[` or is `True`/`False` (and parses), else the string.
core::Value native_from_text(std::string text);

} // namespace scsctl::vars
