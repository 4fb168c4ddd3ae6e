// PluginProcess: one running external layer plugin (scsctl-layer-NAME) and the line
// exchange with it: one JSON object per line each way, every request with a deadline, a
// cap on the reply's size, and the whole process group killed on any fault or at the end.
// Knows nothing of the messages' meaning (plugin_protocol.hpp). Depends on core and POSIX.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/value.hpp"
#include "layers/plugin_fault.hpp"

namespace scsctl::layers {

struct PluginLimits {
    std::chrono::milliseconds timeout{10000}; ///< per request (SCSCTL_PLUGIN_TIMEOUT)
    std::size_t max_line = 4 * 1024 * 1024;   ///< a reply line longer than this is refused
};

/// The environment a plugin is started with: only these variables pass, whatever
/// scsctl's own environment holds (docs/plugin-protocol.md, "Environment").
std::vector<std::string> plugin_environment();

class PluginProcess {
  public:
    /// Starts `path` (argv = {path}, no shell) in its own process group with
    /// plugin_environment(). Fails (kind failed: a plugin fault) when it cannot be started.
    static core::Result<std::unique_ptr<PluginProcess>> start(const std::string& path, PluginLimits limits);

    PluginProcess(const PluginProcess&) = delete;
    PluginProcess& operator=(const PluginProcess&) = delete;
    ~PluginProcess();

    /// Sends `message` (one line) and reads one line back, parsed as JSON. On any fault
    /// (exit, signal, deadline, over-long line, not JSON) the process group is killed and
    /// the error (kind failed, no plugin name: the caller adds it) says what happened;
    /// every later request fails the same way.
    core::Result<core::Value> request(const core::Value& message, const std::string& what);

    /// Closes the plugin's stdin, gives it a moment to exit, then kills its process group.
    void stop();

    pid_t pid() const { return m_pid; }

  private:
    PluginProcess(pid_t pid, int to_plugin, int from_plugin, int errors, PluginLimits limits);
    core::Error fault(std::string message);
    std::string exit_description();
    std::string stderr_tail() const;
    void drain_stderr();
    void kill_group();

    pid_t m_pid;
    int m_to_plugin;   ///< its stdin (a socket: writes never raise SIGPIPE)
    int m_from_plugin; ///< its stdout
    int m_errors;      ///< its stderr, kept as a short tail for error messages
    PluginLimits m_limits;
    std::string m_buffer; ///< bytes read after the last complete line
    std::string m_stderr;
    bool m_reaped = false;
    int m_status = 0;
    std::optional<core::Error> m_broken;
};

} // namespace scsctl::layers
