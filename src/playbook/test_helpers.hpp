// Test helpers for the playbook loader tests: a small module catalog and loading a
// playbook written into a TempDir. Depends on the loader and tests/support.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "playbook/loader.hpp"
#include "temp_dir.hpp"

namespace scsctl::playbook::testing {

inline LoadOptions test_options()
{
    static const std::vector<std::string> k_modules = {"command", "copy",   "debug", "file",  "meta",    "ping",
                                                       "raw",     "script", "service", "set_fact", "shell", "template"};
    LoadOptions options;
    options.modules.names = k_modules;
    options.modules.exists = [](std::string_view name) {
        return std::find(k_modules.begin(), k_modules.end(), name) != k_modules.end();
    };
    options.modules.validate = [](std::string_view name, const core::Value& args) {
        std::vector<std::string> problems;
        if (name == "copy" && args.is_object() && !args.contains("dest")) {
            problems.push_back("missing required argument 'dest'");
        }
        return problems;
    };
    return options;
}

inline std::string messages(const core::Diagnostics& diagnostics)
{
    std::string out;
    for (const auto& item : diagnostics.sorted()) {
        out += item.str() + "\n";
    }
    return out;
}

struct Loaded {
    model::Playbook playbook;
    core::Diagnostics diagnostics;
};

inline Loaded load(const scsctl::testing::TempDir& dir, const std::string& text, LoadOptions options = test_options())
{
    Loaded out;
    const std::string path = dir.write("site.yml", text);
    out.playbook = load_playbook(path, options, out.diagnostics);
    return out;
}

} // namespace scsctl::playbook::testing
