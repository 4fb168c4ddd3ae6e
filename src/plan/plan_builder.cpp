// The plan builder (plan_builder.hpp). Host patterns with templates cannot be matched
// before the play's variables exist, so such a play is marked "hosts at run time"
// instead of guessing.
#include "plan/plan_builder.hpp"

#include <algorithm>
#include <filesystem>

#include "inventory/host_pattern.hpp"
#include "plan/input_hashes.hpp"

namespace scsctl::plan {

namespace fs = std::filesystem;

namespace {

void add_tasks(const std::vector<model::Task>& tasks, bool handler, std::vector<TaskPlan>& out)
{
    for (const auto& task : tasks) {
        if (task.kind == model::TaskKind::block) {
            add_tasks(task.block, handler, out);
            add_tasks(task.rescue, handler, out);
            add_tasks(task.always, handler, out);
            continue;
        }
        TaskPlan entry;
        entry.name = task.name;
        entry.action = task.action;
        entry.tags = task.tags;
        entry.role = task.role;
        entry.file = task.where.file;
        entry.line = task.where.line;
        entry.handler = handler;
        entry.dynamic = task.kind == model::TaskKind::include_tasks || task.kind == model::TaskKind::include_role;
        if (task.kind == model::TaskKind::include_tasks && entry.action.empty()) {
            entry.action = "include_tasks";
        } else if (task.kind == model::TaskKind::include_role && entry.action.empty()) {
            entry.action = "include_role";
        }
        out.push_back(std::move(entry));
    }
}

core::Result<std::vector<std::string>> names_of(const model::Inventory& inventory, const std::vector<model::HostId>& ids)
{
    std::vector<std::string> names;
    for (auto id : ids) {
        names.push_back(inventory.host(id).name);
    }
    return names;
}

core::Result<PlayPlan> plan_play(const model::Inventory& inventory, const model::Play& play, const std::string& limit)
{
    PlayPlan out;
    out.name = play.name;
    out.hosts_pattern = play.hosts;
    if (play.hosts.find("{{") != std::string::npos || play.hosts.find("{%") != std::string::npos) {
        out.hosts_at_run_time = true;
    } else {
        auto ids = inventory::match_hosts(inventory, play.hosts, limit);
        if (!ids) {
            core::Error error = ids.error();
            error.where = play.where;
            return core::fail(std::move(error));
        }
        out.hosts = SCSCTL_TRY(names_of(inventory, *ids));
    }
    out.tasks = play_tasks(play);
    return out;
}

} // namespace

std::string deploy_playbook_path(const std::string& root, std::string_view layer)
{
    return (fs::path(root) / std::string(layer) / "deploy.yml").string();
}

core::Result<std::vector<std::string>> layer_hosts(const model::Inventory& inventory,
                                                   const layers::LayerDescriptor& layer, const std::string& limit)
{
    std::string pattern;
    for (const auto& group : layer.groups) {
        if (inventory.find_group(std::string(group.name))) {
            pattern += (pattern.empty() ? "" : ":") + std::string(group.name);
        }
    }
    if (pattern.empty()) {
        return std::vector<std::string>{};
    }
    auto ids = SCSCTL_TRY(inventory::match_hosts(inventory, pattern, limit));
    return names_of(inventory, ids);
}

std::vector<TaskPlan> play_tasks(const model::Play& play)
{
    std::vector<TaskPlan> out;
    add_tasks(play.pre_tasks, false, out);
    add_tasks(play.tasks, false, out);
    add_tasks(play.post_tasks, false, out);
    add_tasks(play.handlers, true, out);
    return out;
}

core::Result<Plan> build_plan(const PlanRequest& request, core::Diagnostics& diagnostics)
{
    Plan plan;
    plan.inventory_sources = request.inventory_sources;
    plan.inventory_sha256 = inventory_sha256(*request.inventory);
    plan.playbook_root = request.playbook_root;
    plan.limit = request.limit;
    for (const auto* layer : request.layers) {
        LayerPlan entry;
        entry.name = layer->name;
        entry.version = layer->version;
        for (const auto dep : layer->depends_on) {
            entry.depends_on.emplace_back(dep);
        }
        entry.hosts = SCSCTL_TRY(layer_hosts(*request.inventory, *layer, request.limit));
        entry.playbook_dir = (fs::path(request.playbook_root) / std::string(layer->name)).string();
        entry.playbooks_sha256 = layer_inputs_sha256(request.playbook_root, layer->name);
        const std::string playbook = deploy_playbook_path(request.playbook_root, layer->name);
        std::error_code error;
        if (fs::is_regular_file(playbook, error)) {
            entry.playbook = playbook;
            const auto errors_before = diagnostics.error_count();
            const model::Playbook loaded = playbook::load_playbook(playbook, request.load_options, diagnostics);
            if (diagnostics.error_count() == errors_before) {
                for (const auto& play : loaded.plays) {
                    entry.plays.push_back(SCSCTL_TRY(plan_play(*request.inventory, play, request.limit)));
                }
            }
        }
        plan.layers.push_back(std::move(entry));
    }
    return plan;
}

} // namespace scsctl::plan
