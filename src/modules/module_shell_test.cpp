// Probe + decide + steps against a real /bin/sh in a temporary directory: the probe's
// real output feeds decide(), the steps are applied locally (CommandStep via sh,
// UploadStep by writing the file) and a second decide() must find nothing to do.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/base64.hpp"
#include "core/shell_quote.hpp"
#include "modules/file_state.hpp"
#include "modules/module.hpp"
#include "modules/remote_probe.hpp"
#include "temp_dir.hpp"

namespace scsctl::modules {

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Runs `script` with /bin/sh in `dir`, feeding `stdin_data`.
StepResult run_sh(const testing::TempDir& dir, const std::string& script, const std::string& stdin_data = "")
{
    const fs::path base = dir.path() / ".run";
    fs::create_directories(base);
    std::ofstream(base / "script", std::ios::binary) << script;
    std::ofstream(base / "stdin", std::ios::binary) << stdin_data;
    const std::string command = "cd " + core::shell_quote(dir.path().string()) + " && /bin/sh " +
                                core::shell_quote((base / "script").string()) + " < " +
                                core::shell_quote((base / "stdin").string()) + " > " +
                                core::shell_quote((base / "out").string()) + " 2> " +
                                core::shell_quote((base / "err").string());
    const int status = std::system(command.c_str());
    StepResult result;
    result.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.stdout_text = read_file(base / "out");
    result.stderr_text = read_file(base / "err");
    return result;
}

StepResult apply_step(const testing::TempDir& dir, const Step& step)
{
    if (const auto* command = std::get_if<CommandStep>(&step)) {
        return run_sh(dir, command->script, command->stdin_data);
    }
    StepResult result;
    if (const auto* upload = std::get_if<UploadStep>(&step)) {
        const fs::path target = upload->remote_path;
        struct ::stat before {};
        const bool existed = ::stat(target.c_str(), &before) == 0;
        const fs::path temp = target.string() + ".upload-tmp";
        std::ofstream(temp, std::ios::binary) << upload->content;
        const unsigned mode = upload->mode ? *upload->mode : existed ? (before.st_mode & 07777) : 0644;
        ::chmod(temp.c_str(), mode);
        fs::rename(temp, target);
        result.changed = true;
    }
    return result;
}

struct Outcome {
    Decision decision;
    std::vector<StepResult> steps;
    core::Value result;
};

/// probe → decide → apply → finish, as the runner would (not in check mode).
Outcome run_module(const testing::TempDir& dir, std::string_view name, const core::Value& args,
                   TaskContext context = {})
{
    const Module* module = find_module(name);
    REQUIRE(module != nullptr);
    const auto probe = module->probe(args, context);
    REQUIRE(probe.has_value());
    const StepResult probe_result = probe->empty() ? StepResult{} : run_sh(dir, *probe);
    auto decision = module->decide(args, probe_result, context);
    INFO("probe output: " << probe_result.stdout_text << "\nstderr: " << probe_result.stderr_text);
    REQUIRE(decision.has_value());
    Outcome outcome{*decision, {}, {}};
    for (const auto& step : outcome.decision.steps) {
        outcome.steps.push_back(apply_step(dir, step));
    }
    outcome.result = module->finish(outcome.decision, outcome.steps, context);
    return outcome;
}

unsigned file_mode(const fs::path& path)
{
    struct ::stat info {};
    ::lstat(path.c_str(), &info);
    return info.st_mode & 07777;
}

} // namespace

TEST_CASE("lineinfile on a real shell round-trips and is idempotent", "[modules]")
{
    testing::TempDir dir;
    const std::string path = dir.write("conf", "a\nb");
    const core::Value args = {{"path", path}, {"line", "c"}};
    const Outcome first = run_module(dir, "lineinfile", args);
    CHECK(first.result["changed"] == true);
    CHECK(first.result["msg"] == "line added");
    CHECK(read_file(path) == "a\nb\nc\n");
    const Outcome second = run_module(dir, "lineinfile", args);
    CHECK(second.result["changed"] == false);
    CHECK(second.decision.steps.empty());
}

TEST_CASE("lineinfile keeps binary bytes and the file mode", "[modules]")
{
    testing::TempDir dir;
    const std::string original = std::string("k=1\n\x01\xff\x00z\r\n", 10);
    const std::string path = dir.write("bin", original);
    ::chmod(path.c_str(), 0640);
    const Outcome first = run_module(dir, "lineinfile", {{"path", path}, {"regexp", "^k="}, {"line", "k=2"}});
    CHECK(first.result["changed"] == true);
    CHECK(read_file(path) == "k=2\n" + original.substr(4));
    CHECK(file_mode(path) == 0640);
}

