// The user module: useradd/usermod/userdel from one probe (getent passwd/group, id -Gn,
// a sha256 of the shadow hash). Password hashes go to chpasswd -e on stdin, never in argv.
// Depends on system_args, remote_probe and OpenSSL (sha256).
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <set>
#include <sstream>

#include "core/shell_quote.hpp"
#include "modules/remote_probe.hpp"
#include "modules/system_args.hpp"
#include "modules/system_modules.hpp"

namespace scsctl::modules {

namespace {

using core::shell_quote;

const std::array<sys::ArgSpec, 16> k_args = {{
    {"name", sys::ArgType::string, {"user"}, {}, true},
    {"state", sys::ArgType::string, {}, {"present", "absent"}},
    {"uid", sys::ArgType::integer},
    {"group", sys::ArgType::string},
    {"groups", sys::ArgType::list},
    {"append", sys::ArgType::boolean},
    {"shell", sys::ArgType::string},
    {"home", sys::ArgType::string},
    {"create_home", sys::ArgType::boolean, {"createhome"}},
    {"move_home", sys::ArgType::boolean},
    {"system", sys::ArgType::boolean},
    {"password", sys::ArgType::string},
    {"update_password", sys::ArgType::string, {}, {"always", "on_create"}},
    {"comment", sys::ArgType::string},
    {"remove", sys::ArgType::boolean},
    {"non_unique", sys::ArgType::boolean},
}};

std::vector<std::string> split(const std::string& text, char separator)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string field; std::getline(in, field, separator);) {
        out.push_back(field);
    }
    return out;
}

std::string sha256_hex(const std::string& text)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
    static const char* k_hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += k_hex[digest[i] >> 4];
        out += k_hex[digest[i] & 15];
    }
    return out;
}

std::string join(const std::vector<std::string>& words)
{
    std::string out;
    for (const auto& word : words) {
        out += (out.empty() ? "" : ",") + word;
    }
    return out;
}

/// What usermod must change for an existing user (empty: nothing).
std::string usermod_options(const core::Value& args, const std::vector<std::string>& passwd, const ProbeOutput& output)
{
    std::string options;
    if (const auto uid = sys::arg_int(args, "uid").value_or(std::nullopt); uid && std::to_string(*uid) != passwd[2]) {
        options += " -u " + std::to_string(*uid);
    }
    if (const auto group = sys::arg_string(args, "group")) {
        const auto line = split(output.get("group").value_or(""), ':');
        const std::string gid = line.size() >= 3 ? line[2] : *group;
        if (gid != passwd[3]) {
            options += " -g " + shell_quote(*group);
        }
    }
    if (args.contains("groups") && !args["groups"].is_null()) {
        const auto wanted = sys::arg_list(args, "groups");
        std::istringstream in(output.get("groups").value_or(""));
        std::set<std::string> have;
        for (std::string word; in >> word;) {
            have.insert(word);
        }
        const std::string primary = split(output.get("primary").value_or(""), ':').empty()
                                        ? ""
                                        : split(output.get("primary").value_or(""), ':')[0];
        have.erase(primary);
        const bool append = sys::arg_bool(args, "append", false).value_or(false);
        const bool missing = std::ranges::any_of(wanted, [&](const std::string& g) { return !have.contains(g); });
        const bool extra = !append && std::ranges::any_of(have, [&](const std::string& g) {
                               return std::ranges::find(wanted, g) == wanted.end();
                           });
        if (missing || extra) {
            options += std::string(append ? " -a" : "") + " -G " + shell_quote(join(wanted));
        }
    }
    if (const auto comment = sys::arg_string(args, "comment"); comment && *comment != passwd[4]) {
        options += " -c " + shell_quote(*comment);
    }
    if (const auto home = sys::arg_string(args, "home"); home && *home != passwd[5]) {
        options += " -d " + shell_quote(*home) + (sys::arg_bool(args, "move_home", false).value_or(false) ? " -m" : "");
    }
    if (const auto shell = sys::arg_string(args, "shell"); shell && *shell != passwd[6]) {
        options += " -s " + shell_quote(*shell);
    }
    return options;
}

