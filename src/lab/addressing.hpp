// A lab's names and addresses, derived from its directory: an id (hash of the absolute
// path), the bridge, netns, veth and machine names, and a private /24 that collides with
// no route of this machine. Pure functions; depends on core only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace scsctl::lab {

/// An IPv4 network: address (host order) and prefix length.
struct Ipv4Net {
    std::uint32_t address = 0;
    int prefix = 0;

    std::uint32_t mask() const { return prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix); }
    std::string str() const; ///< "10.213.7.0/24"
    bool operator==(const Ipv4Net&) const = default;
};

std::string format_ipv4(std::uint32_t address);

/// Parses "A.B.C.D/P"; fails (kind usage) on bad syntax or host bits set.
core::Result<Ipv4Net> parse_ipv4_net(std::string_view text);

bool overlaps(const Ipv4Net& a, const Ipv4Net& b);

/// Eight hex digits naming a lab: FNV-1a of its absolute directory path.
std::string lab_id(std::string_view absolute_dir);

/// The networks this machine routes, from /proc/net/route's text (default route left out).
std::vector<Ipv4Net> parse_proc_routes(std::string_view text);

/// The first /24 in 10.213.0.0/16 .. 10.250.0.0/16, starting at a place chosen by `id`,
/// that overlaps none of `taken`; nullopt when every candidate is taken.
std::optional<Ipv4Net> derive_subnet(std::string_view id, const std::vector<Ipv4Net>& taken);

/// Why `wanted` cannot be used ("overlaps route 10.0.0.0/8"), or "" when it is free.
/// A lab's subnet must be a /16 to /29 (room for a gateway and hosts).
std::string subnet_conflict(const Ipv4Net& wanted, const std::vector<Ipv4Net>& taken);

/// The gateway (the bridge's address: first address) and host i's address (i from 1).
std::uint32_t gateway_address(const Ipv4Net& subnet);
std::uint32_t host_address(const Ipv4Net& subnet, int index);
/// How many hosts fit in `subnet` (addresses .10 on, leaving the broadcast address).
int host_capacity(const Ipv4Net& subnet);

/// Interface names (at most 15 characters) and namespace names of lab `id`.
std::string bridge_name(std::string_view id);              ///< "slb-1a2b3c4d"
std::string veth_name(std::string_view id, int index);     ///< "slv1a2b3c-12"
std::string netns_name(std::string_view id, std::string_view host); ///< "scslab-1a2b3c4d-lab1"
std::string machine_name(std::string_view id, std::string_view host); ///< "lab1-1a2b3c4d"
/// The iptables comment that marks this lab's rules.
std::string nat_comment(std::string_view id); ///< "scsctl-lab-1a2b3c4d"

} // namespace scsctl::lab
