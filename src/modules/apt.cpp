// The apt module: dpkg-query and apt-cache policy say what is installed and what is
// available; apt-get install/remove/upgrade run only for what differs. Depends on
// system_args and remote_probe.
#include "modules/apt.hpp"

#include <fnmatch.h>

#include <array>
#include <ctime>
#include <map>
#include <regex>
#include <sstream>

#include "core/shell_quote.hpp"
#include "modules/remote_probe.hpp"
#include "modules/system_args.hpp"
#include "modules/system_modules.hpp"

namespace scsctl::modules {

namespace {

using core::shell_join;

const std::array<sys::ArgSpec, 13> k_args = {{
    {"name", sys::ArgType::list, {"package", "pkg"}},
    {"state", sys::ArgType::string, {}, {"absent", "present", "latest", "installed", "removed"}},
    {"update_cache", sys::ArgType::boolean, {"update-cache"}},
    {"cache_valid_time", sys::ArgType::integer},
    {"install_recommends", sys::ArgType::boolean, {"install-recommends"}},
    {"purge", sys::ArgType::boolean},
    {"autoremove", sys::ArgType::boolean},
    {"upgrade", sys::ArgType::string, {}, {"dist", "full", "no", "safe", "yes"}},
    {"force", sys::ArgType::boolean},
    {"allow_downgrade", sys::ArgType::boolean, {"allow-downgrade", "allow_downgrades", "allow-downgrades"}},
    {"lock_timeout", sys::ArgType::integer},
    {"dpkg_options", sys::ArgType::string},
    {"default_release", sys::ArgType::string, {"default-release"}},
}};

struct Package {
    std::string name;
    std::string version; ///< "" when not pinned
};

std::vector<Package> packages_of(const core::Value& args)
{
    std::vector<Package> out;
    for (const auto& word : sys::arg_list(args, "name")) {
        const auto equals = word.find('=');
        out.push_back({word.substr(0, equals), equals == std::string::npos ? "" : word.substr(equals + 1)});
    }
    return out;
}

std::string upgrade_command(const std::string& upgrade)
{
    return upgrade == "dist" || upgrade == "full" ? "dist-upgrade" : "upgrade";
}

std::string apt_get(const core::Value& args, const std::string& action)
{
    std::string out = "DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=" +
                      std::to_string(sys::arg_int(args, "lock_timeout").value_or(std::nullopt).value_or(60));
    const std::string options = sys::arg_string(args, "dpkg_options").value_or("force-confdef,force-confold");
    for (const auto& option : sys::arg_list(core::Value{{"o", options}}, "o")) {
        out += " -o " + core::shell_quote("Dpkg::Options::=--" + option);
    }
    if (const auto release = sys::arg_string(args, "default_release")) {
        out += " -t " + core::shell_quote(*release);
    }
    return out + " " + action;
}

/// "pkg:\n  Installed: 1.0\n  Candidate: 1.1" blocks of apt-cache policy.
std::map<std::string, std::pair<std::string, std::string>> parse_policy(const std::string& text)
{
    std::map<std::string, std::pair<std::string, std::string>> out;
    std::istringstream in(text);
    std::string current;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line[0] != ' ' && line.back() == ':') {
            current = line.substr(0, line.size() - 1);
        } else if (line.starts_with("  Installed: ")) {
            out[current].first = line.substr(13);
        } else if (line.starts_with("  Candidate: ")) {
            out[current].second = line.substr(13);
        }
    }
    return out;
}

class AptModule final : public Module {
public:
    std::string_view name() const override { return "apt"; }

    std::vector<std::string> validate(const core::Value& args) const override
    {
        auto errors = sys::check_args(args, k_args);
        const core::Value canonical = sys::canonical_args(args, k_args);
        if (!canonical.contains("name") && !canonical.contains("update_cache") && !canonical.contains("upgrade") &&
            !canonical.contains("autoremove")) {
            errors.emplace_back("one of the following is required: name, upgrade, update_cache, autoremove");
        }
        return errors;
    }

    core::Result<std::string> probe(const core::Value& args, const TaskContext& context) const override
    {
        (void)context;
        return apt_probe(sys::canonical_args(args, k_args));
    }

