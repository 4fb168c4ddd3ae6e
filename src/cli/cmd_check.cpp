// scsctl check scs [--os-cloud NAME | --os-auth-url URL …] [--scope-version v5.1]
// [--tests REGEX] [ID… | -] [--list] [--junit FILE] [--subject NAME]: the automated testcases
// of the scope "SCS-compatible IaaS" that read the cloud's APIs (docs/scs.md). Owns option
// wiring, selection and reporting; the testcases live in scs/iaas_*. Exit 0 when every
// selected required testcase passed, 1 otherwise, 2 for usage errors, 3 when the cloud is
// unreachable.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "cli/check_scs_subject.hpp"
#include "cli/openstack_options.hpp"
#include "cli/check_scs_output.hpp"
#include "cli/command_table.hpp"
#include "cli/report_files.hpp"
#include "core/exit_codes.hpp"
#include "core/spellcheck.hpp"
#include "openstack/connect.hpp"
#include "regex/python_regex.hpp"
#include "report/atomic_file.hpp"
#include "scs/iaas_scope.hpp"

namespace scsctl::cli {

namespace {

struct CheckScsArgs {
    openstack::ConnectOptions connect;
    std::string version = "v5.1";
    std::string tests;
    std::vector<std::string> ids;
    std::string junit;
    std::string subject;
    bool list = false;
};

using Selection = std::vector<const scs::TestcaseSpec*>;

core::Result<const scs::ScopeVersion*> chosen_version(const std::string& name)
{
    if (const auto* version = scs::find_iaas_scope_version(name)) {
        return version;
    }
    std::vector<std::string> known;
    for (const auto& version : scs::iaas_scope_versions()) {
        known.push_back(version.name);
    }
    std::string list;
    for (const auto& item : known) {
        list += (list.empty() ? "" : ", ") + item;
    }
    return core::fail({core::ErrorKind::usage,
                       "check scs: unknown --scope-version '" + name + "'" + core::did_you_mean(name, known) +
                           " (scsctl implements: " + list + ")",
                       {}});
}

/// As the reference runner: one testcase id per line on stdin (empty lines ignored).
core::Result<std::vector<std::string>> ids_from_stdin()
{
    std::vector<std::string> ids;
    for (std::string line; std::getline(std::cin, line);) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
            line.pop_back();
        }
        if (!line.empty()) {
            ids.push_back(line);
        }
    }
    if (ids.empty()) {
        return core::fail({core::ErrorKind::usage, "check scs: no testcase ids on stdin", {}});
    }
    return ids;
}

/// The testcases named on the command line or, for "-", on stdin (all when none), in scope
/// order, then those
/// whose id --tests matches from its start (Python's re.match).
core::Result<Selection> select_testcases(const scs::ScopeVersion& version, const CheckScsArgs& args)
{
    std::vector<std::string> known;
    for (const auto& spec : version.testcases) {
        known.push_back(spec.id);
    }
    std::vector<std::string> ids = args.ids;
    if (ids.size() == 1 && ids.front() == "-") {
        ids = SCSCTL_TRY(ids_from_stdin());
    }
    for (const auto& id : ids) {
        if (std::find(known.begin(), known.end(), id) == known.end()) {
            return core::fail({core::ErrorKind::usage,
                               "check scs: unknown testcase '" + id + "' in " + version.name +
                                   core::did_you_mean(id, known) + " (see check scs --list)",
                               {}});
        }
    }
    std::optional<regex::PythonRegex> pattern;
    if (!args.tests.empty()) {
        auto compiled = regex::PythonRegex::compile(args.tests);
        if (!compiled) {
            return core::fail({core::ErrorKind::usage, "check scs: --tests: " + compiled.error().message, {}});
        }
        pattern = std::move(*compiled);
    }
    Selection selected;
    for (const auto& spec : version.testcases) {
        if (!ids.empty() && std::find(ids.begin(), ids.end(), spec.id) == ids.end()) {
            continue;
        }
        if (pattern) {
            auto matched = pattern->match(spec.id);
            if (!matched) {
                return core::fail({core::ErrorKind::usage, "check scs: --tests: " + matched.error().message, {}});
            }
            if (!*matched) {
                continue;
            }
        }
        selected.push_back(&spec);
    }
    if (selected.empty()) {
        return core::fail({core::ErrorKind::usage,
                           "check scs: the selection matches no testcase of " + version.name + " (see check scs --list)",
                           {}});
    }
    return selected;
}

