// Roles on disk: finding a role (beside the playbook, roles_path, the playbook dir),
// its main files (tasks, handlers, defaults, vars, with *_from), and turning it into
// tasks with its variable layers. Depends on core, model and yaml.
#include <algorithm>
#include <filesystem>

#include "playbook/loader_internal.hpp"

namespace scsctl::playbook::detail {

namespace {

namespace fs = std::filesystem;

/// roles/<r>/<sub>/<name>{,.yml,.yaml,.json}; "" when none exists.
std::string role_file(const std::string& dir, const std::string& sub, const std::string& name)
{
    const std::string base = dir + "/" + sub + "/" + name;
    for (const char* ext : {"", ".yml", ".yaml", ".json"}) {
        const std::string candidate = base + ext;
        if (fs::is_regular_file(candidate)) {
            return candidate;
        }
    }
    return "";
}

std::string from_arg(const core::Value& args, const char* key)
{
    if (args.is_object() && args.contains(key) && args[key].is_string()) {
        return args[key].get<std::string>();
    }
    return "";
}

/// The file of `sub` in the role (main or the *_from name); "" when there is none.
/// A *_from name that does not exist is an error.
std::string role_part(Loader& loader, const RoleSpec& spec, const std::string& sub, const core::Value& from_files,
                      const core::Location& from)
{
    const std::string key = sub + "_from";
    const std::string wanted = from_arg(from_files, key.c_str());
    const std::string path = role_file(spec.dir, sub, wanted.empty() ? "main" : wanted);
    if (path.empty() && !wanted.empty()) {
        loader.error(from, "could not find " + key + " file '" + wanted + "' in role '" + spec.name + "' (looked in " +
                               spec.dir + "/" + sub + ")");
    }
    return path;
}

void append(model::VarLayers& to, const model::VarLayers& from)
{
    to.insert(to.end(), from.begin(), from.end());
}

/// A role's defaults or vars file as a mapping (empty when missing).
core::Value role_vars_file(Loader& loader, const std::string& path)
{
    if (path.empty()) {
        return core::Value::object();
    }
    auto file = loader.read_yaml(path, {});
    if (!file) {
        return core::Value::object();
    }
    core::Value value = loader.value_of(path, file->root);
    if (value.is_null()) {
        return core::Value::object();
    }
    if (!value.is_object()) {
        loader.error(path, file->root, "role variables must be a mapping, got " + yaml::describe(value));
        return core::Value::object();
    }
    return value;
}

std::vector<std::string> role_candidates(const Loader& loader, const std::string& name)
{
    std::vector<std::string> out;
    if (fs::path(name).is_absolute()) {
        out.push_back(name);
        return out;
    }
    out.push_back(loader.playbook_dir() + "/roles/" + name);
    for (const auto& dir : loader.options().roles_path) {
        out.push_back((fs::path(dir) / name).string());
    }
    out.push_back(loader.playbook_dir() + "/" + name);
    return out;
}

} // namespace

std::optional<RoleSpec> Loader::find_role(const std::string& name, const core::Location& from)
{
    if (name.empty()) {
        error(from, "role name must not be empty");
        return std::nullopt;
    }
    const auto candidates = role_candidates(*this, name);
    for (const auto& candidate : candidates) {
        if (fs::is_directory(candidate)) {
            const std::string dir = fs::path(candidate).lexically_normal().string();
            return RoleSpec{fs::path(dir).filename().string(), dir};
        }
    }
    std::string looked;
    for (const auto& candidate : candidates) {
        looked += (looked.empty() ? "" : ", ") + fs::path(candidate).parent_path().lexically_normal().string();
    }
    error(from, "the role '" + name + "' was not found in: " + looked);
    return std::nullopt;
}

RoleContent Loader::load_role_content(const RoleSpec& spec, const model::Task& parent, const core::Value& params,
                                      const core::Value& from_files, const core::Location& from)
{
    RoleContent content;
    const std::string meta = role_file(spec.dir, "meta", "main");
    if (!meta.empty()) {
        if (auto file = read_yaml(meta, {}); file && file->root.IsMap() && file->root["dependencies"].IsDefined()) {
            const YAML::Node deps = file->root["dependencies"];
            if (!deps.IsSequence() && !deps.IsNull()) {
                error(meta, deps, "role dependencies must be a list, got " + yaml::describe_node(deps));
            } else if (enter(meta, from)) {
                for (const auto& dep : deps) {
                    if (auto entry = parse_role_entry(*this, meta, dep)) {
                        auto dep_content = apply_role_entry(*this, *entry, parent);
                        std::move(dep_content.tasks.begin(), dep_content.tasks.end(), std::back_inserter(content.tasks));
                        std::move(dep_content.handlers.begin(), dep_content.handlers.end(),
                                  std::back_inserter(content.handlers));
                        append(content.layers.defaults, dep_content.layers.defaults);
                        append(content.layers.vars, dep_content.layers.vars);
                    }
                }
                leave();
            }
        }
    }
    model::Task role_parent = parent;
    role_parent.role = spec.name;
    role_parent.search_paths = search_paths_for(spec.dir, m_playbook_dir);
    const std::string defaults = role_part(*this, spec, "defaults", from_files, from);
    const std::string vars = role_part(*this, spec, "vars", from_files, from);
    // A role sees its dependencies' defaults and vars below its own.
    content.layers.defaults.push_back(make_layer(model::VarTier::role_defaults, defaults.empty() ? spec.dir : defaults,
                                                 role_vars_file(*this, defaults)));
    content.layers.vars.push_back(make_layer(model::VarTier::role_vars, vars.empty() ? spec.dir : vars,
                                             role_vars_file(*this, vars)));
    role_parent.vars.insert(role_parent.vars.begin(), content.layers.defaults.begin(), content.layers.defaults.end());
    append(role_parent.vars, content.layers.vars);
    if (params.is_object() && !params.empty()) {
        role_parent.vars.push_back(make_layer(model::VarTier::role_params, spec.dir, params));
    }
    // Role params (import_role vars:) rank above the role's own vars.
    std::stable_partition(role_parent.vars.begin(), role_parent.vars.end(),
                          [](const auto& layer) { return layer->tier != model::VarTier::role_params; });
    if (const auto tasks = role_part(*this, spec, "tasks", from_files, from); !tasks.empty()) {
        auto loaded = load_task_file(Scope{tasks, spec.dir, false}, tasks, role_parent, from);
        std::move(loaded.begin(), loaded.end(), std::back_inserter(content.tasks));
    }
    if (const auto handlers = role_part(*this, spec, "handlers", from_files, from); !handlers.empty()) {
        auto loaded = load_task_file(Scope{handlers, spec.dir, true}, handlers, role_parent, from);
        std::move(loaded.begin(), loaded.end(), std::back_inserter(content.handlers));
    }
    return content;
}

} // namespace scsctl::playbook::detail
