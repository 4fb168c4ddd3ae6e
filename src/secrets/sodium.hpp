// libsodium's one-time initialisation, shared by every file that draws random bytes or
// encrypts. Depends on libsodium only.
#pragma once

#include <string>

namespace scsctl::secrets {

/// True once libsodium is initialised (thread-safe; sodium_init may run many times).
bool sodium_ready();

/// `count` random bytes from libsodium's CSPRNG (the kernel's getrandom).
std::string random_bytes(std::size_t count);

} // namespace scsctl::secrets
