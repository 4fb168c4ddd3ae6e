// SshProbe: reports the host key of an established (or key-checked) session; the
// building block of `scsctl ssh trust` and reachability checks.
#pragma once

#include <functional>

#include "transport/pool.hpp"
#include "transport/ssh_operation.hpp"

namespace scsctl::transport {

class SshProbe final : public SshOperation {
public:
    SshProbe(std::string address, std::function<void(std::expected<HostKeyInfo, Failure>)> done)
        : m_address(std::move(address)), m_done(std::move(done))
    {
    }

    Step step(SshSessionView& session) override
    {
        if (!session.host_key()) {
            fail(Failure{FailureKind::handshake, session.host() + ": no host key"});
            return Step::done;
        }
        const HostKey& key = *session.host_key();
        deliver(HostKeyInfo{m_address, key.type, key.blob, fingerprint(key)});
        return Step::done;
    }
    Step release(SshSessionView&) override { return Step::done; }
    void fail(const Failure& failure) override { deliver(std::unexpected(failure)); }

private:
    void deliver(std::expected<HostKeyInfo, Failure> outcome)
    {
        if (m_done) {
            auto done = std::move(m_done);
            done(std::move(outcome));
        }
    }

    std::string m_address;
    std::function<void(std::expected<HostKeyInfo, Failure>)> m_done;
};

} // namespace scsctl::transport
