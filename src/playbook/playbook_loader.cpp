// The public entry points: load_playbook (plays and import_playbook), and the run-time
// loaders for include_tasks and include_role. Depends on core, model and yaml.
#include <filesystem>

#include "core/spellcheck.hpp"
#include "playbook/loader.hpp"
#include "playbook/loader_internal.hpp"
#include "playbook/module_args.hpp"

namespace scsctl::playbook {

namespace {

namespace fs = std::filesystem;
using detail::Loader;
using detail::PlayImport;

std::string dir_of(const std::string& path)
{
    const auto parent = fs::path(path).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

void load_playbook_file(Loader& loader, const std::string& path, const PlayImport& import,
                        std::vector<model::Play>& plays, const core::Location& from);

bool is_import_playbook(const YAML::Node& node)
{
    return node["import_playbook"].IsDefined() || node["ansible.builtin.import_playbook"].IsDefined() ||
           node["ansible.legacy.import_playbook"].IsDefined();
}

/// An `import_playbook` entry: loads the file (relative to the importing one) with
/// its vars, tags and when passed down to the plays.
void import_playbook(Loader& loader, const std::string& file, const YAML::Node& node, const PlayImport& outer,
                     std::vector<model::Play>& plays)
{
    static const std::vector<std::string> k_keys = {"import_playbook", "name", "vars", "tags", "when"};
    PlayImport import = outer;
    std::string target;
    const core::Location where = yaml::location_of(file, node);
    for (const auto& entry : yaml::mapping_entries(file, node, loader.diagnostics())) {
        const std::string key = detail::short_action_name(entry.name);
        if (key == "import_playbook") {
            target = detail::string_of(loader, file, entry.value, key);
        } else if (key == "vars") {
            import.vars.push_back(detail::make_layer(model::VarTier::play_vars, file,
                                                     detail::vars_of(loader, file, entry.value, false)));
        } else if (key == "tags") {
            detail::add_tags(import.tags, detail::tags_of(loader, file, entry.value));
        } else if (key == "when") {
            auto when = detail::conditions_of(loader, file, entry.value, key);
            import.when.insert(import.when.end(), when.begin(), when.end());
        } else if (key != "name") {
            loader.error(file, entry.key, "'" + entry.name + "' is not valid for import_playbook" +
                                              core::did_you_mean(entry.name, k_keys) + "; supported: vars, tags, when, name");
        }
    }
    if (target.empty() || is_template(target)) {
        loader.error(where, target.empty() ? "import_playbook needs a file name"
                                           : "import_playbook cannot use a templated file name ('" + target + "')");
        return;
    }
    const fs::path path = fs::path(target).is_absolute() ? fs::path(target) : fs::path(dir_of(file)) / target;
    const std::string resolved = path.lexically_normal().string();
    if (!fs::is_regular_file(resolved)) {
        loader.error(where, "could not find imported playbook '" + target + "' (looked for " + resolved + ")");
        return;
    }
    const std::string saved = loader.playbook_dir();
    loader.set_playbook_dir(dir_of(resolved));
    load_playbook_file(loader, resolved, import, plays, where);
    loader.set_playbook_dir(saved);
}

void load_playbook_file(Loader& loader, const std::string& path, const PlayImport& import,
                        std::vector<model::Play>& plays, const core::Location& from)
{
    if (!loader.enter(path, from)) {
        return;
    }
    if (auto file = loader.read_yaml(path, from)) {
        if (!file->root.IsSequence()) {
            loader.error(path, file->root,
                         "a playbook must be a list of plays, got " + yaml::describe_node(file->root, file->typing));
        } else {
            for (const auto& node : file->root) {
                if (!node.IsMap()) {
                    loader.error(path, node, "a play must be a mapping, got " + yaml::describe_node(node, file->typing));
                } else if (is_import_playbook(node)) {
                    import_playbook(loader, path, node, import, plays);
                } else if (auto play = detail::parse_play(loader, path, node, import)) {
                    plays.push_back(std::move(*play));
                }
            }
        }
    }
    loader.leave();
}

/// The playbook directory a run-time include works from: the play's (third from the
/// end of the search paths, see search_paths_for), else the including file's.
std::string playbook_dir_of(const model::Task& inherit)
{
    const auto& paths = inherit.search_paths;
    return paths.size() >= 3 ? paths[paths.size() - 3] : dir_of(inherit.file);
}

/// The role directory of a role task (first search path is <role>/files).
std::string role_dir_of(const model::Task& inherit)
{
    if (inherit.role.empty() || inherit.search_paths.size() < 6) {
        return "";
    }
    return inherit.search_paths[2];
}

} // namespace

model::Playbook load_playbook(const std::string& path, const LoadOptions& options, core::Diagnostics& diagnostics)
{
    model::Playbook playbook;
    playbook.path = path;
    Loader loader(options, diagnostics, dir_of(path));
    load_playbook_file(loader, path, PlayImport{}, playbook.plays, {});
    return playbook;
}

std::vector<model::Task> load_tasks_file(const std::string& path, const model::Task& inherit,
                                         const LoadOptions& options, core::Diagnostics& diagnostics)
{
    Loader loader(options, diagnostics, playbook_dir_of(inherit));
    const std::string role_dir = role_dir_of(inherit);
    std::vector<std::string> dirs;
    if (!role_dir.empty()) {
        dirs.push_back(role_dir + "/tasks");
    }
    dirs.push_back(dir_of(inherit.file));
    dirs.push_back(loader.playbook_dir());
    std::string resolved = fs::path(path).is_absolute() ? path : "";
    for (std::size_t i = 0; resolved.empty() && i < dirs.size(); ++i) {
        const std::string candidate = (fs::path(dirs[i]) / path).lexically_normal().string();
        if (fs::is_regular_file(candidate)) {
            resolved = candidate;
        }
    }
    if (resolved.empty() || !fs::is_regular_file(resolved)) {
        loader.error(inherit.where, "could not find include_tasks file '" + path + "'");
        return {};
    }
    model::Task parent = inherit;
    parent.name.clear();
    return loader.load_task_file(detail::Scope{resolved, role_dir, inherit.is_handler}, resolved, parent,
                                 inherit.where);
}

LoadedRole load_role(const std::string& name, const model::Task& inherit, const std::string& playbook_dir,
                     const LoadOptions& options, core::Diagnostics& diagnostics, model::AppliedRoles& applied)
{
    Loader loader(options, diagnostics, playbook_dir);
    loader.applied_roles = std::move(applied);
    struct GiveBack { // hand the registry back however this returns
        Loader& loader;
        model::AppliedRoles& applied;
        ~GiveBack() { applied = std::move(loader.applied_roles); }
    } give_back{loader, applied};
    const auto spec = loader.find_role(name, inherit.where);
    if (!spec) {
        return {};
    }
    model::Task parent = inherit;
    parent.name.clear();
    auto content = loader.load_role_content(*spec, parent, core::Value::object(), inherit.args, inherit.where);
    return LoadedRole{std::move(content.tasks), std::move(content.handlers)};
}

} // namespace scsctl::playbook
