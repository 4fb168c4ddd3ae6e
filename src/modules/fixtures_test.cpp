// Golden fixtures for the file-handling modules: every tests/modules/fixtures/<module>/*.json
// gives arguments, context and probe output, and the expected probe text, steps and
// result. The fixtures are data; this file only runs them.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/base64.hpp"
#include "modules/module.hpp"
#include "modules/remote_probe.hpp"

namespace scsctl::modules {

namespace {

namespace fs = std::filesystem;

const std::string k_root = SCSCTL_SOURCE_DIR;

core::Value load_json(const fs::path& path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return core::Value::parse(text.str(), nullptr, false);
}

/// Probe stdout from {"sections": {"name": "body" | {"text": "raw"}}} or {"stdout": "..."}.
StepResult fixture_probe(const core::Value& probe)
{
    StepResult out;
    out.rc = probe.value("rc", 0);
    out.stderr_text = probe.value("stderr", "");
    out.stdout_text = probe.value("stdout", "");
    if (probe.contains("sections")) {
        for (const auto& [name, body] : probe["sections"].items()) {
            out.stdout_text += std::string(k_section_marker) + name + "\n";
            if (body.is_object()) {
                out.stdout_text += core::base64_encode(body.value("text", "")) + "\n";
            } else {
                out.stdout_text += body.get<std::string>() + "\n";
            }
        }
    }
    return out;
}

TaskContext fixture_context(const core::Value& spec)
{
    TaskContext context;
    context.host = spec.value("host", "web1");
    context.check_mode = spec.value("check_mode", false);
    context.diff_mode = spec.value("diff_mode", false);
    const core::Value paths = spec.value("search_paths", core::Value::array());
    for (const auto& path : paths) {
        context.search_paths.push_back(k_root + "/" + path.get<std::string>());
    }
    const core::Value replacements = spec.value("render", core::Value::object());
    context.render_text = [replacements](std::string_view text, const core::Value&) -> core::Result<std::string> {
        std::string out(text);
        for (const auto& [from, to] : replacements.items()) {
            for (auto at = out.find(from); at != std::string::npos; at = out.find(from, at + 1)) {
                out.replace(at, from.size(), to.get<std::string>());
            }
        }
        return out;
    };
    return context;
}

core::Value step_json(const Step& step)
{
    if (const auto* command = std::get_if<CommandStep>(&step)) {
        return {{"type", "command"}, {"script", command->script}, {"stdin", command->stdin_data}};
    }
    if (const auto* upload = std::get_if<UploadStep>(&step)) {
        core::Value out = {{"type", "upload"}, {"remote_path", upload->remote_path}, {"content", upload->content}};
        out["mode"] = upload->mode ? core::Value(*upload->mode) : core::Value(nullptr);
        out["owner"] = upload->owner ? core::Value(*upload->owner) : core::Value(nullptr);
        out["group"] = upload->group ? core::Value(*upload->group) : core::Value(nullptr);
        return out;
    }
    if (const auto* fetch = std::get_if<FetchStep>(&step)) {
        return {{"type", "fetch"}, {"remote_path", fetch->remote_path}, {"local_path", fetch->local_path}};
    }
    return {{"type", "other"}};
}

/// Expected step: every key must match, except *_contains (list of substrings) and
/// mode given as an octal string.
void check_step(const core::Value& expected, const core::Value& actual, const std::string& where)
{
    for (const auto& [key, value] : expected.items()) {
        INFO(where << " step key " << key << "\nactual step: " << actual.dump(2));
        if (key.ends_with("_contains") || key.ends_with("_lacks")) {
            const std::string field = key.substr(0, key.rfind('_'));
            const std::string text = actual.value(field, "");
            for (const auto& part : value) {
                const bool found = text.find(part.get<std::string>()) != std::string::npos;
                INFO("substring " << part.dump());
                CHECK(found == key.ends_with("_contains"));
            }
        } else if (key == "mode" && value.is_string()) {
            REQUIRE(actual["mode"].is_number());
            CHECK(std::stoul(value.get<std::string>(), nullptr, 8) == actual["mode"].get<unsigned>());
        } else {
            CHECK(actual.value(key, core::Value()) == value);
        }
    }
}

/// The probe text holds every expected substring (or is empty when expected so).
void check_probe(const Module& module, const core::Value& args, const TaskContext& context, const core::Value& expect)
{
    if (!expect.contains("probe_contains") && !expect.contains("probe_empty")) {
        return;
    }
    const auto probe = module.probe(args, context);
    REQUIRE(probe.has_value());
    if (expect.value("probe_empty", false)) {
        CHECK(probe->empty());
    }
    const core::Value parts = expect.value("probe_contains", core::Value::array());
    for (const auto& part : parts) {
        INFO("probe: " << *probe << "\nexpected substring: " << part.dump());
        CHECK(probe->find(part.get<std::string>()) != std::string::npos);
    }
}

void run_fixture(const fs::path& path)
{
    const std::string where = path.string();
    const core::Value fixture = load_json(path);
    INFO("fixture " << where);
    REQUIRE(fixture.is_object());
    const std::string name = fixture.value("module", path.parent_path().filename().string());
    const Module* module = find_module(name);
    REQUIRE(module != nullptr);
    const core::Value args = fixture.value("args", core::Value::object());
    const core::Value expect = fixture.value("expect", core::Value::object());
    const TaskContext context = fixture_context(fixture.value("context", core::Value::object()));
    if (expect.contains("validate_errors")) {
        const auto errors = module->validate(args);
        CHECK(core::Value(errors) == expect["validate_errors"]);
        return;
    }
    check_probe(*module, args, context, expect);
    const auto decision = module->decide(args, fixture_probe(fixture.value("probe", core::Value::object())), context);

    if (expect.contains("error")) {
        REQUIRE_FALSE(decision.has_value());
        INFO("error: " << decision.error().message);
        CHECK(decision.error().message.find(expect["error"].get<std::string>()) != std::string::npos);
        return;
    }
    REQUIRE(decision.has_value());
    INFO("result: " << decision->result.dump(2));
    CHECK(decision->changed == expect.value("changed", false));
    CHECK(decision->failed == expect.value("failed", false));
    CHECK(decision->check_mode_unsupported == expect.value("check_mode_unsupported", false));
    if (expect.contains("steps")) {
        REQUIRE(decision->steps.size() == expect["steps"].size());
        for (std::size_t i = 0; i < decision->steps.size(); ++i) {
            check_step(expect["steps"][i], step_json(decision->steps[i]), where);
        }
    }
    const core::Value expected_result = expect.value("result", core::Value::object());
    for (const auto& [key, value] : expected_result.items()) {
        INFO("result key " << key);
        CHECK(decision->result.value(key, core::Value()) == value);
    }
    const core::Value lacks = expect.value("result_lacks", core::Value::array());
    for (const auto& key : lacks) {
        CHECK_FALSE(decision->result.contains(key.get<std::string>()));
    }
    if (expect.contains("diff_count")) {
        CHECK(decision->diffs.size() == expect["diff_count"].get<std::size_t>());
    }
    if (expect.contains("diff_after")) {
        REQUIRE_FALSE(decision->diffs.empty());
        CHECK(decision->diffs.front().after == expect["diff_after"].get<std::string>());
    }
}

} // namespace

TEST_CASE("module fixtures", "[modules]")
{
    const fs::path root = fs::path(k_root) / "tests/modules/fixtures";
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.path().extension() == ".json") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 60);
    for (const auto& file : files) {
        DYNAMIC_SECTION(file.parent_path().filename().string() << "/" << file.filename().string())
        {
            run_fixture(file);
        }
    }
}

} // namespace scsctl::modules
