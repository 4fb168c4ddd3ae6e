// The system and control modules' table (one explicit list, no self-registration).
// Depends on system_modules.hpp and tables.hpp.
#include "modules/system_modules.hpp"
#include "modules/tables.hpp"

#include <array>

namespace scsctl::modules {

std::span<const Module* const> system_modules()
{
    static const std::array<const Module*, 17> k_modules = {
        &apt_module(),      &package_module(),  &service_module(),  &systemd_module(),
        &user_module(),     &group_module(),    &sysctl_module(),   &hostname_module(),
        &wait_for_module(), &wait_for_connection_module(),          &pause_module(),
        &assert_module(),   &fail_module(),     &debug_module(),    &set_fact_module(),
        &meta_module(),     &setup_module(),
    };
    return k_modules;
}

} // namespace scsctl::modules
