// Options accepted by every subcommand, before or after its name: -i, -v, --output,
// --color. Also the Console that prints diagnostics to stderr with or without colour.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"

namespace scsctl::cli {

enum class OutputFormat { text, json, prometheus };
enum class ColorMode { automatic, always, never };

struct GlobalOptions {
    std::vector<std::string> inventories; ///< -i/--inventory, repeatable, in order
    int verbosity = 0;                    ///< -v count
    OutputFormat output = OutputFormat::text;
    /// Set by the subcommands that can print `--output prometheus` (health); any other
    /// rejects it as a usage error.
    bool accepts_prometheus = false;
    ColorMode color = ColorMode::automatic;

    /// The action of the chosen subcommand, set while parsing; returns the exit code.
    std::function<int()> action;
};

/// Whether to colour output written to file descriptor `fd` (NO_COLOR, TERM=dumb and
/// non-terminals disable "auto").
bool use_color(ColorMode mode, int fd);

/// Prints located diagnostics and messages to stderr ("scsctl: error: file:l:c: msg").
class Console {
public:
    explicit Console(const GlobalOptions& options);

    void error(const std::string& message) const;
    void warning(const std::string& message) const;
    void info(const std::string& message) const; ///< shown with -v
    /// Progress the operator should see without -v ("scsctl: message"), e.g. a rolling
    /// upgrade waiting for its health gate.
    void note(const std::string& message) const;
    /// Prints every diagnostic, sorted by place; returns the number of errors.
    std::size_t report(const core::Diagnostics& diagnostics) const;
    /// Every message passes through `filter` before it is printed (secret redaction).
    void set_filter(std::function<std::string(const std::string&)> filter) { m_filter = std::move(filter); }

private:
    void print(const char* label, const char* color, const std::string& message) const;

    const GlobalOptions& m_options;
    bool m_color;
    std::function<std::string(const std::string&)> m_filter;
};

} // namespace scsctl::cli
