// Argument checking for the system modules (namespace sys, beside module_args.hpp, which lacks
// load-time type and choice checks): a table of known
// parameters (aliases, choices, required) and Ansible's loose booleans. Depends on core.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/value.hpp"
#include "modules/module.hpp"

namespace scsctl::modules::sys {

enum class ArgType { string, boolean, integer, number, list, mapping, any };

/// One accepted parameter. `aliases` are other names for it; `choices` (when not empty)
/// the allowed string values.
struct ArgSpec {
    std::string_view name;
    ArgType type = ArgType::string;
    std::vector<std::string_view> aliases = {};
    std::vector<std::string_view> choices = {};
    bool required = false;
};

/// Load-time check: unknown keys (with a spelling hint), missing required ones, values of
/// the wrong type or outside `choices`. Templated strings ("{{ ... }}") pass unchecked.
std::vector<std::string> check_args(const core::Value& args, std::span<const ArgSpec> specs);

/// `args` with aliases renamed to their canonical names and a "_raw_params" string of
/// key=value words split into keys (free-form "msg=hi var=x").
core::Value canonical_args(const core::Value& args, std::span<const ArgSpec> specs);

/// Splits "a=1 b='two words'" into a mapping; words without '=' are an error.
core::Result<core::Value> parse_key_values(std::string_view text);

/// Ansible's boolean: true/false, yes/no, on/off, 1/0, y/n (any case).
std::optional<bool> to_bool(const core::Value& value);

/// The string form of a scalar (numbers and booleans as Python prints them).
std::string to_text(const core::Value& value);

/// args[name] as a string, or nullopt when absent or null.
std::optional<std::string> arg_string(const core::Value& args, std::string_view name);

/// args[name] as a boolean; `fallback` when absent; an error when not a boolean.
core::Result<bool> arg_bool(const core::Value& args, std::string_view name, bool fallback);

/// args[name] as an integer (numbers or numeric strings); nullopt when absent.
core::Result<std::optional<long long>> arg_int(const core::Value& args, std::string_view name);

/// args[name] as a number of seconds (int or float); `fallback` when absent.
core::Result<double> arg_seconds(const core::Value& args, std::string_view name, double fallback);

/// args[name] as a list of strings: a list, or a comma-separated string.
std::vector<std::string> arg_list(const core::Value& args, std::string_view name);

/// A decision that fails without running anything, with result["msg"] = `message`.
Decision failed_decision(std::string message);

/// Unwraps a Result inside decide(): on error returns failed_decision(message).
#define SCSCTL_ARG(expr)                                                                   \
    ({                                                                                     \
        auto scsctl_arg_result_ = (expr);                                                  \
        if (!scsctl_arg_result_) {                                                         \
            return ::scsctl::modules::sys::failed_decision(scsctl_arg_result_.error().message); \
        }                                                                                  \
        std::move(scsctl_arg_result_).value();                                             \
    })

} // namespace scsctl::modules::sys
