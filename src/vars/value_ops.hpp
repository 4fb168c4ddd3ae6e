// Python semantics for template values: truthiness, equality, ordering, arithmetic and
// `in`, with Python's TypeError messages. Depends on core only.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/value.hpp"

namespace scsctl::vars {

/// Python's type name: NoneType, bool, int, float, str, list, dict.
std::string python_type(const core::Value& value);
bool python_truthy(const core::Value& value);
bool python_equal(const core::Value& a, const core::Value& b);
/// `a op b` for op in < <= > >=.
core::Result<bool> python_order(std::string_view op, const core::Value& a, const core::Value& b);
/// `needle in haystack`.
core::Result<bool> python_contains(const core::Value& haystack, const core::Value& needle);
/// + - * / // % ** on values.
core::Result<core::Value> python_arith(std::string_view op, const core::Value& a, const core::Value& b);

} // namespace scsctl::vars
