// template_vars: Ansible's names and Python's datetime text.
#include <catch2/catch.hpp>

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "modules/template_vars.hpp"

using namespace scsctl;

TEST_CASE("template variables name the source, destination and Ansible's managed string", "[template]")
{
    const auto dir = std::filesystem::temp_directory_path() / ("scsctl-template-vars-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto source = (dir / "page.j2").string();
    std::ofstream(source) << "x";
    const core::Value vars = modules::template_vars(source, "/etc/page.conf");
    std::filesystem::remove_all(dir);
    CHECK(vars["ansible_managed"] == "Ansible managed");
    CHECK(vars["template_path"] == source);
    CHECK(vars["template_fullpath"] == source);
    CHECK(vars["template_destpath"] == "/etc/page.conf");
    CHECK(vars["template_uid"] == std::string(::getpwuid(::getuid())->pw_name));
    CHECK(vars["template_mtime"].get<std::string>().size() >= 19);
    CHECK(vars["template_host"].get<std::string>() != "");
}

TEST_CASE("datetimes print as Python's str(datetime)", "[template]")
{
    const char* before = std::getenv("TZ");
    const std::string saved = before != nullptr ? before : "";
    ::setenv("TZ", "UTC", 1);
    ::tzset();
    const std::string epoch = modules::python_datetime(0, 0);
    const std::string later = modules::python_datetime(1795000000, 42);
    if (before != nullptr) {
        ::setenv("TZ", saved.c_str(), 1);
    } else {
        ::unsetenv("TZ");
    }
    ::tzset();
    CHECK(epoch == "1970-01-01 00:00:00");
    CHECK(later == "2026-11-18 11:06:40.000042");
}
