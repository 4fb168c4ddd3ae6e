// End-to-end tests of the journal and --resume: playbooks run by PlaybookRunner on local
// hosts, their events recorded in a real journal, then run again with the resume plan
// that `scsctl run --resume` builds (cli/run_resume.hpp).
#include <fstream>
#include <sstream>

#include "cli/run_resume.hpp"
#include "core/exit_codes.hpp"
#include "runner_test_harness.hpp"
#include "state/journal_queries.hpp"
#include "state/journal_recorder.hpp"

using namespace runner_test;

namespace {

std::string read_text(const std::filesystem::path& path)
{
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Runs `yaml` with `h`, recording its events as one run of `journal`; returns the run id.
state::RunId journaled_run(Harness& h, state::Journal& journal, const std::string& yaml)
{
    state::RunRow row;
    row.kind = "run";
    row.playbook_paths = (h.dir.path() / "site.yml").string();
    row.inventory_paths = "inline";
    auto run = journal.begin_run(row);
    REQUIRE(run);
    h.events.clear();
    const bool ran = h.run(yaml);
    state::JournalRecorder recorder(journal, *run);
    for (const auto& event : h.events) {
        recorder.on_event(event);
    }
    const bool failed = !ran || std::any_of(h.recap->hosts.begin(), h.recap->hosts.end(),
                                            [](const auto& entry) { return entry.second.failed > 0; });
    REQUIRE(journal.finish_run(*run, failed ? state::k_run_failed : state::k_run_finished, failed ? 1 : 0));
    return *run;
}

/// The plan of `scsctl run --resume` (latest unfinished run), wired into the harness.
void resume_latest(Harness& h, state::Journal& journal, bool retry_failed = false)
{
    cli::GlobalOptions options;
    const cli::Console console(options);
    auto plan = cli::plan_resume(journal, cli::ResumeRequest{true, "", retry_failed},
                                 (h.dir.path() / "site.yml").string(), "inline", console);
    REQUIRE(plan);
    auto shared = std::make_shared<const cli::ResumePlan>(std::move(*plan));
    h.resume = cli::resume_lookup(shared);
}

// t1 appends to a marker and registers; t2 fails on h2 until the file "fixed" exists;
// t3 reads t1's registered result; t4's arguments depend on an extra variable.
const char* const k_playbook = R"(
- hosts: all
  gather_facts: false
  tasks:
    - name: t1
      shell: echo t1 >> {{ out }}/{{ inventory_hostname }}.marker
      register: r1
    - name: t2
      shell: test -e {{ out }}/fixed || test {{ inventory_hostname }} != h2
    - name: t3
      shell: echo t3 >> {{ out }}/{{ inventory_hostname }}.marker
      when: r1.changed
    - name: t4
      shell: echo t4-{{ flavour | default('a') }} >> {{ out }}/{{ inventory_hostname }}.marker
)";

} // namespace

TEST_CASE("resume: completed task×hosts are skipped, registered results restored", "[resume]")
{
    Harness h;
    auto journal = state::Journal::open((h.dir.path() / "state.db").string());
    REQUIRE(journal);
    const state::RunId first = journaled_run(h, **journal, k_playbook);
    CHECK(h.counts("h2").failed == 1);
    CHECK(read_text(h.dir.path() / "h1.marker") == "t1\nt3\nt4-a\n");
    CHECK(read_text(h.dir.path() / "h2.marker") == "t1\n");

    h.write("fixed", "");
    resume_latest(h, **journal);
    const state::RunId second = journaled_run(h, **journal, k_playbook);
    // Nothing that completed ran twice; h2 went on from t2, and t3's `when: r1.changed`
    // saw t1's restored result.
    CHECK(read_text(h.dir.path() / "h1.marker") == "t1\nt3\nt4-a\n");
    CHECK(read_text(h.dir.path() / "h2.marker") == "t1\nt3\nt4-a\n");
    CHECK(h.counts("h1") == C(4, 0, 0, 0, 0, 0)); // skipped by resume: counted ok
    CHECK(h.counts("h2") == C(4, 3, 0, 0, 0, 0));
    CHECK(h.results() == std::vector<std::string>{"t1@h1=ok", "t1@h2=ok", "t2@h1=ok", "t2@h2=changed", "t3@h1=ok",
                                                  "t3@h2=changed", "t4@h1=ok", "t4@h2=changed"});
    bool noted = false;
    for (const auto& event : h.events) {
        if (const auto* result = std::get_if<model::HostResult>(&event); result && result->host == "h1") {
            noted = noted || result->result.value("msg", "") == "done in run " + std::to_string(first);
        }
    }
    CHECK(noted);
    auto rows = (*journal)->read([&](state::Database& db) { return state::task_rows(db, second); });
    REQUIRE(rows);
    REQUIRE(rows->size() == 8);
    CHECK(rows->front().resumed_from == std::optional<state::RunId>(first));
    CHECK(rows->front().result["changed"] == true); // the original registered result, kept for the next resume
}

TEST_CASE("resume: a task whose rendered arguments changed runs again", "[resume]")
{
    Harness h;
    auto journal = state::Journal::open((h.dir.path() / "state.db").string());
    REQUIRE(journal);
    journaled_run(h, **journal, k_playbook);
    h.write("fixed", "");
    h.options.extra_vars["flavour"] = "b"; // changes t4's arguments only
    resume_latest(h, **journal);
    journaled_run(h, **journal, k_playbook);
    CHECK(read_text(h.dir.path() / "h1.marker") == "t1\nt3\nt4-a\nt4-b\n");
}

TEST_CASE("resume: --retry-failed runs only the hosts that failed", "[resume]")
{
    Harness h;
    auto journal = state::Journal::open((h.dir.path() / "state.db").string());
    REQUIRE(journal);
    journaled_run(h, **journal, k_playbook);
    h.write("fixed", "");
    cli::GlobalOptions options;
    const cli::Console console(options);
    auto plan = cli::plan_resume(**journal, cli::ResumeRequest{true, "", true}, (h.dir.path() / "site.yml").string(),
                                 "inline", console);
    REQUIRE(plan);
    CHECK(plan->only_hosts == std::optional<std::set<std::string>>(std::set<std::string>{"h2"}));
}

TEST_CASE("resume: no_log output is not stored in the journal", "[resume]")
{
    Harness h;
    auto journal = state::Journal::open((h.dir.path() / "state.db").string());
    REQUIRE(journal);
    const state::RunId run = journaled_run(h, **journal, R"(
- hosts: all
  gather_facts: false
  vars: {secret: s3cr3tValue}
  tasks:
    - shell: "echo {{ secret }}; echo {{ secret }} >&2"
      no_log: true
      register: hidden
)");
    auto rows = (*journal)->read([&](state::Database& db) { return state::task_rows(db, run); });
    REQUIRE(rows);
    REQUIRE(rows->size() == 2);
    for (const auto& row : *rows) {
        CHECK(row.stdout_text == "censored");
        CHECK(row.stderr_text == "censored");
        CHECK(row.result.dump().find("s3cr3tValue") == std::string::npos);
    }
}