    core::Result<Decision> decide(const core::Value& raw, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        return apt_decide(sys::canonical_args(raw, k_args), probe, context);
    }

    core::Value finish(const Decision& decision, const std::vector<StepResult>& steps,
                       const TaskContext& context) const override
    {
        return apt_finish(*this, decision, steps, context);
    }
};

} // namespace

std::string apt_probe(const core::Value& args)
{
    std::vector<std::string> names;
    for (const auto& package : packages_of(args)) {
        names.push_back(package.name);
    }
    const std::string state = sys::arg_string(args, "state").value_or("present");
    ProbeScript script;
    script.section("now", "date +%s");
    script.section("cache_time", "stat -c %Y /var/lib/apt/periodic/update-success-stamp 2>/dev/null || "
                                 "stat -c %Y /var/lib/apt/lists 2>/dev/null || echo 0");
    if (!names.empty()) {
        script.section("installed", "dpkg-query -W -f='${Package} ${Status} ${Version}\\n' -- " + shell_join(names) +
                                        " 2>/dev/null");
        if (state == "latest") {
            script.section("policy", "apt-cache policy -- " + shell_join(names) + " 2>/dev/null");
        }
    }
    const std::string upgrade = sys::arg_string(args, "upgrade").value_or("no");
    if (upgrade != "no" && sys::to_bool(core::Value(upgrade)) != false) {
        script.section("upgrade", "apt-get -s -q " + upgrade_command(upgrade) + " 2>/dev/null | grep -c '^Inst '");
    }
    if (sys::to_bool(args.value("autoremove", core::Value(false))).value_or(false)) {
        script.section("autoremove", "apt-get -s -q autoremove 2>/dev/null | grep -c '^Remv '");
    }
    script.raw("exit 0");
    return script.str();
}

namespace {

long long number_in(const std::optional<std::string>& text)
{
    return text ? std::atoll(text->c_str()) : 0;
}

struct AptPlan {
    std::vector<std::string> install;
    std::vector<std::string> remove;
};

AptPlan plan_packages(const core::Value& args, const ProbeOutput& output, const std::string& state)
{
    std::map<std::string, std::pair<std::string, std::string>> dpkg; // name → (status, version)
    std::istringstream in(output.get("installed").value_or(""));
    for (std::string line; std::getline(in, line);) {
        std::istringstream words(line);
        std::string name;
        std::string want;
        std::string error;
        std::string status;
        std::string version;
        words >> name >> want >> error >> status >> version;
        dpkg[name.substr(0, name.find(':'))] = {want + " " + error + " " + status, version};
    }
    const auto policy = parse_policy(output.get("policy").value_or(""));
    AptPlan plan;
    const bool purge = sys::to_bool(args.value("purge", core::Value(false))).value_or(false);
    for (const auto& package : packages_of(args)) {
        const auto found = dpkg.find(package.name);
        const bool installed = found != dpkg.end() && found->second.first == "install ok installed";
        const bool config_only = found != dpkg.end() && found->second.first.ends_with("config-files");
        const std::string word = package.version.empty() ? package.name : package.name + "=" + package.version;
        if (state == "absent") {
            if (installed || (purge && config_only)) {
                plan.remove.push_back(package.name);
            }
        } else if (!installed) {
            plan.install.push_back(word);
        } else if (!package.version.empty() &&
                   fnmatch(package.version.c_str(), found->second.second.c_str(), 0) != 0) {
            plan.install.push_back(word);
        } else if (state == "latest" && package.version.empty()) {
            const auto entry = policy.find(package.name);
            if (entry != policy.end() && entry->second.second != "(none)" && entry->second.first != entry->second.second) {
                plan.install.push_back(word);
            }
        }
    }
    return plan;
}

/// apt-get options for installs: recommends, downgrades, force.
std::string install_options(const core::Value& args)
{
    std::string extra;
    if (args.contains("install_recommends") && !args["install_recommends"].is_null()) {
        extra += sys::to_bool(args["install_recommends"]).value_or(true) ? " --install-recommends" : " --no-install-recommends";
    }
    if (sys::to_bool(args.value("allow_downgrade", core::Value(false))).value_or(false)) {
        extra += " --allow-downgrades";
    }
    if (sys::to_bool(args.value("force", core::Value(false))).value_or(false)) {
        extra += " --allow-unauthenticated --allow-downgrades --allow-remove-essential --allow-change-held-packages";
    }
    return extra;
}

} // namespace