void write_out(const std::string& text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

int print_list(const Selection& selected, const GlobalOptions& options)
{
    if (options.output == OutputFormat::json) {
        core::Value list = core::Value::array();
        for (const auto* spec : selected) {
            list.push_back(
                {{"id", spec->id}, {"standard", spec->standard}, {"required", spec->required}, {"writes", spec->writes}});
        }
        write_out(list.dump(2) + "\n");
        return core::k_exit_ok;
    }
    for (const auto* spec : selected) {
        write_out(spec->id + std::string(spec->id.size() < 34 ? 34 - spec->id.size() : 1, ' ') + spec->standard +
                  std::string(spec->standard.size() < 15 ? 15 - spec->standard.size() : 1, ' ') +
                  (spec->required ? "required" : "recommended") + (spec->writes ? ", writes" : "") + "\n");
    }
    return core::k_exit_ok;
}

/// Prints and writes the reports of a finished (or aborted) run; returns false when the
/// JUnit file could not be written.
bool report_run(const ScsCheckRun& run, const Selection& selected, const CheckScsArgs& args,
                const GlobalOptions& options, const Console& console, bool lines_printed)
{
    if (options.output == OutputFormat::json) {
        write_out(check_json(run, selected).dump(2, ' ', false, core::Value::error_handler_t::replace) + "\n");
    } else {
        if (!lines_printed) {
            // After a failed connection or preflight, the reason is on stderr once, and each
            // testcase gets the reference's bare "ID: ABORT".
            for (const auto& result : run.results) {
                write_out(run.preflight_error.empty() ? testcase_text(result, options.verbosity > 0)
                                                      : result.id + ": ABORT\n");
            }
        }
        write_out(summary_text(run, selected));
    }
    if (!args.junit.empty()) {
        if (auto written = report::write_file_atomically(args.junit, check_junit_xml(run, selected)); !written) {
            console.error(written.error().str());
            return false;
        }
    }
    return true;
}

int run_check_scs(const CheckScsArgs& args, const GlobalOptions& options)
{
    const Console console(options);
    auto version = chosen_version(args.version);
    if (!version) {
        console.error(version.error().message);
        return core::k_exit_usage;
    }
    auto selected = select_testcases(**version, args);
    if (!selected) {
        console.error(selected.error().message);
        return core::k_exit_usage;
    }
    if (args.list) {
        return print_list(*selected, options);
    }
    if (!output_files_writable({&args.junit}, console)) {
        return core::k_exit_usage;
    }
    ScsCheckRun run;
    run.subject = args.subject.empty() ? default_subject(args.connect) : args.subject;
    run.version = (*version)->name;
    run.checked_at = utc_timestamp();
    auto cloud = openstack::connect(args.connect);
    if (!cloud) {
        run.preflight_error = "check scs: cannot connect to the cloud: " + cloud.error().message;
        console.error(run.preflight_error);
        run.results = scs::aborted_results(*selected, run.preflight_error);
        report_run(run, *selected, args, options, console, false);
        return core::exit_code_for(cloud.error().kind);
    }
    if (auto preflight = scs::iaas_preflight(**cloud); !preflight) {
        run.preflight_error = "check scs: pre-flight check failed: " + preflight.error().message;
        console.error(run.preflight_error + "; reporting all testcases as ABORT");
        run.results = scs::aborted_results(*selected, run.preflight_error);
        report_run(run, *selected, args, options, console, false);
        return core::k_exit_failed;
    }
    scs::IaasSubject subject(**cloud);
    const bool stream = options.output != OutputFormat::json;
    run.results = scs::run_testcases(subject, *selected, [&](const scs::TestcaseResult& result) {
        if (stream) {
            write_out(testcase_text(result, options.verbosity > 0));
        }
    });
    if (!report_run(run, *selected, args, options, console, stream)) {
        return core::k_exit_usage;
    }
    return required_passed(run.results) ? core::k_exit_ok : core::k_exit_failed;
}

constexpr const char* k_scs_footer =
    "Runs the testcases of the scope \"SCS-compatible IaaS\" that read the cloud's APIs (scs-0100, scs-0102,\n"
    "scs-0103, scs-0104, scs-0114, scs-0115, scs-0116, scs-0123), as the SCS reference checker\n"
    "openstack_test.py does, with a member user (a user with admin or manager aborts everything).\n"
    "\n"
    "WRITES: the testcases only read, except three, which write as the reference does:\n"
    "  scs-0115-default-rules  on clouds without Neutron's default-security-group-rules API, creates a\n"
    "                          security group 'scs-test-default-sg', reads its rules and deletes it;\n"
    "  scs-0116-permissions    creates a Barbican secret 'scs-member-role-test-secret' (payload \"foo\"),\n"
    "                          lists it and deletes it (leftovers of that name are deleted first);\n"
    "  scs-0123-swift-s3       where the catalog has an object-store: deletes the user's EC2 credentials\n"
    "                          owned 'TmpMandSvcTest' (leftovers), creates one (random keys), creates an\n"
    "                          S3 bucket 'scs-test-container' when S3 lists none, and deletes both again.\n"
    "Deselect them with --tests or testcase ids to stay read-only.\n"
    "\n"
    "Output: one 'ID: PASS|FAIL|ABORT' line per testcase, then a summary. Exit 0 when every selected\n"
    "required testcase passed, 1 otherwise, 2 on usage errors, 3 when the cloud is unreachable.\n"
    "Example: scsctl check scs --os-cloud mycloud --tests 'scs-010[03]-' --junit scs.xml";

} // namespace

void define_check(CLI::App& command, GlobalOptions& options)
{
    command.require_subcommand(1);
    auto args = std::make_shared<CheckScsArgs>();
    CLI::App* scs = command.add_subcommand(
        "scs", "Run the SCS-compatible IaaS testcases (scope v5.1) against an OpenStack cloud; they only read, "
               "except scs-0115-default-rules (fallback: a temporary security group), scs-0116-permissions (a "
               "temporary secret) and scs-0123-swift-s3 (a temporary EC2 credential and S3 bucket)");
    add_openstack_options(*scs, args->connect);
    scs->add_option("ids", args->ids, "Only these testcases (ids as check scs --list prints them; '-': one per line on stdin)")
        ->type_name("ID");
    scs->add_option("--scope-version", args->version, "The scope version whose testcases to run (default v5.1)")
        ->type_name("VERSION");
    scs->add_option("--tests", args->tests,
                    "Only the testcases whose id this regular expression matches from its start (Python re.match)")
        ->type_name("REGEX");
    scs->add_flag("--list", args->list, "List the selected testcases (required or recommended, writes) and exit");
    scs->add_option("--junit", args->junit, "Also write the results as JUnit XML (one testcase per testcase id)")
        ->type_name("FILE");
    scs->add_option("--subject", args->subject, "The name of the cloud in the reports (default: the cloud's name)")
        ->type_name("NAME");
    scs->footer(k_scs_footer);
    scs->callback([&options, args] { options.action = [&options, args] { return run_check_scs(*args, options); }; });
}

} // namespace scsctl::cli