std::string useradd_options(const core::Value& args)
{
    std::string options;
    if (const auto uid = sys::arg_int(args, "uid").value_or(std::nullopt)) {
        options += " -u " + std::to_string(*uid) + (sys::arg_bool(args, "non_unique", false).value_or(false) ? " -o" : "");
    }
    if (const auto group = sys::arg_string(args, "group")) {
        options += " -g " + shell_quote(*group);
    }
    if (const auto groups = sys::arg_list(args, "groups"); !groups.empty()) {
        options += " -G " + shell_quote(join(groups));
    }
    if (const auto comment = sys::arg_string(args, "comment")) {
        options += " -c " + shell_quote(*comment);
    }
    if (const auto home = sys::arg_string(args, "home")) {
        options += " -d " + shell_quote(*home);
    }
    if (const auto shell = sys::arg_string(args, "shell")) {
        options += " -s " + shell_quote(*shell);
    }
    const bool system = sys::arg_bool(args, "system", false).value_or(false);
    options += system ? " -r" : "";
    options += sys::arg_bool(args, "create_home", true).value_or(true) ? " -m" : " -M";
    return options;
}

class UserModule final : public Module {
public:
    std::string_view name() const override { return "user"; }

    std::vector<std::string> validate(const core::Value& args) const override { return sys::check_args(args, k_args); }

    core::Result<std::string> probe(const core::Value& args, const TaskContext& context) const override
    {
        (void)context;
        const core::Value canonical = sys::canonical_args(args, k_args);
        const std::string name = shell_quote(sys::arg_string(canonical, "name").value_or(""));
        ProbeScript script;
        script.raw("if p=$(getent passwd " + name + "); then");
        script.section("passwd", "printf '%s\\n' \"$p\"");
        script.section("groups", "id -Gn " + name + " 2>/dev/null");
        script.section("primary", "getent group \"$(id -g " + name + ")\" 2>/dev/null");
        if (canonical.contains("password")) {
            script.section("shadow_sha", "getent shadow " + name +
                                             " 2>/dev/null | cut -d: -f2 | tr -d '\\n' | sha256sum | cut -c1-64");
        }
        script.raw("fi");
        if (const auto group = sys::arg_string(canonical, "group")) {
            script.section("group", "getent group " + shell_quote(*group) + " 2>/dev/null");
        }
        script.raw("exit 0");
        return script.str();
    }

    core::Result<Decision> decide(const core::Value& raw, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        (void)context;
        const core::Value args = sys::canonical_args(raw, k_args);
        const std::string name = sys::arg_string(args, "name").value_or("");
        const std::string state = sys::arg_string(args, "state").value_or("present");
        const ProbeOutput output = ProbeOutput::parse(probe.stdout_text);
        const auto passwd_line = output.get("passwd");
        std::vector<std::string> passwd = split(passwd_line.value_or(""), ':');
        passwd.resize(7);
        Decision decision;
        auto run = [&](std::string script, std::string stdin_data = {}) {
            decision.steps.emplace_back(CommandStep{std::move(script), std::move(stdin_data), std::chrono::milliseconds(0)});
            decision.changed = true;
        };
        decision.result["name"] = name;
        decision.result["state"] = state;
        if (state == "absent") {
            if (passwd_line) {
                run("userdel" + std::string(SCSCTL_ARG(sys::arg_bool(args, "remove", false)) ? " -r " : " ") + shell_quote(name));
                decision.result["remove"] = SCSCTL_ARG(sys::arg_bool(args, "remove", false));
            }
            return decision;
        }
        if (!passwd_line) {
            run("useradd" + useradd_options(args) + " " + shell_quote(name));
        } else if (const std::string options = usermod_options(args, passwd, output); !options.empty()) {
            run("usermod" + options + " " + shell_quote(name));
        }
        const auto password = sys::arg_string(args, "password");
        const std::string update = sys::arg_string(args, "update_password").value_or("always");
        const bool set_password = password && (!passwd_line || (update == "always" &&
                                                                output.get("shadow_sha").value_or("") != sha256_hex(*password)));
        if (set_password) {
            run("chpasswd -e", name + ":" + *password + "\n");
            decision.result["password"] = "NOT_LOGGING_PASSWORD";
        }
        if (passwd_line) {
            decision.result["uid"] = std::atoll(passwd[2].c_str());
            decision.result["group"] = std::atoll(passwd[3].c_str());
            decision.result["comment"] = passwd[4];
            decision.result["home"] = passwd[5];
            decision.result["shell"] = passwd[6];
        } else {
            decision.result["system"] = SCSCTL_ARG(sys::arg_bool(args, "system", false));
            decision.result["create_home"] = SCSCTL_ARG(sys::arg_bool(args, "create_home", true));
        }
        if (!decision.changed) {
            decision.reason = "user " + name + " already as requested";
        }
        return decision;
    }
};

} // namespace

const Module& user_module()
{
    static const UserModule k_module;
    return k_module;
}

} // namespace scsctl::modules
