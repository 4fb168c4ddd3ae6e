// New values for declared secrets, and completing or rotating a store's values.
// Randomness comes from libsodium only. Depends on core and the registry.
#pragma once

#include <string>
#include <vector>

#include "core/value.hpp"
#include "secrets/secret_registry.hpp"

namespace scsctl::secrets {

/// A fresh value of `decl`'s kind: a string, or a mapping for key pairs.
core::Value generate_secret(const SecretDecl& decl);

/// Adds a value for every declared name `values` lacks (a mapping; never replaces a value
/// that exists, whatever it holds) and returns the names added, in registry order.
std::vector<std::string> complete_secrets(core::Value& values);

} // namespace scsctl::secrets
