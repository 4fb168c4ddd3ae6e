// The file-handling modules' table (one explicit list, see tables.hpp).
#include "modules/file_modules.hpp"
#include "modules/tables.hpp"

namespace scsctl::modules {

std::span<const Module* const> file_modules()
{
    static const Module* const k_modules[] = {
        command_module(),    shell_module(),       raw_module(),     script_module(), copy_module(),
        template_module(),   file_module(),        lineinfile_module(), blockinfile_module(),
        replace_module(),    stat_module(),        slurp_module(),   fetch_module(),
    };
    return k_modules;
}

} // namespace scsctl::modules
