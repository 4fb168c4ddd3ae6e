// Variable lookup for one task on one host. Each tier is a hash or short linear lookup;
// nothing is merged up front, so a task costs only the names its templates use.
#include "exec/task_scope.hpp"

#include <array>
#include <span>

namespace scsctl::exec {

namespace {

using model::VarTier;

std::string describe(const model::VarLayer& layer)
{
    std::string out = model::var_tier_name(layer.tier);
    if (!layer.origin.empty()) {
        out += " (" + layer.origin + ")";
    }
    return out;
}

} // namespace

const core::Value* member(const core::Value& object, std::string_view name)
{
    if (!object.is_object()) {
        return nullptr;
    }
    const auto found = object.find(std::string(name));
    return found == object.end() ? nullptr : &*found;
}

const core::Value& TaskScope::keep(core::Value value) const
{
    m_made.push_back(std::move(value));
    return m_made.back();
}

const core::Value* TaskScope::find(std::string_view name) const
{
    return find_ranked(name, nullptr);
}

std::string TaskScope::source_of(std::string_view name) const
{
    std::string source;
    return find_ranked(name, &source) ? source : std::string();
}

/// Task layers of the high (params), mid (task/block/role vars) or low (role defaults)
/// tiers: tier by tier in precedence order, the latest layer first within a tier.
const core::Value* TaskScope::find_layer(std::string_view name, bool high_tiers, bool low_tiers,
                                         std::string* source) const
{
    if (m_task == nullptr) {
        return nullptr;
    }
    static constexpr VarTier k_high[] = {VarTier::include_params, VarTier::role_params};
    static constexpr VarTier k_mid[] = {VarTier::task_vars, VarTier::block_vars, VarTier::role_vars};
    static constexpr VarTier k_low[] = {VarTier::role_defaults};
    const std::span<const VarTier> tiers = low_tiers ? std::span<const VarTier>(k_low)
                                                     : (high_tiers ? std::span<const VarTier>(k_high)
                                                                   : std::span<const VarTier>(k_mid));
    for (const VarTier tier : tiers) {
        for (auto it = m_task->vars.rbegin(); it != m_task->vars.rend(); ++it) {
            const model::VarLayer& layer = **it;
            if (layer.tier != tier) {
                continue;
            }
            if (const auto* found = member(layer.vars, name)) {
                if (source != nullptr) {
                    *source = describe(layer);
                }
                return found;
            }
        }
    }
    return nullptr;
}

const core::Value* TaskScope::find_ranked(std::string_view name, std::string* source) const
{
    auto hit = [&](const core::Value* found, const char* what) {
        if (found != nullptr && source != nullptr && source->empty()) {
            *source = what;
        }
        return found;
    };
    if (const auto* found = find_magic(name)) {
        return hit(found, "magic variable");
    }
    if (const auto* found = hit(member(*m_play.extra_vars, name), "extra vars (-e)")) {
        return found;
    }
    if (const auto* found = find_layer(name, true, false, source)) {
        return found;
    }
    if (const auto* found = hit(member(m_host.host_vars, name), "set_fact / register")) {
        return found;
    }
    if (const auto* found = find_layer(name, false, false, source)) {
        return found;
    }
    const auto& play_layers = m_play.play->vars;
    for (auto it = play_layers.rbegin(); it != play_layers.rend(); ++it) {
        if (const auto* found = member((*it)->vars, name)) {
            if (source != nullptr) {
                *source = describe(**it);
            }
            return found;
        }
    }
    if (name.starts_with("ansible_") && name != "ansible_facts") {
        if (const auto* found = hit(member(m_host.facts, name.substr(8)), "facts")) {
            return found;
        }
    }
    if (const auto* found = hit(member(m_host.host->vars, name), "inventory")) {
        return found;
    }
    return find_layer(name, false, true, source);
}

const core::Value* TaskScope::find_magic(std::string_view name) const
{
    const RunHost& host = *m_host.host;
    if (name == "inventory_hostname") {
        return &keep(host.name);
    }
    if (name == "inventory_hostname_short") {
        return &keep(host.name.substr(0, host.name.find('.')));
    }
    if (name == "group_names") {
        return &keep(core::Value(host.group_names));
    }
    if (name == "groups") {
        return m_play.groups;
    }
    if (name == "hostvars") {
        return m_play.hostvars ? &m_play.hostvars() : nullptr;
    }
    if (name == "ansible_facts") {
        return &m_host.facts;
    }
    if (name == "ansible_play_hosts" || name == "play_hosts") {
        return &m_play.play_hosts;
    }
    if (name == "ansible_play_batch") {
        return &m_play.play_batch;
    }
    if (name == "ansible_play_hosts_all") {
        return &m_play.play_hosts_all;
    }
    if (name == "playbook_dir") {
        return &keep(m_play.playbook_dir);
    }
    if (name == "ansible_play_name") {
        return &keep(m_play.play_name);
    }
    if ((name == "role_names" || name == "ansible_play_role_names") && m_play.play != nullptr) {
        return &keep(core::Value(m_play.play->role_names));
    }
    if (name == "ansible_check_mode") {
        return &keep(m_play.check_mode);
    }
    if (name == "ansible_diff_mode") {
        return &keep(m_play.diff_mode);
    }
    if (name == "role_name" && m_task != nullptr && !m_task->role.empty()) {
        return &keep(m_task->role);
    }
    if (name == "omit") {
        return &keep(std::string(k_omit_token));
    }
    return nullptr;
}

} // namespace scsctl::exec