Decision apt_decide(const core::Value& args, const StepResult& probe, const TaskContext& context)
{
    (void)context;
    const ProbeOutput output = ProbeOutput::parse(probe.stdout_text);
    std::string state = sys::arg_string(args, "state").value_or("present");
    state = state == "installed" ? "present" : (state == "removed" ? "absent" : state);
    const auto update = sys::arg_bool(args, "update_cache", false);
    const auto valid_time = sys::arg_int(args, "cache_valid_time");
    if (!update || !valid_time) {
        return sys::failed_decision(!update ? update.error().message : valid_time.error().message);
    }
    const long long now = number_in(output.get("now"));
    const long long cache_time = number_in(output.get("cache_time"));
    Decision decision;
    core::Value kinds = core::Value::array();
    auto add = [&](const std::string& kind, std::string script) {
        decision.steps.emplace_back(CommandStep{std::move(script), "", std::chrono::milliseconds(0)});
        kinds.push_back(kind);
        decision.changed = true;
    };
    decision.result["cache_updated"] = false;
    decision.result["cache_update_time"] = cache_time;
    const bool fresh = valid_time->has_value() && now - cache_time < **valid_time;
    if ((*update || (valid_time->has_value() && !args.contains("update_cache"))) && !fresh) {
        add("update", apt_get(args, "update"));
        decision.result["cache_updated"] = true;
        decision.result["cache_update_time"] = now;
    }
    const AptPlan plan = plan_packages(args, output, state);
    const std::string extra = install_options(args);
    const bool purge = sys::to_bool(args.value("purge", core::Value(false))).value_or(false);
    if (!plan.install.empty()) {
        add("install", apt_get(args, "install" + extra) + " -- " + shell_join(plan.install));
    }
    if (!plan.remove.empty()) {
        add("remove", apt_get(args, std::string("remove") + (purge ? " --purge" : "")) + " -- " + shell_join(plan.remove));
    }
    const std::string upgrade = sys::arg_string(args, "upgrade").value_or("no");
    if (output.has("upgrade") && number_in(output.get("upgrade")) > 0) {
        add("install", apt_get(args, upgrade_command(upgrade) + extra));
    }
    if (output.has("autoremove") && number_in(output.get("autoremove")) > 0) {
        add("remove", apt_get(args, std::string("autoremove") + (purge ? " --purge" : "")));
    }
    if (!decision.changed) {
        decision.reason = "packages already in the requested state";
    }
    decision.result["_apt_steps"] = std::move(kinds);
    return decision;
}

core::Value apt_finish(const Module& module, const Decision& decision, const std::vector<StepResult>& steps,
                       const TaskContext& context)
{
    Decision copy = decision;
    const core::Value kinds = copy.result.value("_apt_steps", core::Value::array());
    copy.result.erase("_apt_steps");
    copy.changed = false;
    static const std::regex k_summary(R"((\d+) upgraded, (\d+) newly installed, (\d+) to remove)");
    for (std::size_t i = 0; i < steps.size() && i < kinds.size(); ++i) {
        if (kinds[i] == "update") {
            copy.changed = true;
            continue;
        }
        std::smatch match;
        if (std::regex_search(steps[i].stdout_text, match, k_summary)) {
            copy.changed = copy.changed || match[1] != "0" || match[2] != "0" || match[3] != "0";
        } else {
            copy.changed = copy.changed || steps[i].rc == 0;
        }
        copy.result["stdout"] = steps[i].stdout_text;
        copy.result["stderr"] = steps[i].stderr_text;
    }
    return module.Module::finish(copy, steps, context);
}

const Module& apt_module()
{
    static const AptModule k_module;
    return k_module;
}

} // namespace scsctl::modules
