// Switch for the test binary's slowed recv(2) (slow_recv.cpp).
#pragma once

#include <atomic>

namespace scsctl::testing {

/// Microseconds every recv() in this process sleeps first; 0 (the default) for none.
extern std::atomic<int> slow_recv_delay_us;

/// Slows recv() for the lifetime of the guard.
struct SlowRecv {
    explicit SlowRecv(int delay_us) { slow_recv_delay_us = delay_us; }
    ~SlowRecv() { slow_recv_delay_us = 0; }
    SlowRecv(const SlowRecv&) = delete;
    SlowRecv& operator=(const SlowRecv&) = delete;
};

} // namespace scsctl::testing
