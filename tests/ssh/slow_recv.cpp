// Test-only interposition of recv(2) for this test binary: libssh2 calls recv() from
// libc, and a definition in the executable takes precedence. While slow_recv_delay is
// non-zero, each call first sleeps that long, which widens the window between two
// libssh2 reads in which the server's next packets arrive: the timing under which data
// read "for another channel" used to be left unnoticed (see stress_test.cpp).
#include "slow_recv.hpp"

#include <dlfcn.h>
#include <sys/socket.h>

#include <thread>

namespace scsctl::testing {

std::atomic<int> slow_recv_delay_us{0};

} // namespace scsctl::testing

extern "C" ssize_t recv(int fd, void* buffer, size_t length, int flags)
{
    using Recv = ssize_t (*)(int, void*, size_t, int);
    static const auto real = reinterpret_cast<Recv>(::dlsym(RTLD_NEXT, "recv"));
    if (const int delay = scsctl::testing::slow_recv_delay_us.load(std::memory_order_relaxed); delay > 0) {
        std::this_thread::sleep_for(std::chrono::microseconds(delay));
    }
    return real(fd, buffer, length, flags);
}
