// CIDR and address parsing with inet_pton (no hand-written IP parser) and bit masks for
// overlap: two networks overlap exactly when they agree on the shorter prefix's bits.
#include "layers/net_address.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <charconv>

namespace scsctl::layers {

namespace {

core::Error bad(std::string message)
{
    return {core::ErrorKind::config, std::move(message), {}};
}

bool parse_ip(std::string_view text, bool ipv6, std::uint8_t* out)
{
    if (text.empty() || text.size() > 64) {
        return false;
    }
    const std::string copy(text);
    return inet_pton(ipv6 ? AF_INET6 : AF_INET, copy.c_str(), out) == 1;
}

bool is_ip(std::string_view text)
{
    std::uint8_t buffer[16];
    return parse_ip(text, false, buffer) || parse_ip(text, true, buffer);
}

bool is_label(std::string_view label)
{
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
        return false;
    }
    return std::ranges::all_of(label,
                               [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-'; });
}

bool is_host_name(std::string_view text)
{
    if (text.empty() || text.size() > 253) {
        return false;
    }
    if (text.back() == '.') {
        text.remove_suffix(1);
    }
    bool all_numeric = true;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto dot = std::min(text.find('.', start), text.size());
        const auto label = text.substr(start, dot - start);
        if (!is_label(label)) {
            return false;
        }
        all_numeric = all_numeric && std::ranges::all_of(label, [](char c) { return c >= '0' && c <= '9'; });
        start = dot + 1;
    }
    return !all_numeric; // "999.1.1.1" is a broken IPv4 address, not a name
}

bool is_port(std::string_view text)
{
    int port = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    return ec == std::errc() && end == text.data() + text.size() && port >= 1 && port <= 65535;
}

} // namespace

core::Result<Cidr> parse_cidr(std::string_view text)
{
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) {
        return core::fail(bad("'" + std::string(text) + "' is not a CIDR (ADDRESS/PREFIX)"));
    }
    Cidr cidr;
    const auto address = text.substr(0, slash);
    cidr.ipv6 = address.find(':') != std::string_view::npos;
    if (!parse_ip(address, cidr.ipv6, cidr.bytes.data())) {
        return core::fail(bad("'" + std::string(text) + "' is not a CIDR: '" + std::string(address) +
                              "' is not an IPv" + (cidr.ipv6 ? "6" : "4") + " address"));
    }
    const auto digits = text.substr(slash + 1);
    const int max = cidr.ipv6 ? 128 : 32;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), cidr.prefix);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || cidr.prefix < 0 ||
        cidr.prefix > max) {
        return core::fail(
            bad("'" + std::string(text) + "' is not a CIDR: the prefix must be 0 to " + std::to_string(max)));
    }
    Cidr network = cidr;
    for (int bit = cidr.prefix; bit < max; ++bit) {
        network.bytes[static_cast<std::size_t>(bit / 8)] &= static_cast<std::uint8_t>(~(0x80u >> (bit % 8)));
    }
    if (network.bytes != cidr.bytes) {
        return core::fail(
            bad("'" + std::string(text) + "' has host bits set (did you mean '" + cidr_text(network) + "'?)"));
    }
    return cidr;
}

bool overlaps(const Cidr& a, const Cidr& b)
{
    if (a.ipv6 != b.ipv6) {
        return false;
    }
    const int prefix = std::min(a.prefix, b.prefix);
    for (int bit = 0; bit < prefix; ++bit) {
        const auto byte = static_cast<std::size_t>(bit / 8);
        const unsigned mask = 0x80u >> (bit % 8);
        if ((a.bytes[byte] & mask) != (b.bytes[byte] & mask)) {
            return false;
        }
    }
    return true;
}

std::string cidr_text(const Cidr& cidr)
{
    char buffer[INET6_ADDRSTRLEN] = {};
    inet_ntop(cidr.ipv6 ? AF_INET6 : AF_INET, cidr.bytes.data(), buffer, sizeof buffer);
    return std::string(buffer) + "/" + std::to_string(cidr.prefix);
}

core::Result<void> check_address(std::string_view text, bool allow_scheme_port)
{
    const std::string quoted = "'" + std::string(text) + "'";
    std::string_view rest = text;
    const auto scheme_end = rest.find("://");
    if (scheme_end != std::string_view::npos) {
        const auto scheme = rest.substr(0, scheme_end);
        if (!allow_scheme_port || (scheme != "https" && scheme != "ipmi")) {
            return core::fail(bad(quoted + " is not an address: unsupported scheme '" + std::string(scheme) +
                                  "://' (use https:// or ipmi://)"));
        }
        rest.remove_prefix(scheme_end + 3);
    }
    if (is_ip(rest) || is_host_name(rest)) {
        return {};
    }
    if (allow_scheme_port) {
        std::string_view host = rest;
        std::string_view port;
        if (rest.starts_with('[')) {
            const auto close = rest.find(']');
            if (close != std::string_view::npos && rest.substr(close + 1).starts_with(':')) {
                host = rest.substr(1, close - 1);
                port = rest.substr(close + 2);
                std::uint8_t buffer[16];
                if (parse_ip(host, true, buffer) && is_port(port)) {
                    return {};
                }
            }
        } else if (const auto colon = rest.rfind(':'); colon != std::string_view::npos) {
            host = rest.substr(0, colon);
            port = rest.substr(colon + 1);
            std::uint8_t buffer[16];
            if ((parse_ip(host, false, buffer) || is_host_name(host)) && is_port(port)) {
                return {};
            }
            if (host.find(':') == std::string_view::npos && !is_port(port)) {
                return core::fail(bad(quoted + " is not an address: invalid port '" + std::string(port) + "'"));
            }
        }
    }
    return core::fail(bad(quoted + " is not a host name, IPv4 or IPv6 address"));
}

} // namespace scsctl::layers
