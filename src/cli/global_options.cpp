// Colour decision and stderr reporting shared by all subcommands.
#include "cli/global_options.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace scsctl::cli {

bool use_color(ColorMode mode, int fd)
{
    switch (mode) {
    case ColorMode::always:
        return true;
    case ColorMode::never:
        return false;
    case ColorMode::automatic:
        break;
    }
    // https://no-color.org: any non-empty NO_COLOR disables colour.
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color != nullptr && no_color[0] != '\0') {
        return false;
    }
    const char* term = std::getenv("TERM");
    if (term != nullptr && std::strcmp(term, "dumb") == 0) {
        return false;
    }
    return ::isatty(fd) == 1;
}

Console::Console(const GlobalOptions& options) : m_options(options), m_color(use_color(options.color, STDERR_FILENO))
{
}

void Console::print(const char* label, const char* color, const std::string& raw_message) const
{
    const std::string message = m_filter ? m_filter(raw_message) : raw_message;
    if (m_color) {
        std::fprintf(stderr, "scsctl: \033[%sm%s:\033[0m %s\n", color, label, message.c_str());
    } else {
        std::fprintf(stderr, "scsctl: %s: %s\n", label, message.c_str());
    }
}

void Console::error(const std::string& message) const
{
    print("error", "1;31", message);
}

void Console::warning(const std::string& message) const
{
    print("warning", "1;35", message);
}

void Console::note(const std::string& raw_message) const
{
    const std::string message = m_filter ? m_filter(raw_message) : raw_message;
    std::fprintf(stderr, "scsctl: %s\n", message.c_str());
}

void Console::info(const std::string& message) const
{
    if (m_options.verbosity > 0) {
        print("info", "1;36", message);
    }
}

std::size_t Console::report(const core::Diagnostics& diagnostics) const
{
    for (const auto& item : diagnostics.sorted()) {
        if (item.severity == core::Severity::error) {
            error(item.str());
        } else {
            warning(item.str());
        }
    }
    return diagnostics.error_count();
}

} // namespace scsctl::cli
