// Tests of the command-tree walk and the completion and man page generators built on it.
#include <catch2/catch.hpp>

#include <algorithm>

#include "cli/app.hpp"
#include "cli/command_tree.hpp"
#include "cli/global_options.hpp"

using namespace scsctl::cli;

namespace {

std::vector<CommandDoc> real_tree()
{
    GlobalOptions options;
    CLI::App app;
    build_app(app, options);
    return describe_tree(app);
}

/// A small tree with a nested subcommand, to test the generators independently of the
/// real commands.
std::vector<CommandDoc> toy_tree(CLI::App& app)
{
    static std::string value;
    static int flag = 0;
    app.name("scsctl");
    app.add_option("--output", value, "Format")->type_name("text|json");
    CLI::App* alpha = app.add_subcommand("alpha", "Alpha things");
    CLI::App* beta = alpha->add_subcommand("beta", "Nested beta");
    beta->add_option("--file", value, "A file")->type_name("PATH");
    beta->add_flag("--dry-run", flag, "Do nothing");
    return describe_tree(app);
}

} // namespace

TEST_CASE("command tree: nested commands, value kinds and inherited options", "[completion]")
{
    CLI::App app;
    const auto tree = toy_tree(app);
    REQUIRE(tree.size() == 3);
    CHECK(tree[0].subcommands == std::vector<std::string>{"alpha"});
    CHECK(tree[2].joined_path() == "alpha beta");
    const auto scope = options_in_scope(tree, 2);
    bool has_file = false;
    bool has_output = false;
    for (const auto& option : scope) {
        has_file = has_file || (option.names.back() == "--file" && option.files);
        has_output = has_output || (option.names.back() == "--output" &&
                                    option.choices == std::vector<std::string>{"text", "json"});
        CHECK_FALSE((option.names.back() == "--dry-run" && !option.value_name.empty()));
    }
    CHECK(has_file);
    CHECK(has_output);
}

TEST_CASE("completion: bash script covers nested commands and option values", "[completion]")
{
    CLI::App app;
    const std::string script = bash_completion(toy_tree(app));
    CHECK(script.find("complete -F _scsctl scsctl") != std::string::npos);
    CHECK(script.find("'alpha') echo 'beta' ;;") != std::string::npos);
    CHECK(script.find("'alpha beta|--output') COMPREPLY=($(compgen -W 'text json' -- \"$3\")) ;;") !=
          std::string::npos);
    CHECK(script.find("'alpha beta|--file') compopt -o filenames") != std::string::npos);
    CHECK(script.find("'alpha beta|--dry-run') return 0") == std::string::npos); // a flag takes no value
}

TEST_CASE("completion: the real tree completes every subcommand, zsh has compdef", "[completion]")
{
    const auto tree = real_tree();
    const std::string bash = bash_completion(tree);
    for (const char* name : {"inventory", "config", "completion", "man"}) {
        const auto& top = tree.front().subcommands;
        CHECK(std::find(top.begin(), top.end(), name) != top.end());
    }
    CHECK(bash.find("'config') echo 'show' ;;") != std::string::npos);
    CHECK(bash.find("'config show|--forks') return 0 ;;") != std::string::npos);
    CHECK(bash.find("'completion') echo 'bash zsh' ;;") != std::string::npos);
    const std::string zsh = zsh_completion(tree);
    CHECK(zsh.rfind("#compdef scsctl\n", 0) == 0);
    CHECK(zsh.find("compdef _scsctl scsctl") != std::string::npos);
    CHECK(zsh.find("'config show|--host-key-checking') compadd -- strict accept-new off ;;") != std::string::npos);
}

TEST_CASE("man: troff escaping", "[man]")
{
    CHECK(troff_escape("--forks") == "\\-\\-forks");
    CHECK(troff_escape("a\\b") == "a\\eb");
    CHECK(troff_escape(".hidden") == "\\&.hidden");
    CHECK(troff_escape("'quoted'") == "\\&'quoted'");
    CHECK(troff_escape("say \"hi\"") == "say \\(dqhi\\(dq");
}

TEST_CASE("man: page sections come from the tree and the settings", "[man]")
{
    const std::string page = man_page(real_tree());
    CHECK(page.find(".TH SCSCTL 1 ") != std::string::npos);
    for (const char* section : {".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH COMMANDS", ".SH GLOBAL OPTIONS",
                                ".SH EXIT STATUS", ".SH ENVIRONMENT", ".SH FILES"}) {
        CHECK(page.find(section) != std::string::npos);
    }
    CHECK(page.find(".SS \"scsctl config show\"") != std::string::npos);
    CHECK(page.find("\\fB\\-f\\fR, \\fB\\-\\-forks\\fR \\fIN\\fR") != std::string::npos);
    CHECK(page.find("\\fBSCSCTL_HOST_KEY_CHECKING\\fR") != std::string::npos);
    CHECK(page.find(".TP\n\\fB130\\fR") != std::string::npos);
    CHECK(page.find("\n--") == std::string::npos); // no unescaped option at a line start
}
