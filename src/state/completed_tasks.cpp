// The resume rules over task rows: ok, changed and skipped are done; failed,
// unreachable and interrupted make a host one to retry.
#include "state/completed_tasks.hpp"

namespace scsctl::state {

CompletedTasks completed_from(const std::vector<TaskRow>& rows, RunId run)
{
    CompletedTasks done;
    for (const auto& row : rows) {
        if (row.status != "ok" && row.status != "changed" && row.status != "skipped") {
            continue;
        }
        done[{row.task_id, row.host}].push_back(
            CompletedTask{row.args_digest, row.result, row.changed, row.resumed_from.value_or(run)});
    }
    return done;
}

std::set<std::string> failed_from(const std::vector<TaskRow>& rows)
{
    std::set<std::string> hosts;
    for (const auto& row : rows) {
        if (row.status == "failed" || row.status == "unreachable" || row.status == k_run_interrupted) {
            hosts.insert(row.host);
        }
    }
    return hosts;
}

} // namespace scsctl::state
