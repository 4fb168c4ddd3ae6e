// The filter and test tables of the template engine (Jinja2 builtins and Ansible's
// additions), as plain functions over core::Value. The evaluator handles the few that
// need undefined values (default/d, mandatory, defined, undefined). Depends on core.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "core/value.hpp"

namespace scsctl::vars {

struct FilterArgs {
    std::vector<core::Value> positional;
    std::vector<std::pair<std::string, core::Value>> named;
    /// The named argument `name`, else positional[index], else nullptr.
    const core::Value* get(std::string_view name, std::size_t index) const;
};

/// Errors are one lowercase line ("join expects a list, got int").
using FilterFn = core::Result<core::Value> (*)(const core::Value& input, const FilterArgs& args);
using TestFn = core::Result<bool> (*)(const core::Value& input, const FilterArgs& args);

/// nullptr when there is no such filter/test.
FilterFn find_filter(std::string_view name);
TestFn find_test(std::string_view name);
const std::vector<std::string>& filter_names();
const std::vector<std::string>& test_names();

} // namespace scsctl::vars
