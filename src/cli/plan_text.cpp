// The plan tree (plan_text.hpp). Task lines carry module, tags and source file:line so
// that a reviewer can find each task.
#include "cli/plan_text.hpp"

namespace scsctl::cli {

namespace {

std::string joined(const std::vector<std::string>& items, const char* separator)
{
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : separator) + item;
    }
    return out;
}

void print_task(std::ostream& out, const plan::TaskPlan& task)
{
    std::string name = task.name.empty() ? task.action : task.name;
    if (!task.role.empty()) {
        name = task.role + " : " + name;
    }
    out << "      " << (task.handler ? "handler: " : "") << name << "  (" << task.action << ")";
    if (!task.tags.empty()) {
        out << "  [" << joined(task.tags, ", ") << "]";
    }
    out << "  " << task.file;
    if (task.line > 0) {
        out << ":" << task.line;
    }
    if (task.dynamic) {
        out << "  (dynamic: its tasks are known at run time)";
    }
    out << "\n";
}

} // namespace

void print_plan_tree(std::ostream& out, const plan::Plan& plan)
{
    if (plan.layers.empty()) {
        out << "no layers selected\n";
        return;
    }
    for (const auto& layer : plan.layers) {
        out << "LAYER " << layer.name << " " << layer.version;
        if (!layer.depends_on.empty()) {
            out << " (after " << joined(layer.depends_on, ", ") << ")";
        }
        out << "\n  hosts: " << (layer.hosts.empty() ? std::string("none") : joined(layer.hosts, ", ")) << "\n";
        if (layer.playbook.empty()) {
            out << "  playbook: " << plan::k_no_deploy_playbook << " (" << layer.playbook_dir << "/deploy.yml)\n";
            continue;
        }
        out << "  playbook: " << layer.playbook << "\n";
        for (const auto& play : layer.plays) {
            out << "  PLAY " << (play.name.empty() ? play.hosts_pattern : play.name) << "\n";
            out << "    hosts (" << play.hosts_pattern << "): ";
            if (play.hosts_at_run_time) {
                out << "decided at run time\n";
            } else {
                out << (play.hosts.empty() ? std::string("none") : joined(play.hosts, ", ")) << "\n";
            }
            out << "    tasks:\n";
            for (const auto& task : play.tasks) {
                print_task(out, task);
            }
        }
    }
}

} // namespace scsctl::cli
