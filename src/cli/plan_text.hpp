// The plan for humans: a tree of layer -> play -> hosts -> tasks. Depends on plan.
#pragma once

#include <ostream>

#include "plan/plan.hpp"

namespace scsctl::cli {

void print_plan_tree(std::ostream& out, const plan::Plan& plan);

} // namespace scsctl::cli
