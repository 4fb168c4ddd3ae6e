// scsctl man: the troff man page (section 1), generated from the command tree and the
// setting keys (config::keys) so it cannot drift from the binary. No per-command text here.
#include <iostream>

#include "cli/app.hpp"
#include "cli/command_table.hpp"
#include "cli/command_tree.hpp"
#include "config/settings.hpp"
#include "core/exit_codes.hpp"
#include "core/version.hpp"

namespace scsctl::cli {

namespace {

/// "\fB\-i\fR, \fB\-\-inventory\fR \fIPATH\fR"
std::string option_term(const OptionDoc& option)
{
    std::string term;
    for (const auto& name : option.names) {
        term += (term.empty() ? "" : ", ") + std::string("\\fB") + troff_escape(name) + "\\fR";
    }
    if (!option.value_name.empty()) {
        term += " \\fI" + troff_escape(option.value_name) + "\\fR";
    }
    return term;
}

void tagged(std::string& out, const std::string& term, const std::string& text)
{
    out += ".TP\n" + term + "\n" + troff_escape(text) + "\n";
}

std::string synopsis_of(const CommandDoc& command)
{
    std::string line = "\\fBscsctl " + troff_escape(command.joined_path()) + "\\fR";
    if (!command.options.empty()) {
        line += " [\\fIOPTIONS\\fR]";
    }
    for (const auto& positional : command.positionals) {
        line += " \\fI" + troff_escape(positional.value_name.empty() ? positional.names.front()
                                                                     : positional.value_name) + "\\fR";
    }
    if (!command.subcommands.empty()) {
        line += " \\fICOMMAND\\fR";
    }
    return line;
}

void commands_section(std::string& out, const std::vector<CommandDoc>& tree)
{
    out += ".SH COMMANDS\n";
    for (std::size_t i = 1; i < tree.size(); ++i) {
        const CommandDoc& command = tree[i];
        out += ".SS \"scsctl " + troff_escape(command.joined_path()) + "\"\n";
        out += synopsis_of(command) + "\n.PP\n" + troff_escape(command.description) + "\n";
        if (!command.subcommands.empty()) {
            out += ".PP\nCommands: ";
            for (std::size_t k = 0; k < command.subcommands.size(); ++k) {
                out += (k == 0 ? "\\fB" : ", \\fB") + troff_escape(command.subcommands[k]) + "\\fR";
            }
            out += ".\n";
        }
        for (const auto& positional : command.positionals) {
            tagged(out, "\\fI" + troff_escape(positional.value_name) + "\\fR", positional.description);
        }
        for (const auto& option : command.options) {
            if (!option.help) {
                tagged(out, option_term(option), option.description);
            }
        }
    }
}

void static_sections(std::string& out)
{
    out += ".SH EXIT STATUS\n";
    const std::pair<int, const char*> k_codes[] = {
        {core::k_exit_ok, "Success."},
        {core::k_exit_failed, "One or more tasks or commands failed."},
        {core::k_exit_usage, "Usage or configuration error: bad flags, a malformed inventory, playbook or "
                             "configuration file. Nothing was changed on any host."},
        {core::k_exit_unreachable, "One or more hosts were unreachable."},
        {core::k_exit_lock_held, "The inventory lock is held by another run or an operator (scsctl lock status)."},
        {core::k_exit_internal, "Internal error: a bug in scsctl."},
        {core::k_exit_interrupted, "Interrupted by SIGINT."},
        {core::k_exit_terminated, "Terminated by SIGTERM (for example a cancelled CI job)."},
    };
    for (const auto& [code, text] : k_codes) {
        tagged(out, "\\fB" + std::to_string(code) + "\\fR", text);
    }
    out += ".SH ENVIRONMENT\n";
    tagged(out, "\\fBNO_COLOR\\fR", "When set and not empty, --color=auto prints no colour (https://no-color.org).");
    for (const auto& key : config::keys()) {
        tagged(out, "\\fB" + troff_escape(key.env) + "\\fR",
               std::string(key.summary) + " (setting " + key.name + "; default " + key.default_text + ").");
    }
    tagged(out, "\\fBANSIBLE_CONFIG\\fR", "The ansible.cfg file (or a directory holding one) to read, as in Ansible.");
    tagged(out, "\\fBXDG_CONFIG_HOME\\fR", "Where the user scsctl.yml lives (default ~/.config).");
    out += ".SH FILES\n";
    tagged(out, "\\fI$XDG_CONFIG_HOME/scsctl/scsctl.yml\\fR",
           "User settings (~/.config/scsctl/scsctl.yml when XDG_CONFIG_HOME is unset).");
    tagged(out, "\\fIscsctl.yml\\fR beside the inventory",
           "Settings of one deployment: inside the first -i source when it is a directory, next to it when it is a "
           "file. Overrides the user scsctl.yml.");
    tagged(out, "\\fIansible.cfg\\fR",
           "The [defaults] section of the first of $ANSIBLE_CONFIG, ./ansible.cfg (unless the directory is "
           "world-writable), ~/.ansible.cfg and /etc/ansible/ansible.cfg, as Ansible finds it. Overridden by "
           "scsctl.yml.");
    out += ".PP\nPrecedence, lowest first: built-in defaults, ansible.cfg, user scsctl.yml, inventory scsctl.yml, "
           "SCSCTL_* variables, command-line flags. \\fBscsctl config show\\fR prints each effective value and "
           "its source.\n";
    out += ".SH SEE ALSO\n\\fBansible\\-playbook\\fR(1), \\fBansible\\-config\\fR(1), \\fBssh\\fR(1)\n";
}

} // namespace

std::string troff_escape(const std::string& text)
{
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '\\':
            out += "\\e";
            break;
        case '-':
            out += "\\-";
            break;
        case '"':
            out += "\\(dq";
            break;
        case '\n':
            out += ' ';
            break;
        default:
            out += c;
        }
    }
    if (!out.empty() && (out[0] == '.' || out[0] == '\'')) {
        out.insert(0, "\\&");
    }
    return out;
}

std::string man_page(const std::vector<CommandDoc>& tree)
{
    const CommandDoc& root = tree.front();
    std::string out = ".\\\" Generated by 'scsctl man' from the command tree; do not edit.\n";
    out += ".TH SCSCTL 1 \"\" \"scsctl " + troff_escape(core::k_version) + "\" \"User Commands\"\n";
    out += ".SH NAME\nscsctl \\- deploy and operate a Sovereign Cloud Stack region from an Ansible\\-style inventory\n";
    out += ".SH SYNOPSIS\n\\fBscsctl\\fR [\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR] "
           "[\\fIARGUMENTS\\fR]\n";
    out += ".SH DESCRIPTION\n" + troff_escape(root.description) + "\n.PP\n";
    out += "Global options may be given before or after the command name. Errors are printed on standard error, "
           "one line each, as \\fIfile\\fR:\\fIline\\fR:\\fIcolumn\\fR: \\fImessage\\fR; data is printed on "
           "standard output.\n";
    commands_section(out, tree);
    out += ".SH GLOBAL OPTIONS\n";
    for (const auto& option : root.options) {
        tagged(out, option_term(option), option.description);
    }
    static_sections(out);
    return out;
}

void define_man(CLI::App& command, GlobalOptions& options)
{
    command.footer("Example: scsctl man | man -l -");
    command.callback([&options]() {
        options.action = []() {
            GlobalOptions fresh;
            CLI::App app;
            build_app(app, fresh);
            std::cout << man_page(describe_tree(app));
            return core::k_exit_ok;
        };
    });
}

} // namespace scsctl::cli
