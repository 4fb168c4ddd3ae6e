// `roles:` entries and meta/main.yml `dependencies:`: a name or a mapping of keywords
// and role params; once-per-params deduplication (allow_duplicates). Depends on core,
// model and yaml.
#include <filesystem>

#include "playbook/keyword_table.hpp"
#include "playbook/loader_internal.hpp"
#include "playbook/module_args.hpp"

namespace scsctl::playbook::detail {

namespace {

/// meta/main.yml `allow_duplicates: true`.
bool allows_duplicates(Loader& loader, const RoleSpec& spec)
{
    for (const char* name : {"main.yml", "main.yaml", "main.json", "main"}) {
        const std::string path = spec.dir + "/meta/" + name;
        if (!std::filesystem::is_regular_file(path)) {
            continue;
        }
        auto file = loader.read_yaml(path, {});
        if (!file || !file->root.IsMap() || !file->root["allow_duplicates"].IsDefined()) {
            return false;
        }
        const core::Value value = loader.value_of(path, file->root["allow_duplicates"]);
        return value == true || value == "yes" || value == "true" || value == "True";
    }
    return false;
}

void set_entry_key(Loader& loader, const std::string& file, const yaml::MapEntry& item, RoleEntry& entry)
{
    if (item.name == "role" || item.name == "name") {
        entry.name = string_of(loader, file, item.value, item.name);
    } else if (item.name == "vars") {
        core::combine_into(entry.params, vars_of(loader, file, item.value, false));
    } else if (contains(role_entry_keywords(), item.name)) {
        set_common_keyword(loader, file, item, entry.keywords);
    } else if (is_unsupported_task_keyword(item.name)) {
        loader.error(file, item.key, "role keyword '" + item.name + "' is not supported by scsctl");
    } else {
        entry.params[item.name] = loader.value_of(file, item.value);
    }
}

} // namespace

std::optional<RoleEntry> parse_role_entry(Loader& loader, const std::string& file, const YAML::Node& node)
{
    RoleEntry entry;
    entry.where = yaml::location_of(file, node);
    if (node.IsScalar()) {
        entry.name = string_of(loader, file, node, "role");
    } else if (node.IsMap()) {
        for (const auto& item : yaml::mapping_entries(file, node, loader.diagnostics())) {
            set_entry_key(loader, file, item, entry);
        }
    } else {
        loader.error(file, node, "a role entry must be a name or a mapping with 'role', got " +
                                     yaml::describe_node(node));
        return std::nullopt;
    }
    if (entry.name.empty()) {
        loader.error(entry.where, "role entry without a name (expected 'role: <name>')");
        return std::nullopt;
    }
    if (is_template(entry.name)) {
        loader.error(entry.where, "role name cannot be templated ('" + entry.name + "'); use include_role instead");
        return std::nullopt;
    }
    entry.keywords.where = entry.where;
    entry.keywords.file = file;
    return entry;
}

RoleContent apply_role_entry(Loader& loader, const RoleEntry& entry, const model::Task& parent)
{
    const auto spec = loader.find_role(entry.name, entry.where);
    if (!spec) {
        return {};
    }
    const std::string key = spec->dir + "\n" + entry.params.dump();
    if (const auto applied = loader.applied_roles.find(key);
        applied != loader.applied_roles.end() && !allows_duplicates(loader, *spec)) {
        RoleContent layers_only;
        layers_only.layers = applied->second;
        return layers_only;
    }
    loader.applied_roles[key] = {}; // a dependency cycle back to this role stops here
    model::Task role_parent = entry.keywords;
    inherit_into(role_parent, parent);
    RoleContent content = loader.load_role_content(*spec, role_parent, entry.params, core::Value::object(), entry.where);
    loader.applied_roles[key] = content.layers;
    return content;
}

} // namespace scsctl::playbook::detail
