// Signal handlers that only touch async-signal-safe state: an atomic flag and the
// pool's eventfds (write(2) is async-signal-safe).
#include "cli/signals.hpp"

#include <atomic>
#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

#include "core/exit_codes.hpp"

namespace scsctl::cli {

namespace {

std::atomic<transport::Pool*> g_pool{nullptr};
volatile std::sig_atomic_t g_signal = 0;
struct sigaction g_old_int {};
struct sigaction g_old_term {};

void on_signal(int signal)
{
    if (g_signal != 0) {
        // Second signal: the user insists. Leave immediately.
        ::_exit(signal == SIGINT ? core::k_exit_interrupted : core::k_exit_terminated);
    }
    g_signal = signal;
    constexpr char k_message[] = "\nscsctl: interrupted, closing connections (press Ctrl-C again to exit now)\n";
    [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, k_message, sizeof(k_message) - 1);
    if (transport::Pool* pool = g_pool.load()) {
        pool->request_cancel_from_signal();
    }
}

} // namespace

SignalScope::SignalScope(transport::Pool& pool)
{
    g_pool = &pool;
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, &g_old_int);
    ::sigaction(SIGTERM, &action, &g_old_term);
}

SignalScope::~SignalScope()
{
    ::sigaction(SIGINT, &g_old_int, nullptr);
    ::sigaction(SIGTERM, &g_old_term, nullptr);
    g_pool = nullptr;
}

int SignalScope::received()
{
    return g_signal;
}

int SignalScope::exit_code_or(int otherwise)
{
    if (g_signal == SIGINT) {
        return core::k_exit_interrupted;
    }
    if (g_signal == SIGTERM) {
        return core::k_exit_terminated;
    }
    return otherwise;
}

void raise_open_file_limit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

} // namespace scsctl::cli
