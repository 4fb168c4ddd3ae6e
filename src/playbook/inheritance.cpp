// Ansible's keyword inheritance: what a block, role, import or play passes down to each
// task it holds (conditions, tags, variables, become, environment, ...).
// Depends on core and model.
#include "playbook/loader_internal.hpp"

#include <algorithm>

namespace scsctl::playbook::detail {

namespace {

void take_if_unset(core::Value& child, const core::Value& parent)
{
    if (child.is_null() && !parent.is_null()) {
        child = parent;
    }
}

/// Environments of enclosing scopes apply first; the child's own entries win.
void inherit_environment(core::Value& child, const core::Value& parent)
{
    if (parent.is_null()) {
        return;
    }
    if (child.is_null()) {
        child = parent;
    } else if (child.is_object() && parent.is_object()) {
        core::Value merged = parent;
        core::combine_into(merged, child);
        child = std::move(merged);
    }
}

} // namespace

void add_tags(std::vector<std::string>& into, const std::vector<std::string>& tags)
{
    for (const auto& tag : tags) {
        if (std::find(into.begin(), into.end(), tag) == into.end()) {
            into.push_back(tag);
        }
    }
}

void inherit_into(model::Task& child, const model::Task& parent)
{
    std::vector<std::string> when = parent.when;
    when.insert(when.end(), child.when.begin(), child.when.end());
    child.when = std::move(when);
    std::vector<std::string> tags = parent.tags;
    add_tags(tags, child.tags);
    child.tags = std::move(tags);

    for (auto member : {&model::Task::become, &model::Task::become_user, &model::Task::become_method,
                        &model::Task::check_mode, &model::Task::diff, &model::Task::no_log,
                        &model::Task::ignore_errors, &model::Task::ignore_unreachable, &model::Task::run_once,
                        &model::Task::any_errors_fatal, &model::Task::throttle, &model::Task::timeout}) {
        take_if_unset(child.*member, parent.*member);
    }
    inherit_environment(child.environment, parent.environment);
    if (child.delegate_to.empty()) {
        child.delegate_to = parent.delegate_to;
        child.delegate_facts = child.delegate_facts || parent.delegate_facts;
    }
    model::VarLayers vars = parent.vars;
    vars.insert(vars.end(), child.vars.begin(), child.vars.end());
    child.vars = std::move(vars);
    if (child.role.empty()) {
        child.role = parent.role;
    }
    if (child.search_paths.empty()) {
        child.search_paths = parent.search_paths;
    }
}

std::shared_ptr<const model::VarLayer> make_layer(model::VarTier tier, std::string origin, core::Value vars)
{
    auto layer = std::make_shared<model::VarLayer>();
    layer->tier = tier;
    layer->origin = std::move(origin);
    layer->vars = std::move(vars);
    return layer;
}

std::vector<std::string> search_paths_for(const std::string& role_dir, const std::string& playbook_dir)
{
    std::vector<std::string> out;
    if (!role_dir.empty()) {
        out = {role_dir + "/files", role_dir + "/templates", role_dir};
    }
    out.push_back(playbook_dir);
    out.push_back(playbook_dir + "/files");
    out.push_back(playbook_dir + "/templates");
    return out;
}

} // namespace scsctl::playbook::detail
