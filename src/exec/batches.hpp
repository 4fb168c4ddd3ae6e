// Serial batches: `serial: 2`, `serial: "30%"`, `serial: [1, 5, "50%"]` (the last size
// repeats), as Ansible splits a play's hosts. Depends on core.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/value.hpp"

namespace scsctl::exec {

/// The hosts split into batches. `serial` is rendered; null or 0 means one batch.
core::Result<std::vector<std::vector<std::string>>> split_batches(const std::vector<std::string>& hosts,
                                                                  const core::Value& serial);

} // namespace scsctl::exec
