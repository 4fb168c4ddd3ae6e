// The module table: the file-handling modules and the system modules, each family
// listing its own (file_modules_table.cpp, system_modules_table.cpp). Lookup by the
// short name or the ansible.builtin. / ansible.legacy. name.
#include <algorithm>
#include <map>

#include "modules/module.hpp"
#include "modules/tables.hpp"

namespace scsctl::modules {

namespace {

const std::map<std::string, const Module*, std::less<>>& table()
{
    static const auto built = [] {
        std::map<std::string, const Module*, std::less<>> out;
        auto add = [&](const Module* module) {
            const std::string name(module->name());
            out.emplace(name, module);
            out.emplace("ansible.builtin." + name, module);
            out.emplace("ansible.legacy." + name, module);
        };
        for (const Module* module : file_modules()) {
            add(module);
        }
        for (const Module* module : system_modules()) {
            add(module);
        }
        return out;
    }();
    return built;
}

} // namespace

const Module* find_module(std::string_view name)
{
    const auto& modules = table();
    const auto found = modules.find(name);
    return found == modules.end() ? nullptr : found->second;
}

const std::vector<std::string>& module_names()
{
    static const auto names = [] {
        std::vector<std::string> out;
        for (const auto& [name, module] : table()) {
            out.push_back(name);
        }
        return out;
    }();
    return names;
}

} // namespace scsctl::modules
