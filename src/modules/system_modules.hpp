// The system and control modules' accessors, each defined in its own <name>.cpp and
// listed by system_modules_table.cpp. Depends on module.hpp only.
#pragma once

#include "modules/module.hpp"

namespace scsctl::modules {

const Module& apt_module();
const Module& package_module();
const Module& service_module();
const Module& systemd_module();
const Module& user_module();
const Module& group_module();
const Module& sysctl_module();
const Module& hostname_module();
const Module& wait_for_module();
const Module& wait_for_connection_module();
const Module& pause_module();
const Module& assert_module();
const Module& fail_module();
const Module& debug_module();
const Module& set_fact_module();
const Module& meta_module();
const Module& setup_module();

} // namespace scsctl::modules
