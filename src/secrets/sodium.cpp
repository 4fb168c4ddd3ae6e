// sodium_init returns 0 the first time, 1 when already initialised, -1 on failure.
#include "secrets/sodium.hpp"

#include <sodium.h>

namespace scsctl::secrets {

bool sodium_ready()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

std::string random_bytes(std::size_t count)
{
    std::string out(count, '\0');
    if (sodium_ready() && count > 0) {
        randombytes_buf(out.data(), out.size());
    }
    return out;
}

} // namespace scsctl::secrets
