// Walks the CLI11 app into CommandDocs for the completion and man page generators.
// Depends on CLI11 only; must not know any particular subcommand.
#include "cli/command_tree.hpp"

#include <algorithm>

namespace scsctl::cli {

namespace {

bool is_choice_word(const std::string& word)
{
    return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.';
    });
}

/// "a|b|c" → {a, b, c}; anything else (a placeholder like "N") → {}.
std::vector<std::string> choices_of(const std::string& value_name)
{
    std::vector<std::string> words;
    for (std::size_t begin = 0; begin <= value_name.size();) {
        const std::size_t bar = std::min(value_name.find('|', begin), value_name.size());
        words.push_back(value_name.substr(begin, bar - begin));
        begin = bar + 1;
    }
    if (words.size() < 2 || !std::all_of(words.begin(), words.end(), is_choice_word)) {
        return {};
    }
    return words;
}

OptionDoc describe_option(const CLI::Option& option, const CLI::App& app)
{
    OptionDoc doc;
    for (const auto& name : option.get_snames()) {
        doc.names.push_back("-" + name);
    }
    for (const auto& name : option.get_lnames()) {
        doc.names.push_back("--" + name);
    }
    if (!option.nonpositional()) {
        doc.names.push_back(option.get_name(true));
    }
    if (option.get_items_expected_max() > 0) { // flags expect 0 values
        // CLI11 appends validator descriptions: "bash|zsh:{bash,zsh}".
        const std::string full = option.get_type_name();
        const std::size_t colon = full.find(':');
        doc.value_name = full.substr(0, colon);
        if (doc.value_name.empty()) {
            doc.value_name = "VALUE";
        }
        doc.choices = choices_of(doc.value_name);
        const std::string validators = colon == std::string::npos ? std::string() : full.substr(colon + 1);
        if (doc.choices.empty() && validators.size() > 2 && validators.front() == '{' && validators.back() == '}') {
            std::string words = validators.substr(1, validators.size() - 2);
            std::replace(words.begin(), words.end(), ',', '|');
            doc.choices = choices_of(words);
        }
    }
    doc.description = option.get_description();
    doc.files = doc.value_name == "PATH" || doc.value_name == "FILE" || doc.value_name == "DIR";
    doc.help = &option == app.get_help_ptr() || &option == app.get_help_all_ptr();
    return doc;
}

void walk(const CLI::App& app, std::vector<std::string> path, std::vector<CommandDoc>& out)
{
    CommandDoc doc;
    doc.path = path;
    doc.description = app.get_description();
    for (const CLI::Option* option : app.get_options()) {
        (option->nonpositional() ? doc.options : doc.positionals).push_back(describe_option(*option, app));
    }
    const auto children = app.get_subcommands([](const CLI::App* child) { return !child->get_disabled(); });
    for (const CLI::App* child : children) {
        if (!child->get_name().empty()) {
            doc.subcommands.push_back(child->get_name());
        }
    }
    out.push_back(std::move(doc));
    for (const CLI::App* child : children) {
        if (child->get_name().empty()) {
            continue; // option groups are not commands
        }
        auto child_path = path;
        child_path.push_back(child->get_name());
        walk(*child, std::move(child_path), out);
    }
}

} // namespace

std::string CommandDoc::joined_path() const
{
    std::string joined;
    for (const auto& part : path) {
        joined += (joined.empty() ? "" : " ") + part;
    }
    return joined;
}

std::vector<CommandDoc> describe_tree(const CLI::App& root)
{
    std::vector<CommandDoc> tree;
    walk(root, {}, tree);
    return tree;
}

std::vector<OptionDoc> options_in_scope(const std::vector<CommandDoc>& tree, std::size_t index)
{
    std::vector<OptionDoc> options = tree[index].options;
    const auto& path = tree[index].path;
    for (std::size_t i = 0; i < tree.size(); ++i) {
        const auto& other = tree[i].path;
        const bool ancestor = other.size() < path.size() && std::equal(other.begin(), other.end(), path.begin());
        if (!ancestor) {
            continue;
        }
        for (const auto& option : tree[i].options) {
            if (!option.help) {
                options.push_back(option);
            }
        }
    }
    return options;
}

} // namespace scsctl::cli
