// Privilege escalation with sudo: wrapping a command so that the password travels on
// stdin (never argv) and a missing or wrong password is recognised. Depends on core.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace scsctl::transport {

struct Become {
    std::string user = "root";
    std::string password; ///< "" means none: sudo -n, failing fast when one is needed
};

/// The prompt scsctl asks sudo to print, so that it can be told apart from output.
inline constexpr std::string_view k_sudo_prompt = "[scsctl-sudo-password]";

/// `command` wrapped to run as become.user through sudo and /bin/sh -c.
std::string wrap_become(const std::string& command, const Become& become);

/// What to send on stdin: the password line first when there is one, then `data`.
std::string become_stdin(const Become& become, const std::string& data);

/// True when stderr shows that sudo wanted a password it did not get or rejected it.
bool sudo_password_failed(std::string_view stderr_text, const Become& become);

/// stderr without sudo's prompt (which it prints once per attempt with -S).
std::string strip_sudo_prompt(std::string_view stderr_text);

} // namespace scsctl::transport
