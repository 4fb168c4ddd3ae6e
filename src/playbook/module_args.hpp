// Free-form module arguments ("src=a dest='b c'", "ls -l chdir=/tmp") split and parsed the
// way Ansible 2.14's splitter does, so k=v strings give the same arguments. Pure text
// handling; depends on core only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/value.hpp"

namespace scsctl::playbook {

/// Splits on spaces (and newlines) outside quotes and Jinja2 blocks; tokens keep their
/// quotes, a token ending a line keeps its "\n". Fails on unbalanced quotes or blocks.
std::expected<std::vector<std::string>, std::string> split_args(std::string_view text);

/// Joins tokens of split_args back: a space between tokens, none after a newline.
std::string join_args(const std::vector<std::string>& tokens);

/// Ansible's parse_kv: `key=value` tokens become string arguments (quotes removed,
/// escapes decoded); other tokens are joined into "_raw_params". With `check_raw`
/// (command, shell, raw, script), only chdir/creates/removes/executable/warn/stdin/
/// stdin_add_newline/strip_empty_ends are taken out; any other k=v stays in the command.
std::expected<core::Value, std::string> parse_kv(std::string_view text, bool check_raw);

/// Modules whose free-form string is a command line (command, shell, raw, script).
bool is_freeform_action(std::string_view action);

/// Modules that accept leftover free-form text at all (the freeform ones plus meta,
/// set_fact, include_*/import_*, include_vars, add_host, group_by).
bool accepts_raw_params(std::string_view action);

/// Whether `text` holds a Jinja2 expression or statement ("{{", "{%").
bool is_template(std::string_view text);

} // namespace scsctl::playbook
