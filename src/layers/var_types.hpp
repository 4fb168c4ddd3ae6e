// Type checks of inventory values against a layer's VarDecl. Pure; depends on core.
#pragma once

#include <optional>
#include <string>

#include "core/value.hpp"
#include "layers/layer.hpp"

namespace scsctl::layers {

/// Why `value` does not fit `decl` ("must be a list of strings, got a string"; the
/// caller adds which variable of which host), or nothing when it fits.
std::optional<std::string> type_mismatch(const VarDecl& decl, const core::Value& value);

/// "a string", "a list", "an integer", ... for messages.
std::string describe_value(const core::Value& value);

} // namespace scsctl::layers
