// `scsctl run --resume [RUN]` and `--retry-failed`: which earlier run to resume (the
// newest unfinished run of the same playbooks and inventories by default), what it
// completed, and the hosts it failed on. Depends on cli, exec (hooks) and state.
#pragma once

#include <expected>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "cli/global_options.hpp"
#include "exec/run_options.hpp"
#include "state/journal.hpp"
#include "state/journal_queries.hpp"
#include "state/run_store.hpp"

namespace scsctl::cli {

struct ResumeRequest {
    bool resume = false;      ///< --resume given (with or without RUN)
    std::string run;          ///< RUN, "" for the default
    bool retry_failed = false; ///< --retry-failed (implies --resume)
};

struct ResumePlan {
    state::RunId run = 0;
    state::CompletedTasks done;
    std::optional<std::set<std::string>> only_hosts; ///< --retry-failed: the failed hosts
};

/// Reads the plan from the run store (journal or etcd); prints the error and returns
/// exit 2 when RUN is not a run of this store or there is nothing to resume.
/// `kind` is the kind of run to resume by default ("run", "deploy").
std::expected<ResumePlan, int> plan_resume(state::RunStore& journal, const ResumeRequest& request,
                                           const std::string& playbook_paths, const std::string& inventory_paths,
                                           const Console& console, const std::string& kind = "run");

/// The runner's hook: a task×host the plan saw completed with the same rendered arguments.
exec::ResumeLookup resume_lookup(std::shared_ptr<const ResumePlan> plan);

} // namespace scsctl::cli
