// The version of the JSON Lines event schema (docs/json-events.md), carried by every
// event of `run` and `exec` as "schema". Bumped only for incompatible changes: removing or
// renaming a field or event, or changing a field's type or meaning. Depends on nothing.
#pragma once

namespace scsctl::report {

inline constexpr int k_json_schema_version = 1;

} // namespace scsctl::report