TEST_CASE("copy writes new content, then only changes the mode, then nothing", "[modules]")
{
    testing::TempDir dir;
    const std::string path = (dir.path() / "x.conf").string();
    const Outcome first = run_module(dir, "copy", {{"content", "hello\n"}, {"dest", path}, {"mode", "0600"}});
    CHECK(first.result["changed"] == true);
    CHECK(first.result["checksum"] == "f572d396fae9206628714fb2ce00f72e94f2258f");
    CHECK(read_file(path) == "hello\n");
    CHECK(file_mode(path) == 0600);
    const Outcome second = run_module(dir, "copy", {{"content", "hello\n"}, {"dest", path}, {"mode", "0600"}});
    CHECK(second.result["changed"] == false);
    const Outcome third = run_module(dir, "copy", {{"content", "hello\n"}, {"dest", path}, {"mode", "0644"}});
    CHECK(third.result["changed"] == true);
    REQUIRE(third.decision.steps.size() == 1);
    CHECK(std::holds_alternative<CommandStep>(third.decision.steps.front()));
    CHECK(file_mode(path) == 0644);
}

TEST_CASE("copy backup and validate run for real", "[modules]")
{
    testing::TempDir dir;
    const std::string path = dir.write("app.conf", "old\n");
    const Outcome backed = run_module(dir, "copy", {{"content", "new\n"}, {"dest", path}, {"backup", true}});
    REQUIRE(backed.result.contains("backup_file"));
    const std::string backup = backed.result["backup_file"].get<std::string>();
    CHECK(backup.starts_with(path + "."));
    CHECK(backup.ends_with("~"));
    CHECK(read_file(backup) == "old\n");
    CHECK(read_file(path) == "new\n");
    const Outcome refused = run_module(dir, "copy", {{"content", "bad\n"}, {"dest", path}, {"validate", "grep -q good %s"}});
    CHECK(refused.result["failed"] == true);
    CHECK(refused.result["msg"] == "failed to validate");
    CHECK(read_file(path) == "new\n");
    const Outcome accepted = run_module(dir, "copy", {{"content", "good\n"}, {"dest", path}, {"validate", "grep -q good %s"}});
    CHECK_FALSE(accepted.result.contains("failed"));
    CHECK(read_file(path) == "good\n");
}

TEST_CASE("file directory, touch, link and absent on a real shell", "[modules]")
{
    testing::TempDir dir;
    const std::string nested = (dir.path() / "a b/c").string();
    const Outcome made = run_module(dir, "file", {{"path", nested}, {"state", "directory"}, {"mode", "0750"}});
    CHECK(made.result["changed"] == true);
    CHECK(made.result["mode"] == "0750");
    CHECK(made.result["state"] == "directory");
    CHECK(file_mode(dir.path() / "a b") == 0750);
    CHECK(run_module(dir, "file", {{"path", nested}, {"state", "directory"}, {"mode", "0750"}}).result["changed"] == false);
    const std::string link = (dir.path() / "ln").string();
    CHECK(run_module(dir, "file", {{"path", link}, {"src", "a b"}, {"state", "link"}}).result["changed"] == true);
    CHECK(fs::read_symlink(link) == "a b");
    const Outcome again = run_module(dir, "file", {{"path", link}, {"src", "a b"}, {"state", "link"}});
    CHECK(again.result["changed"] == false);
    CHECK(again.result["state"] == "link");
    const std::string touched = (dir.path() / "t").string();
    const Outcome touch = run_module(dir, "file", {{"path", touched}, {"state", "touch"}, {"mode", "u=rw,go="}});
    CHECK(touch.result["changed"] == true);
    CHECK(file_mode(touched) == 0600);
    CHECK(run_module(dir, "file", {{"path", touched}, {"mode", "0600"}}).result["changed"] == false);
    CHECK(run_module(dir, "file", {{"path", nested}, {"state", "absent"}}).result["changed"] == true);
    CHECK_FALSE(fs::exists(nested));
    CHECK(run_module(dir, "file", {{"path", nested}, {"state", "absent"}}).result["changed"] == false);
    const Outcome missing = run_module(dir, "file", {{"path", nested}, {"state", "file"}});
    CHECK(missing.decision.failed);
}

TEST_CASE("command, shell and their guards on a real shell", "[modules]")
{
    testing::TempDir dir;
    const Outcome echo = run_module(dir, "command", {{"_raw_params", "printf '%s\\n' \"a b\" c"}});
    CHECK(echo.result["stdout"] == "a b\nc");
    CHECK(echo.result["stdout_lines"] == core::Value::array({"a b", "c"}));
    CHECK(echo.result["rc"] == 0);
    CHECK(echo.result["changed"] == true);
    CHECK(echo.result["start"].get<std::string>().size() == 26);
    CHECK(echo.result["delta"].get<std::string>().starts_with("0:00:0"));
    const Outcome skipped = run_module(dir, "command", {{"_raw_params", "false"}, {"creates", dir.path().string()}});
    CHECK(skipped.result["changed"] == false);
    CHECK(skipped.result["msg"] == "Did not run command since '" + dir.path().string() + "' exists");
    const Outcome removes = run_module(dir, "shell", {{"_raw_params", "echo x"}, {"removes", "no*such"}});
    CHECK(removes.result["stdout"] == "skipped, since no*such does not exist");
    dir.write("globbed.txt", "");
    const Outcome glob = run_module(dir, "shell", {{"_raw_params", "echo ran; echo err >&2; exit 3"}, {"removes", "glob*.txt"}});
    CHECK(glob.result["stdout"] == "ran");
    CHECK(glob.result["stderr"] == "err");
    CHECK(glob.result["rc"] == 3);
    CHECK(glob.result["failed"] == true);
    CHECK(glob.result["msg"] == "non-zero return code");
    const Outcome piped = run_module(dir, "command", {{"_raw_params", "cat"}, {"stdin", "secret"}, {"chdir", "/"}});
    CHECK(piped.result["stdout"] == "secret");
    const Outcome nochdir = run_module(dir, "command", {{"_raw_params", "pwd"}, {"chdir", "/nonexistent-dir"}});
    CHECK(nochdir.result["failed"] == true);
    CHECK(nochdir.result["msg"] == "Unable to change directory before execution: /nonexistent-dir");
}

