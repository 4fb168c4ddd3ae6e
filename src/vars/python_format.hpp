// Values printed the way Python prints them, because Ansible's output is Python's:
// str()/repr() of lists and dicts, json.dumps (to_json, to_nice_json) and PyYAML's
// dump (to_yaml, to_nice_yaml). Depends on core.
#pragma once

#include <string>

#include "core/value.hpp"

namespace scsctl::vars {

/// Python's str(value): strings as they are, True/False/None, lists and dicts as repr.
std::string python_str(const core::Value& value);
/// Python's repr(value): 'quoted' strings with Python's escaping.
std::string python_repr(const core::Value& value);

/// json.dumps(value) with Ansible's to_json defaults; indent > 0 gives to_nice_json's
/// layout (indent=4, sort_keys=True, separators (',', ': ')) when nice is true.
std::string python_json(const core::Value& value, bool nice, int indent = 4, bool sort_keys = true);

/// yaml.dump with Ansible's to_yaml (flow style default) / to_nice_yaml (indent 4,
/// default_flow_style=False) settings, byte for byte as PyYAML 5/6 writes them.
std::string python_yaml(const core::Value& value, bool nice, int indent = 4);

} // namespace scsctl::vars
