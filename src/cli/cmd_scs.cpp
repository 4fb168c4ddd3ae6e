// scsctl scs: SCS standards helpers. `scs flavor-name NAME... | -` checks flavor names
// against scs-0100 (v3, tolerating v1) as the reference checker does; `scs flavor-name
// generate` turns fields into the canonical name and its scs-0103 extra_specs. Exit 0, 1 when
// a name fails, 2 on bad input (docs/scs.md).
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

#include "cli/command_table.hpp"
#include "cli/scs_flavor_generate.hpp"
#include "cli/scs_flavor_output.hpp"
#include "core/exit_codes.hpp"
#include "scs/flavor_verdict.hpp"

namespace scsctl::cli {

namespace {

struct FlavorNameArgs {
    std::vector<std::string> names;
    bool json = false;
};

/// The lines of `text`, each kept as written ("\r" included); a final newline ends the
/// last line rather than starting an empty one.
std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            lines.push_back(text.substr(start));
            break;
        }
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

void write_out(const std::string& text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
}

int run_flavor_name(const FlavorNameArgs& args, const GlobalOptions& options)
{
    const Console console(options);
    std::vector<std::string> names = args.names;
    const bool from_stdin = std::find(names.begin(), names.end(), "-") != names.end();
    if (from_stdin && names.size() > 1) {
        console.error("scs flavor-name: give names as arguments or '-' alone to read them from stdin, not both");
        return core::k_exit_usage;
    }
    if (names.empty()) {
        console.error("scs flavor-name: no names (give NAME... or '-' to read one name per line from stdin)");
        return core::k_exit_usage;
    }
    if (from_stdin) {
        std::ostringstream input;
        input << std::cin.rdbuf();
        names = lines_of(input.str());
    }
    const bool json = args.json || options.output == OutputFormat::json;
    core::Value list = core::Value::array();
    int code = core::k_exit_ok;
    for (const auto& name : names) {
        const auto verdict = scs::check_flavor_name(name);
        if (verdict.kind == scs::VerdictKind::fail) {
            code = core::k_exit_failed;
        }
        if (json) {
            list.push_back(flavor_verdict_json(name, verdict));
        } else {
            write_out(flavor_verdict_line(name, verdict) + "\n");
        }
    }
    if (json) {
        write_out(json_text(list));
    }
    std::fflush(stdout);
    return code;
}

} // namespace

void define_scs(CLI::App& command, GlobalOptions& options)
{
    command.require_subcommand(1);
    auto args = std::make_shared<FlavorNameArgs>();
    CLI::App* flavor = command.add_subcommand(
        "flavor-name", "Check flavor names against scs-0100 (v3; v1 tolerated), as the reference checker does");
    flavor->add_option("names", args->names, "Flavor names, or '-' to read one name per line from stdin")
        ->type_name("NAME");
    flavor->add_flag("--json", args->json, "JSON output (the same as --output json)");
    CLI::App* generate = define_flavor_generate(*flavor, options);
    flavor->callback([&options, args, generate] {
        if (!generate->parsed()) {
            options.action = [&options, args] { return run_flavor_name(*args, options); };
        }
    });
}

} // namespace scsctl::cli
