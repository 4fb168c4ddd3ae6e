// Base64 (RFC 4648, with padding): for binary data in JSON and for key blobs.
// Depends on the standard library only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace scsctl::core {

std::string base64_encode(std::string_view data);

/// Decodes standard base64 (padding optional, no whitespace); nullopt when malformed.
std::optional<std::string> base64_decode(std::string_view text);

} // namespace scsctl::core
