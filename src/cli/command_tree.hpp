// A plain description of the CLI11 command tree (commands, options, value kinds), walked
// from the app cli::build_app builds, and the generators that consume it: shell completion
// (cmd_completion.cpp) and the man page (cmd_man.cpp). Nothing here is written per command.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace scsctl::cli {

struct OptionDoc {
    std::vector<std::string> names; ///< "-i", "--inventory"; for positionals the value name
    std::string value_name;         ///< "PATH", "text|json"; empty for flags
    std::string description;
    std::vector<std::string> choices; ///< from a value name like "text|json"
    bool files = false;               ///< the value is a path (PATH, FILE, DIR)
    bool help = false;                ///< the -h/--help flag every command has
};

struct CommandDoc {
    std::vector<std::string> path; ///< {"config", "show"}; empty for scsctl itself
    std::string description;
    std::vector<std::string> subcommands;
    std::vector<OptionDoc> options; ///< its own options; global ones belong to the root
    std::vector<OptionDoc> positionals;

    std::string joined_path() const; ///< "config show"
};

/// Every command of the tree under `root`, parents before children, in definition order.
std::vector<CommandDoc> describe_tree(const CLI::App& root);

/// The options accepted by the command at `index` of `tree`: its own and, because every
/// command falls through to its parents, those of its ancestors.
std::vector<OptionDoc> options_in_scope(const std::vector<CommandDoc>& tree, std::size_t index);

std::string bash_completion(const std::vector<CommandDoc>& tree);
std::string zsh_completion(const std::vector<CommandDoc>& tree);

/// The troff man page (section 1) of scsctl.
std::string man_page(const std::vector<CommandDoc>& tree);

/// Text made safe for troff: backslashes, hyphens, quotes and leading '.' or '\''.
std::string troff_escape(const std::string& text);

} // namespace scsctl::cli
