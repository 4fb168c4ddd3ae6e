// ssh_values: the value syntaxes of ssh_config(5) that the transport understands (ports,
// TIME FORMATS, file names with ~ and %-tokens). Standard library and POSIX only.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace scsctl::transport {

/// A TCP port: digits only, 1..65535.
std::optional<int> parse_port(std::string_view text);

/// ssh_config(5) TIME FORMATS: "30", "30s", "1m30s", "2h" (units s m h d w, any case).
std::optional<std::chrono::seconds> parse_time(std::string_view text);

/// A file name as ssh(1) expands it: "~", "~/x", "~user/x", and %d (home), %u (local
/// user), %%. nullopt for other %-tokens (they need the connection, e.g. %h) and for an
/// unknown ~user.
std::optional<std::string> expand_path(std::string_view path, const std::string& home);

/// $HOME, else the password database's home of the current user, else "/".
std::string default_home();

} // namespace scsctl::transport
