// ssh_values: ports, ssh_config(5) times and ~/%-expanded file names as ssh(1) reads them.
// Standard library and POSIX only; nothing above core.
#include "transport/ssh_values.hpp"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace scsctl::transport {

namespace {

std::string local_user()
{
    passwd entry{};
    passwd* found = nullptr;
    char buffer[4096];
    if (::getpwuid_r(::getuid(), &entry, buffer, sizeof buffer, &found) == 0 && found != nullptr) {
        return found->pw_name;
    }
    const char* user = std::getenv("USER");
    return user != nullptr ? user : "";
}

} // namespace

/// 1..65535, digits only.
std::optional<int> parse_port(std::string_view text)
{
    if (text.empty() || text.size() > 5 || !std::all_of(text.begin(), text.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) != 0;
        })) {
        return std::nullopt;
    }
    const int port = std::stoi(std::string(text));
    return (port >= 1 && port <= 65535) ? std::optional<int>(port) : std::nullopt;
}

/// ssh_config(5) TIME FORMATS: "30", "30s", "1m30s", "2h" (s m h d w), at most ~68 years.
std::optional<std::chrono::seconds> parse_time(std::string_view text)
{
    if (text.empty()) {
        return std::nullopt;
    }
    long long total = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        long long value = 0;
        const std::size_t start = i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0 && value < 1'000'000'000) {
            value = value * 10 + (text[i++] - '0');
        }
        if (i == start) {
            return std::nullopt;
        }
        long long unit = 1;
        if (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) == 0) {
            const auto units = std::string_view("sSmMhHdDwW");
            const auto at = units.find(text[i++]);
            if (at == std::string_view::npos) {
                return std::nullopt;
            }
            constexpr long long k_units[] = {1, 60, 3600, 86400, 604800};
            unit = k_units[at / 2];
        } else if (i < text.size()) {
            return std::nullopt; // more than 9 digits
        }
        total += value * unit;
        if (total > 0x7fffffff) {
            return std::nullopt;
        }
    }
    return std::chrono::seconds(total);
}

std::string default_home()
{
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
        return home;
    }
    passwd entry{};
    passwd* found = nullptr;
    char buffer[4096];
    if (::getpwuid_r(::getuid(), &entry, buffer, sizeof buffer, &found) == 0 && found != nullptr) {
        return found->pw_dir;
    }
    return "/";
}

/// "~", "~/x", "~user/x" and %d, %u, %% as ssh(1) expands file names; nullopt when another
/// %-token (which needs the connection, e.g. %h) or an unknown ~user is used.
std::optional<std::string> expand_path(std::string_view path, const std::string& home)
{
    std::string out;
    if (path.starts_with('~')) {
        const auto slash = std::min(path.find('/'), path.size());
        const auto name = std::string(path.substr(1, slash - 1));
        if (name.empty()) {
            out = home;
        } else {
            passwd entry{};
            passwd* found = nullptr;
            char buffer[4096];
            if (::getpwnam_r(name.c_str(), &entry, buffer, sizeof buffer, &found) != 0 || found == nullptr) {
                return std::nullopt;
            }
            out = found->pw_dir;
        }
        path.remove_prefix(slash);
    }
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path[i] != '%') {
            out += path[i];
        } else if (i + 1 < path.size() && path[i + 1] == '%') {
            out += '%';
            ++i;
        } else if (i + 1 < path.size() && path[i + 1] == 'd') {
            out += home;
            ++i;
        } else if (i + 1 < path.size() && path[i + 1] == 'u') {
            out += local_user();
            ++i;
        } else {
            return std::nullopt;
        }
    }
    return out;
}

} // namespace scsctl::transport
