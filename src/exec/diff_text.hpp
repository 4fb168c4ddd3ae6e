// Unified diffs of a module's before/after pairs for --diff, in the layout Ansible
// prints (--- before: PATH / +++ after: PATH, @@ hunks with 3 lines of context).
// Depends on modules (the Diff type).
#pragma once

#include <string>
#include <vector>

#include "modules/module.hpp"

namespace scsctl::exec {

std::string unified_diff(const modules::Diff& diff);
std::string unified_diffs(const std::vector<modules::Diff>& diffs);

} // namespace scsctl::exec
