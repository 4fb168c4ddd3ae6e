// The deploy plan as plain data: the selected layers in dependency order, each with its
// playbook, plays, the hosts each play targets and the tasks it runs, plus the hashes of
// the inputs it was made from. Built by plan_builder, written and read by plan_json, run
// by `scsctl deploy`. Depends on the standard library only.
#pragma once

#include <string>
#include <vector>

namespace scsctl::plan {

/// The plan file's format version (tests/schemas/plan.schema.json).
inline constexpr int k_plan_schema = 1;

/// One task as the plan shows it (blocks flattened, static imports and roles expanded).
struct TaskPlan {
    std::string name;   ///< as written ("" for Ansible's default: the module name)
    std::string action; ///< the module, or include_tasks / include_role
    std::vector<std::string> tags;
    std::string role;     ///< "" outside roles
    std::string file;     ///< source file
    int line = 0;         ///< 1-based, 0 when unknown
    bool dynamic = false; ///< include_tasks/include_role: what it brings is decided at run time
    bool handler = false;
};

struct PlayPlan {
    std::string name;
    std::string hosts_pattern;
    std::vector<std::string> hosts; ///< after the inventory pattern and --limit, in inventory order
    bool hosts_at_run_time = false; ///< the pattern is a template: matched when the play starts
    std::vector<TaskPlan> tasks;
};

struct LayerPlan {
    std::string name;
    std::string version;
    std::vector<std::string> depends_on;
    std::vector<std::string> hosts; ///< hosts of the layer's groups (after --limit)
    std::string playbook_dir;       ///< <root>/<layer>
    std::string playbook;           ///< <root>/<layer>/deploy.yml; "" when there is none yet
    std::string playbooks_sha256;   ///< every file under playbook_dir ("" without the directory)
    std::vector<PlayPlan> plays;
};

struct Plan {
    int schema = k_plan_schema;
    std::vector<std::string> inventory_sources; ///< as given with -i
    std::string inventory_sha256;
    std::string playbook_root; ///< where the layers' directories were found
    std::string limit;         ///< --limit when the plan was made ("" for none)
    std::vector<LayerPlan> layers;
};

/// "no deploy playbook yet": what a layer without <dir>/deploy.yml plans as.
inline constexpr const char* k_no_deploy_playbook = "no deploy playbook yet";

} // namespace scsctl::plan
