// Deciding on the live view and feeding its ETA from the journal.
#include "cli/live_console.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <sys/ioctl.h>
#include <unistd.h>

#include "state/journal_queries.hpp"

namespace scsctl::cli {

bool live_view_wanted(const GlobalOptions& options)
{
    if (options.output != OutputFormat::text || ::isatty(STDOUT_FILENO) == 0) {
        return false;
    }
    const char* term = std::getenv("TERM");
    return term != nullptr && term[0] != '\0' && std::strcmp(term, "dumb") != 0;
}

int terminal_columns()
{
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
        return size.ws_col;
    }
    if (const char* columns = std::getenv("COLUMNS")) {
        const int parsed = std::atoi(columns);
        if (parsed > 0) {
            return parsed;
        }
    }
    return 80;
}

std::vector<report::TaskTiming> task_history(state::RunStore& journal, const std::string& playbook_paths,
                                             const std::string& inventory_paths)
{
    std::vector<report::TaskTiming> history;
    auto runs = journal.list_runs(200);
    if (!runs) {
        return history;
    }
    const auto same = std::find_if(runs->begin(), runs->end(), [&](const state::RunRow& run) {
        return run.kind == "run" && run.status == state::k_run_finished && run.playbook_paths == playbook_paths &&
               run.inventory_paths == inventory_paths;
    });
    if (same == runs->end()) {
        return history;
    }
    auto rows = journal.task_rows(same->id);
    if (!rows) {
        return history;
    }
    struct Span {
        double start = 0;
        double end = 0;
    };
    std::map<std::string, Span> spans;
    for (const auto& row : *rows) {
        if (row.resumed_from) {
            continue; // its time belongs to another run
        }
        const double start = row.finished_at - row.duration_ms / 1000.0;
        auto [it, added] = spans.try_emplace(row.task_id, Span{start, row.finished_at});
        if (!added) {
            it->second.start = std::min(it->second.start, start);
            it->second.end = std::max(it->second.end, row.finished_at);
        }
    }
    std::vector<std::pair<double, report::TaskTiming>> ordered;
    for (const auto& [id, span] : spans) {
        ordered.push_back({span.start, report::TaskTiming{id, std::max(0.0, span.end - span.start)}});
    }
    std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [start, timing] : ordered) {
        history.push_back(std::move(timing));
    }
    return history;
}

} // namespace scsctl::cli
