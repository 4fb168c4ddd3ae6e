// Parsing etcd:// locations. Only what scsctl needs: host, optional port, a key prefix;
// credentials and query strings are refused rather than silently ignored.
#include "state/etcd_url.hpp"

#include <charconv>

namespace scsctl::state {

namespace {

constexpr std::string_view k_scheme = "etcd://";

core::Result<EtcdLocation> malformed(const std::string& url, const std::string& why)
{
    return core::fail(
        core::Error{core::ErrorKind::config,
                    url + ": " + why + " (expected etcd://HOST:PORT/PREFIX, e.g. etcd://127.0.0.1:2379/scsctl/prod)",
                    {}});
}

} // namespace

bool is_etcd_url(std::string_view location)
{
    return location.starts_with(k_scheme);
}

core::Result<EtcdLocation> parse_etcd_url(const std::string& url)
{
    if (!is_etcd_url(url)) {
        return malformed(url, "not an etcd:// URL");
    }
    const std::string_view rest = std::string_view(url).substr(k_scheme.size());
    const auto slash = rest.find('/');
    const std::string_view authority = rest.substr(0, slash);
    std::string prefix = slash == std::string_view::npos ? std::string() : std::string(rest.substr(slash));
    while (prefix.size() > 1 && prefix.back() == '/') {
        prefix.pop_back();
    }
    if (authority.empty()) {
        return malformed(url, "no host");
    }
    if (authority.find('@') != std::string_view::npos) {
        return malformed(url, "user names and passwords are not supported");
    }
    if (prefix.empty() || prefix == "/") {
        return malformed(url, "no key prefix");
    }
    if (prefix.find_first_of("?#") != std::string::npos) {
        return malformed(url, "query strings are not supported");
    }
    std::string_view host = authority;
    int port = k_etcd_default_port;
    const auto bracket = authority.rfind(']');
    const auto colon = authority.rfind(':');
    if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
        host = authority.substr(0, colon);
        const std::string_view digits = authority.substr(colon + 1);
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
        if (error != std::errc() || end != digits.data() + digits.size() || port <= 0 || port > 65535) {
            return malformed(url, "bad port '" + std::string(digits) + "'");
        }
    }
    if (host.empty()) {
        return malformed(url, "no host");
    }
    return EtcdLocation{std::string(host) + ":" + std::to_string(port), prefix};
}

} // namespace scsctl::state
