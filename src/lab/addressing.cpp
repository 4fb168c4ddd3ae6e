// Lab names and addresses. Subnets come from 10.213.0.0-10.250.255.0 (/24 each), a range
// rarely used by clouds' and containers' defaults; the lab id picks where the search
// starts, so two labs usually get different subnets without coordination, and a taken
// one is skipped.
#include "lab/addressing.hpp"

#include <charconv>
#include <cstdio>
#include <sstream>

namespace scsctl::lab {

namespace {

constexpr std::uint32_t k_first_candidate = (10u << 24) | (213u << 16);
constexpr std::uint32_t k_candidates = 38u * 256u; // 10.213.0.0/24 .. 10.250.255.0/24

std::uint64_t fnv1a(std::string_view text)
{
    std::uint64_t hash = 1469598103934665603ull;
    for (const unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return hash;
}

std::optional<std::uint32_t> parse_dotted(std::string_view text)
{
    std::uint32_t address = 0;
    for (int part = 0; part < 4; ++part) {
        unsigned value = 0;
        const auto* end = text.data() + text.size();
        auto [ptr, ec] = std::from_chars(text.data(), end, value);
        if (ec != std::errc{} || value > 255 || ptr == text.data()) {
            return std::nullopt;
        }
        address = (address << 8) | value;
        text.remove_prefix(static_cast<std::size_t>(ptr - text.data()));
        if (part < 3) {
            if (text.empty() || text.front() != '.') {
                return std::nullopt;
            }
            text.remove_prefix(1);
        }
    }
    if (!text.empty()) {
        return std::nullopt;
    }
    return address;
}

std::uint32_t hex_word(std::string_view text)
{
    std::uint32_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value, 16);
    return value;
}

std::uint32_t byte_swap(std::uint32_t v)
{
    return ((v & 0xffu) << 24) | ((v & 0xff00u) << 8) | ((v >> 8) & 0xff00u) | (v >> 24);
}

int prefix_of(std::uint32_t mask)
{
    int prefix = 0;
    while (prefix < 32 && (mask & (0x80000000u >> prefix)) != 0) {
        ++prefix;
    }
    return prefix;
}

} // namespace

std::string format_ipv4(std::uint32_t a)
{
    char text[16];
    std::snprintf(text, sizeof text, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
    return text;
}

std::string Ipv4Net::str() const
{
    return format_ipv4(address) + "/" + std::to_string(prefix);
}

core::Result<Ipv4Net> parse_ipv4_net(std::string_view text)
{
    const auto slash = text.find('/');
    const auto address = parse_dotted(text.substr(0, slash));
    int prefix = -1;
    if (slash != std::string_view::npos) {
        const auto digits = text.substr(slash + 1);
        auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
        if (ec != std::errc{} || ptr != digits.data() + digits.size()) {
            prefix = -1;
        }
    }
    if (!address || prefix < 0 || prefix > 32) {
        return core::fail({core::ErrorKind::usage, "'" + std::string(text) + "' is not an IPv4 network (A.B.C.D/PREFIX)", {}});
    }
    Ipv4Net net{*address, prefix};
    if ((net.address & ~net.mask()) != 0) {
        return core::fail({core::ErrorKind::usage, "'" + std::string(text) + "' has host bits set (did you mean " +
                                                       Ipv4Net{net.address & net.mask(), prefix}.str() + "?)", {}});
    }
    return net;
}

bool overlaps(const Ipv4Net& a, const Ipv4Net& b)
{
    const std::uint32_t mask = a.prefix < b.prefix ? a.mask() : b.mask();
    return (a.address & mask) == (b.address & mask);
}

std::string lab_id(std::string_view absolute_dir)
{
    char text[9];
    std::snprintf(text, sizeof text, "%08x", static_cast<unsigned>(fnv1a(absolute_dir) & 0xffffffffu));
    return text;
}

std::vector<Ipv4Net> parse_proc_routes(std::string_view text)
{
    // Iface Destination Gateway Flags RefCnt Use Metric Mask ...; hex in host (little-endian) order.
    std::vector<Ipv4Net> routes;
    std::istringstream lines{std::string(text)};
    std::string line;
    std::getline(lines, line); // header
    while (std::getline(lines, line)) {
        std::istringstream fields(line);
        std::string iface, destination, gateway, flags, refcnt, use, metric, mask;
        if (!(fields >> iface >> destination >> gateway >> flags >> refcnt >> use >> metric >> mask)) {
            continue;
        }
        const std::uint32_t dest = byte_swap(hex_word(destination));
        const std::uint32_t bits = byte_swap(hex_word(mask));
        if (bits == 0) {
            continue; // the default route covers everything and blocks nothing
        }
        routes.push_back(Ipv4Net{dest & bits, prefix_of(bits)});
    }
    return routes;
}

std::string subnet_conflict(const Ipv4Net& wanted, const std::vector<Ipv4Net>& taken)
{
    if (wanted.prefix < 16 || wanted.prefix > 29) {
        return "a lab subnet must be between /16 and /29";
    }
    for (const auto& route : taken) {
        if (overlaps(wanted, route)) {
            return "overlaps " + route.str() + ", already routed on this machine";
        }
    }
    return "";
}

std::optional<Ipv4Net> derive_subnet(std::string_view id, const std::vector<Ipv4Net>& taken)
{
    const std::uint32_t start = static_cast<std::uint32_t>(fnv1a(id) % k_candidates);
    for (std::uint32_t step = 0; step < k_candidates; ++step) {
        const Ipv4Net candidate{k_first_candidate + (((start + step) % k_candidates) << 8), 24};
        if (subnet_conflict(candidate, taken).empty()) {
            return candidate;
        }
    }
    return std::nullopt;
}

std::uint32_t gateway_address(const Ipv4Net& subnet)
{
    return subnet.address + 1;
}

std::uint32_t host_address(const Ipv4Net& subnet, int index)
{
    const std::uint32_t size = ~subnet.mask() + 1;
    return size >= 64 ? subnet.address + 10 + static_cast<std::uint32_t>(index)
                      : subnet.address + 1 + static_cast<std::uint32_t>(index);
}

int host_capacity(const Ipv4Net& subnet)
{
    const std::uint32_t size = ~subnet.mask() + 1;
    const std::uint32_t first = host_address(subnet, 1) - subnet.address;
    const std::uint32_t capacity = size - 1 - first; // last usable address is size - 2
    return static_cast<int>(std::min<std::uint32_t>(capacity, 999));
}

std::string bridge_name(std::string_view id)
{
    return "slb-" + std::string(id);
}

std::string veth_name(std::string_view id, int index)
{
    return "slv" + std::string(id.substr(0, 6)) + "-" + std::to_string(index);
}

std::string netns_name(std::string_view id, std::string_view host)
{
    return "scslab-" + std::string(id) + "-" + std::string(host);
}

std::string machine_name(std::string_view id, std::string_view host)
{
    return std::string(host) + "-" + std::string(id);
}

std::string nat_comment(std::string_view id)
{
    return "scsctl-lab-" + std::string(id);
}

} // namespace scsctl::lab
