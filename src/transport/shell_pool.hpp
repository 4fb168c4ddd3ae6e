// ShellPool: the idle persistent shells of one SSH connection (session channels running
// /bin/sh that wait for their next command on stdin, see ssh_shell_exec.hpp), and whether
// this host can run one at all. Owned by SshConnection; leased by one command at a time.
// Depends on libssh2 only.
#pragma once

#include <memory>
#include <vector>

#include <libssh2.h>

namespace scsctl::transport {

/// One session channel running /bin/sh, reused command after command.
struct PersistentShell {
    LIBSSH2_CHANNEL* channel = nullptr;
    long pid = 0; ///< the shell's pid = its process group (from its READY line); 0 before
};

class ShellPool {
public:
    /// An idle shell, or null when there is none (the caller opens a new one).
    std::unique_ptr<PersistentShell> lease()
    {
        if (m_idle.empty()) {
            return nullptr;
        }
        auto shell = std::move(m_idle.back());
        m_idle.pop_back();
        return shell;
    }

    void give_back(std::unique_ptr<PersistentShell> shell) { m_idle.push_back(std::move(shell)); }

    /// The host could not start a shell (no /bin/sh, a forced command, ...): every later
    /// command of this connection uses a channel per command.
    void disable() { m_disabled = true; }
    bool disabled() const { return m_disabled; }

    /// The session is being freed (which frees its channels): drop the pointers only.
    void forget_all() { m_idle.clear(); }

    std::size_t idle() const { return m_idle.size(); }

private:
    std::vector<std::unique_ptr<PersistentShell>> m_idle;
    bool m_disabled = false;
};

} // namespace scsctl::transport
