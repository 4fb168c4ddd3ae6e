// The apt logic shared by the apt and package modules: the read-only dpkg/apt-cache
// probe and the decision. Depends on module.hpp.
#pragma once

#include "modules/module.hpp"

namespace scsctl::modules {

/// The apt probe for canonical apt arguments (names, state, cache_valid_time, ...).
std::string apt_probe(const core::Value& args);

/// The apt decision from canonical apt arguments and the probe's stdout.
Decision apt_decide(const core::Value& args, const StepResult& probe, const TaskContext& context);

/// apt's finish: changed from apt-get's "N upgraded, N newly installed, N to remove".
core::Value apt_finish(const Module& module, const Decision& decision, const std::vector<StepResult>& steps,
                       const TaskContext& context);

} // namespace scsctl::modules
