// The system modules where fixtures cannot reach: context callbacks (assert, debug var),
// controller-side steps (pause, wait_for_connection), setup's facts and finish() hooks.
#include <catch2/catch.hpp>

#include "facts/facts_probe.hpp"
#include "modules/module.hpp"

namespace scsctl::modules {

namespace {

const Module& module(std::string_view name)
{
    const Module* found = find_module(name);
    REQUIRE(found != nullptr);
    return *found;
}

TaskContext context_with_vars(core::Value vars)
{
    TaskContext context;
    context.host = "web1";
    context.evaluate = [vars](std::string_view expression) -> core::Result<core::Value> {
        const auto found = vars.find(std::string(expression));
        if (found == vars.end()) {
            return core::fail(core::Error{core::ErrorKind::failed, "undefined", {}});
        }
        return *found;
    };
    context.condition = [vars](std::string_view expression) -> core::Result<bool> {
        const auto found = vars.find(std::string(expression));
        if (found == vars.end()) {
            return core::fail(core::Error{core::ErrorKind::failed, "'x' is undefined", {}});
        }
        return found->get<bool>();
    };
    return context;
}

} // namespace

TEST_CASE("debug var evaluates in the task's scope", "[modules]")
{
    const TaskContext context = context_with_vars({{"port", 80}});
    auto decision = module("debug").decide({{"var", "port"}}, {}, context);
    REQUIRE(decision);
    CHECK(decision->result["port"] == 80);
    decision = module("ansible.builtin.debug").decide({{"var", "nope"}}, {}, context);
    REQUIRE(decision);
    CHECK(decision->result["nope"] == "VARIABLE IS NOT DEFINED!");
}

TEST_CASE("assert checks every condition", "[modules]")
{
    const TaskContext context = context_with_vars({{"a", true}, {"b", false}});
    auto passed = module("assert").decide({{"that", core::Value::array({"a"})}}, {}, context);
    REQUIRE(passed);
    CHECK_FALSE(passed->failed);
    CHECK(passed->result["msg"] == "All assertions passed");
    auto failed = module("assert").decide({{"that", core::Value::array({"a", "b"})}, {"fail_msg", "no"}}, {}, context);
    REQUIRE(failed);
    CHECK(failed->failed);
    CHECK(failed->result["assertion"] == "b");
    CHECK(failed->result["evaluated_to"] == false);
    CHECK(failed->result["msg"] == "no");
    auto broken = module("assert").decide({{"that", "x"}}, {}, context);
    REQUIRE(broken);
    CHECK(broken->failed);
}

TEST_CASE("pause and wait_for_connection wait on the controller", "[modules]")
{
    auto pause = module("pause").decide({{"minutes", 2}}, {}, {});
    REQUIRE(pause);
    REQUIRE(pause->steps.size() == 1);
    CHECK(std::get<SleepStep>(pause->steps[0]).duration == std::chrono::minutes(2));
    auto wait = module("wait_for_connection").decide({{"delay", 5}, {"timeout", 60}}, {}, {});
    REQUIRE(wait);
    REQUIRE(wait->steps.size() == 2);
    CHECK(std::get<SleepStep>(wait->steps[0]).duration == std::chrono::seconds(5));
    CHECK(std::get<ReconnectStep>(wait->steps[1]).timeout == std::chrono::seconds(60));
}

TEST_CASE("setup returns prefixed facts, filtered", "[modules]")
{
    const Module& setup = module("setup");
    const auto probe = setup.probe(core::Value::object(), {});
    REQUIRE(probe);
    CHECK(*probe == facts::facts_probe_script());
    StepResult output;
    output.stdout_text = "\n@@scsctl-facts:uname@@\nLinux\n6.1.0\n#1 SMP\nx86_64\n@@scsctl-facts:os_release@@\nID=debian\n"
                         "VERSION_ID=\"12\"\n@@scsctl-facts:debian_version@@\n12.8\n";
    auto all = setup.decide(core::Value::object(), output, {});
    REQUIRE(all);
    const core::Value& facts = all->result["ansible_facts"];
    CHECK(facts["ansible_distribution_version"] == "12.8");
    CHECK(facts["ansible_os_family"] == "Debian");
    CHECK(facts["ansible_system"] == "Linux");
    CHECK(facts["module_setup"] == true);
    auto filtered = setup.decide({{"filter", "ansible_distribution*"}}, output, {});
    REQUIRE(filtered);
    CHECK(filtered->result["ansible_facts"].contains("ansible_distribution"));
    CHECK_FALSE(filtered->result["ansible_facts"].contains("ansible_kernel"));
    CHECK(setup.validate({{"gather_subset", "!hardware,network"}}).empty());
    CHECK(setup.validate({{"gather_subset", "bogus"}}).size() == 1);
}

TEST_CASE("apt's finish reports changed from apt-get's summary", "[modules]")
{
    const Module& apt = module("apt");
    StepResult probe;
    probe.stdout_text = "::scsctl:: now\n100\n::scsctl:: cache_time\n1\n::scsctl:: installed\n";
    auto decision = apt.decide({{"name", "curl"}}, probe, {});
    REQUIRE(decision);
    REQUIRE(decision->changed);
    StepResult ran;
    ran.stdout_text = "0 upgraded, 0 newly installed, 0 to remove and 3 not upgraded.\n";
    core::Value result = apt.finish(*decision, {ran}, {});
    CHECK(result["changed"] == false);
    CHECK_FALSE(result.contains("_apt_steps"));
    ran.stdout_text = "0 upgraded, 1 newly installed, 0 to remove and 3 not upgraded.\n";
    result = apt.finish(*decision, {ran}, {});
    CHECK(result["changed"] == true);
}

TEST_CASE("wait_for reports a timeout with Ansible's message", "[modules]")
{
    const Module& wait_for = module("wait_for");
    StepResult probe;
    probe.stdout_text = "nc\n";
    auto decision = wait_for.decide({{"port", 8080}}, probe, {});
    REQUIRE(decision);
    StepResult ran;
    ran.rc = 1;
    ran.stdout_text = "elapsed=300\n";
    const core::Value result = wait_for.finish(*decision, {ran}, {});
    CHECK(result["failed"] == true);
    CHECK(result["msg"] == "Timeout when waiting for 127.0.0.1:8080");
    CHECK(result["elapsed"] == 300);
    CHECK_FALSE(result.contains("_timeout_msg"));
}

} // namespace scsctl::modules
