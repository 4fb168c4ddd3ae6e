// Typed access to a module's (rendered) arguments: Ansible's argument-spec rules for
// strings, booleans, integers, lists and file modes, alias resolution and unknown-key
// errors with spelling hints. Shared by both module families; depends on core only.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/value.hpp"

namespace scsctl::modules {

/// One accepted argument: its canonical name and its aliases (spelt as Ansible does).
struct ArgSpec {
    std::string_view name;
    std::vector<std::string_view> aliases = {};
    bool required = false;
};

/// The common file attributes every file-writing module accepts (mode, owner, group,
/// unsafe_writes, attributes, seuser, serole, setype, selevel).
std::span<const ArgSpec> file_common_args();

/// Ansible's boolean(): true for yes/on/1/true/y/t (any case) and 1, false for the
/// opposite words and 0; anything else is an error naming `name`.
core::Result<bool> to_bool(const core::Value& value, std::string_view name);

/// A scalar as Python's str() would print it (numbers, booleans as True/False).
core::Result<std::string> to_str(const core::Value& value, std::string_view name);

/// A module's arguments after alias resolution: `_raw_params` stays as is. Construction
/// never fails; check() reports unknown keys and missing required ones.
class Args {
public:
    Args(const core::Value& raw, std::span<const ArgSpec> spec, std::span<const ArgSpec> extra = {});

    /// One line per problem: "unsupported parameter 'x' (did you mean 'mode'?)",
    /// "missing required arguments: path".
    std::vector<std::string> check() const;
    /// check() joined with "; " as a failed Result (for decide()).
    core::Result<void> require_valid() const;

    bool has(std::string_view name) const; ///< present and not null
    const core::Value* get(std::string_view name) const;

    core::Result<std::optional<std::string>> str(std::string_view name) const;
    core::Result<std::string> str_or(std::string_view name, std::string_view fallback) const;
    core::Result<bool> boolean(std::string_view name, bool fallback) const;
    core::Result<std::optional<long long>> integer(std::string_view name) const;
    /// A list, or a comma-separated string split as Ansible's type='list' does.
    core::Result<std::optional<std::vector<std::string>>> list(std::string_view name) const;

private:
    core::Value m_values = core::Value::object();
    std::vector<std::string> m_unknown;
    std::vector<std::string> m_known;
    std::vector<std::string> m_missing;
};

/// A requested file mode: an absolute number, or a symbolic expression (u+rwx,g-w)
/// resolved against the current mode.
struct ModeSpec {
    std::optional<unsigned> absolute;
    std::string symbolic;
    std::string text; ///< as given, for messages
};

/// Parses Ansible's mode argument: an int is taken as the number given (YAML 0644 is
/// 420), a digit string as octal ('0644', '644'), anything else as symbolic mode;
/// 'preserve' is refused (copy handles it itself). Symbolic syntax is checked here.
core::Result<ModeSpec> parse_mode(const core::Value& value);

/// The permission bits (07777) `spec` gives for a file whose current bits are `current`;
/// `is_dir` matters for X. A clause without who (`+x`) applies to all (umask ignored).
unsigned apply_mode(const ModeSpec& spec, unsigned current, bool is_dir);

/// "0644" (at least four octal digits), as Ansible prints modes.
std::string mode_string(unsigned mode);

} // namespace scsctl::modules