TEST_CASE("blockinfile and replace on a real shell", "[modules]")
{
    testing::TempDir dir;
    const std::string path = dir.write("cfg", "a\nb\n");
    const core::Value block = {{"path", path}, {"block", "x=1"}, {"insertafter", "^a"}};
    CHECK(run_module(dir, "blockinfile", block).result["changed"] == true);
    CHECK(read_file(path) == "a\n# BEGIN ANSIBLE MANAGED BLOCK\nx=1\n# END ANSIBLE MANAGED BLOCK\nb\n");
    CHECK(run_module(dir, "blockinfile", block).result["changed"] == false);
    const core::Value replace = {{"path", path}, {"regexp", "^x=(\\d)$"}, {"replace", "x=\\1\\1"}};
    CHECK(run_module(dir, "replace", replace).result["changed"] == true);
    CHECK(read_file(path).find("x=11\n") != std::string::npos);
}

TEST_CASE("stat and slurp read real files", "[modules]")
{
    testing::TempDir dir;
    const std::string path = dir.write("data", std::string("\x00\x01hello\n", 8));
    ::chmod(path.c_str(), 0640);
    const Outcome stat = run_module(dir, "stat", {{"path", path}});
    CHECK(stat.result["stat"]["exists"] == true);
    CHECK(stat.result["stat"]["mode"] == "0640");
    CHECK(stat.result["stat"]["isreg"] == true);
    CHECK(stat.result["stat"]["size"] == 8);
    CHECK(stat.result["stat"]["readable"] == true);
    CHECK(stat.result["stat"]["checksum"].get<std::string>().size() == 40);
    const Outcome missing = run_module(dir, "stat", {{"path", path + ".none"}});
    CHECK(missing.result["stat"]["exists"] == false);
    const Outcome slurp = run_module(dir, "slurp", {{"src", path}});
    CHECK(core::base64_decode(slurp.result["content"].get<std::string>()) == std::string("\x00\x01hello\n", 8));
}

} // namespace scsctl::modules

namespace scsctl::modules {

TEST_CASE("stat_both runs one stat unless the path is a symlink; stat_else stats the parent only for a missing path",
          "[modules]")
{
    testing::TempDir dir;
    const std::string file = dir.write("file", "abc");
    const std::string link = (dir.path() / "link").string();
    const std::string dangling = (dir.path() / "dangling").string();
    const std::string missing = (dir.path() / "missing").string();
    fs::create_symlink(file, link);
    fs::create_symlink(missing, dangling);
    const auto sections = [&](const ProbeScript& script) { return ProbeOutput::parse(run_sh(dir, script.str()).stdout_text); };
    const auto type_of = [](const ProbeOutput& output, std::string_view name) {
        const auto state = read_stat(output, name);
        REQUIRE(state);
        return state->has_value() ? std::optional<FileType>((*state)->type) : std::nullopt;
    };

    ProbeScript plain;
    plain.stat_both("current", "followed", file);
    const ProbeOutput regular = sections(plain);
    CHECK(type_of(regular, "current") == FileType::file);
    CHECK(regular.get("current") == regular.get("followed"));

    ProbeScript through;
    through.stat_both("current", "followed", link);
    const ProbeOutput linked = sections(through);
    CHECK(type_of(linked, "current") == FileType::link);
    CHECK(type_of(linked, "followed") == FileType::file);

    ProbeScript broken;
    broken.stat_both("current", "followed", dangling);
    const ProbeOutput dangles = sections(broken);
    CHECK(type_of(dangles, "current") == FileType::link);
    CHECK_FALSE(dangles.has("followed"));

    ProbeScript none;
    none.stat_both("current", "followed", missing);
    CHECK_FALSE(sections(none).has("current"));

    ProbeScript exists;
    exists.stat_else("dest", file, "parent", dir.path().string());
    const ProbeOutput dest = sections(exists);
    CHECK(type_of(dest, "dest") == FileType::file);
    CHECK_FALSE(dest.has("parent"));

    ProbeScript absent;
    absent.stat_else("dest", missing, "parent", dir.path().string());
    const ProbeOutput parent = sections(absent);
    CHECK_FALSE(parent.has("dest"));
    CHECK(type_of(parent, "parent") == FileType::directory);
}

} // namespace scsctl::modules
