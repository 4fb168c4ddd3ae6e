// template_vars: controller-side facts about a template file, as Ansible exposes them.
#include "modules/template_vars.hpp"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>

namespace scsctl::modules {

std::string python_datetime(long long seconds, long microseconds)
{
    const std::time_t when = static_cast<std::time_t>(seconds);
    std::tm local{};
    localtime_r(&when, &local);
    char text[64];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &local);
    std::string out = text;
    if (microseconds != 0) {
        char fraction[16];
        std::snprintf(fraction, sizeof fraction, ".%06ld", microseconds);
        out += fraction;
    }
    return out;
}

core::Value template_vars(const std::string& source, const std::string& dest)
{
    core::Value vars = core::Value::object();
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    std::error_code ec;
    const auto full = std::filesystem::absolute(source, ec);
    struct stat info{};
    const bool found = ::stat(source.c_str(), &info) == 0;
    std::string uid = found ? std::to_string(info.st_uid) : "";
    if (const passwd* owner = found ? ::getpwuid(info.st_uid) : nullptr) {
        uid = owner->pw_name;
    }
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const auto now_us = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
    vars["template_host"] = std::string(host);
    vars["template_path"] = source;
    vars["template_fullpath"] = ec ? source : full.lexically_normal().string();
    vars["template_destpath"] = dest;
    vars["template_uid"] = uid;
    vars["template_mtime"] = found ? python_datetime(info.st_mtim.tv_sec, info.st_mtim.tv_nsec / 1000) : "";
    vars["template_run_date"] = python_datetime(now_us / 1'000'000, static_cast<long>(now_us % 1'000'000));
    vars["ansible_managed"] = k_ansible_managed;
    return vars;
}

} // namespace scsctl::modules
