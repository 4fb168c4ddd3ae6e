// Accessors for the file-handling modules, one per module file; file_modules_table.cpp
// lists them. Depends on module.hpp only.
#pragma once

#include "modules/module.hpp"

namespace scsctl::modules {

const Module* command_module();
const Module* shell_module();
const Module* raw_module();
const Module* script_module();
const Module* copy_module();
const Module* template_module();
const Module* file_module();
const Module* lineinfile_module();
const Module* blockinfile_module();
const Module* replace_module();
const Module* stat_module();
const Module* slurp_module();
const Module* fetch_module();

} // namespace scsctl::modules
