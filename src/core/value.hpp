// Value: the dynamic value of a variable (Ansible's Python objects). Mappings keep
// insertion order, as Python dicts do. Depends on nlohmann_json only.
#pragma once

#include <nlohmann/json.hpp>

namespace scsctl::core {

using Value = nlohmann::ordered_json;

/// Ansible's combine_vars with hash_behaviour=replace: keys of `overlay` replace those
/// of `base` (shallow), keeping the position of keys that already existed.
void combine_into(Value& base, const Value& overlay);

/// Appends `key` to mapping `object` without searching for it first (ordered_json looks
/// keys up linearly, which makes building a mapping of N keys O(N²)). The caller
/// guarantees that `key` is not in `object` yet.
void append_new_key(Value& object, std::string key, Value value);

/// Recursive merge of mappings (Ansible's merge_hash): nested mappings merge key by
/// key, anything else in `overlay` replaces.
void merge_recursive(Value& base, const Value& overlay);

} // namespace scsctl::core
