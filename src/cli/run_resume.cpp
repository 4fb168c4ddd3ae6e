// Resume planning. The plan is read once before the run, so the runner's lookups never
// touch the database while the journal's writer is busy.
#include "cli/run_resume.hpp"

#include <charconv>

#include "core/exit_codes.hpp"

namespace scsctl::cli {

namespace {

std::expected<state::RunId, int> chosen_run(state::RunStore& journal, const ResumeRequest& request,
                                            const std::string& playbook_paths, const std::string& inventory_paths,
                                            const Console& console, const std::string& kind)
{
    if (!request.run.empty()) {
        state::RunId id = 0;
        const auto* end = request.run.data() + request.run.size();
        auto [last, error] = std::from_chars(request.run.data(), end, id);
        if (error != std::errc() || last != end || id <= 0) {
            console.error("--resume: expected a run number, got '" + request.run + "'");
            return std::unexpected(core::k_exit_usage);
        }
        auto run = journal.find_run(id);
        if (!run || !*run) {
            console.error(journal.location() + ": no run " + request.run + " (see scsctl runs)");
            return std::unexpected(core::k_exit_usage);
        }
        return id;
    }
    auto latest = journal.latest_unfinished_run(playbook_paths, inventory_paths, kind);
    if (!latest) {
        console.error(latest.error().str());
        return std::unexpected(core::k_exit_usage);
    }
    if (!*latest) {
        console.error(journal.location() +
                      ": no unfinished run of these playbooks and inventories to resume "
                      "(give --resume RUN; see scsctl runs)");
        return std::unexpected(core::k_exit_usage);
    }
    return **latest;
}

} // namespace

std::expected<ResumePlan, int> plan_resume(state::RunStore& journal, const ResumeRequest& request,
                                           const std::string& playbook_paths, const std::string& inventory_paths,
                                           const Console& console, const std::string& kind)
{
    auto run = chosen_run(journal, request, playbook_paths, inventory_paths, console, kind);
    if (!run) {
        return std::unexpected(run.error());
    }
    ResumePlan plan;
    plan.run = *run;
    auto done = journal.completed_tasks(plan.run);
    if (!done) {
        console.error(done.error().str());
        return std::unexpected(core::k_exit_usage);
    }
    plan.done = std::move(*done);
    if (request.retry_failed) {
        auto hosts = journal.failed_hosts(plan.run);
        if (!hosts) {
            console.error(hosts.error().str());
            return std::unexpected(core::k_exit_usage);
        }
        plan.only_hosts = std::move(*hosts);
    }
    return plan;
}

exec::ResumeLookup resume_lookup(std::shared_ptr<const ResumePlan> plan)
{
    return [plan](const std::string& task_id, const std::string& host,
                  const std::string& args_digest) -> std::optional<exec::ResumedTask> {
        const auto found = plan->done.find({task_id, host});
        if (found == plan->done.end()) {
            return std::nullopt;
        }
        for (const auto& task : found->second) {
            if (task.args_digest == args_digest) {
                return exec::ResumedTask{task.done_in, task.result};
            }
        }
        return std::nullopt;
    };
}

} // namespace scsctl::cli
