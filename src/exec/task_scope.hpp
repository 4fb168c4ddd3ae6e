// The variables one task sees on one host, in Ansible's precedence order (highest first):
// loop overlay, extra vars, include/role params, set_fact/registered, task, block and
// role vars, play vars_files and vars, facts, inventory vars, role defaults; plus the
// magic variables (inventory_hostname, groups, hostvars, ...). Depends on exec, vars.
#pragma once

#include <deque>
#include <functional>
#include <string>
#include <string_view>

#include "core/value.hpp"
#include "exec/host_runtime.hpp"
#include "model/play.hpp"
#include "vars/engine.hpp"

namespace scsctl::exec {

/// The value `omit` renders to; arguments equal to it are dropped before the module runs.
inline constexpr std::string_view k_omit_token = "__omit_place_holder__scsctl";

/// What is shared by every host of a play: computed once, read by every scope.
struct PlayVars {
    const model::Play* play = nullptr;
    const core::Value* extra_vars = nullptr;
    const core::Value* groups = nullptr;     ///< {"all": [...], group: [...]}
    core::Value play_hosts = core::Value::array();  ///< ansible_play_hosts (active hosts)
    core::Value play_batch = core::Value::array();  ///< ansible_play_batch
    core::Value play_hosts_all = core::Value::array();
    std::string playbook_dir;
    std::string play_name; ///< ansible_play_name: the play's rendered name, else its hosts
    bool check_mode = false;
    bool diff_mode = false;
    /// hostvars, built on first use after a change (set_fact, register, facts).
    std::function<const core::Value&()> hostvars;
};

class TaskScope : public vars::Scope {
public:
    TaskScope(const PlayVars& play, const HostRuntime& host, const model::Task* task)
        : m_play(play), m_host(host), m_task(task)
    {
    }
    const core::Value* find(std::string_view name) const override;

    /// Where the value of `name` comes from ("task vars (roles/x/tasks/main.yml)", ...),
    /// or "" when undefined: `scsctl vars --explain`.
    std::string source_of(std::string_view name) const;

private:
    const core::Value* find_magic(std::string_view name) const;
    const core::Value* find_layer(std::string_view name, bool high_tiers, bool low_tiers, std::string* source) const;
    const core::Value* find_ranked(std::string_view name, std::string* source) const;
    const core::Value& keep(core::Value value) const;

    const PlayVars& m_play;
    const HostRuntime& m_host;
    const model::Task* m_task;
    mutable std::deque<core::Value> m_made; ///< magic values built on demand (stable addresses)
};

/// `name` in an object Value, or nullptr (no exceptions; ordered_json lookups).
const core::Value* member(const core::Value& object, std::string_view name);

} // namespace scsctl::exec
