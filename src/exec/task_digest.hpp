// Digests that identify a task across runs (for the journal and --resume): the stable
// task id, and the digest of a task's rendered arguments on one host. SHA-256, hex.
// Depends on core and model.
#pragma once

#include <string>
#include <string_view>

#include "core/value.hpp"
#include "model/play.hpp"

namespace scsctl::exec {

/// Lowercase hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

/// The digest of a value's compact JSON (keys in their order).
std::string value_digest(const core::Value& value);

/// Stable across runs and scsctl versions: the digest of the task's file (absolute), line,
/// raw name, action and raw arguments. Edited tasks get new ids; moved ones too.
std::string task_id_of(const model::Task& task);

} // namespace scsctl::exec
