// sudo wrapping: -n without a password (fail fast), -S with the password on stdin.
#include "transport/become.hpp"

#include "core/shell_quote.hpp"

namespace scsctl::transport {

std::string wrap_become(const std::string& command, const Become& become)
{
    std::string out = "sudo ";
    if (become.password.empty()) {
        out += "-n ";
    } else {
        out += "-S -p " + core::shell_quote(k_sudo_prompt) + " ";
    }
    out += "-H -u " + core::shell_quote(become.user) + " -- /bin/sh -c " + core::shell_quote(command);
    return out;
}

std::string become_stdin(const Become& become, const std::string& data)
{
    if (become.password.empty()) {
        return data;
    }
    return become.password + "\n" + data;
}

bool sudo_password_failed(std::string_view stderr_text, const Become& become)
{
    if (become.password.empty()) {
        return stderr_text.find("sudo: a password is required") != std::string_view::npos ||
               stderr_text.find("sudo: a terminal is required") != std::string_view::npos;
    }
    // With -S a wrong password makes sudo say so and prompt again.
    const std::size_t first = stderr_text.find(k_sudo_prompt);
    const bool prompted_twice =
        first != std::string_view::npos && stderr_text.find(k_sudo_prompt, first + 1) != std::string_view::npos;
    return prompted_twice || stderr_text.find("incorrect password attempt") != std::string_view::npos;
}

std::string strip_sudo_prompt(std::string_view stderr_text)
{
    std::string out(stderr_text);
    for (std::size_t at = out.find(k_sudo_prompt); at != std::string::npos; at = out.find(k_sudo_prompt, at)) {
        out.erase(at, k_sudo_prompt.size());
    }
    return out;
}

} // namespace scsctl::transport
