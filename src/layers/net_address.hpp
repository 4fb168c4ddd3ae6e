// Network syntax the layers' variables use: CIDRs (IPv4 and IPv6, with overlap test) and
// addresses (host name or IP, optional scheme and port, as BMC addresses are written).
// Pure functions over text; depends on core.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace scsctl::layers {

struct Cidr {
    bool ipv6 = false;
    std::array<std::uint8_t, 16> bytes{}; ///< network address (IPv4 in the first 4 bytes)
    int prefix = 0;
};

/// "192.0.2.0/24", "2001:db8::/32". Fails (config, message without location) when the
/// text is not ADDRESS/PREFIX, the prefix is out of range, or host bits are set.
core::Result<Cidr> parse_cidr(std::string_view text);

/// Whether the two networks share an address (never across IPv4 and IPv6).
bool overlaps(const Cidr& a, const Cidr& b);

/// A host name (RFC 1123 labels), IPv4 or IPv6 address; with `allow_scheme_port` also an
/// optional "https://" or "ipmi://" in front and ":PORT" (IPv6 then in brackets) behind.
/// Fails (config) with the reason.
core::Result<void> check_address(std::string_view text, bool allow_scheme_port);

/// The text of `cidr` as "ADDRESS/PREFIX" in canonical form.
std::string cidr_text(const Cidr& cidr);

} // namespace scsctl::layers
