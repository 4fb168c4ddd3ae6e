// Tests of names → extra_specs (scs-0103), of fields → names, and of pathological inputs
// the reference checker crashes on or that are merely huge.
#include <catch2/catch.hpp>

#include <string>

#include "scs/flavor_generate.hpp"
#include "scs/flavor_json.hpp"
#include "scs/flavor_verdict.hpp"

using namespace scsctl::scs;
using scsctl::core::Value;

namespace {

FlavorName parsed(const std::string& name)
{
    auto verdict = check_flavor_name(name);
    INFO(name << ": " << verdict.reason);
    REQUIRE(verdict.flavor);
    return *verdict.flavor;
}

ExtraSpecs specs_of(const std::string& name)
{
    auto specs = extra_specs(parsed(name));
    REQUIRE(specs);
    return *specs;
}

} // namespace

TEST_CASE("extra_specs: the scs-0103 properties of a flavor name", "[scs]")
{
    CHECK(specs_of("SCS-2V-4") == ExtraSpecs{{"scs:cpu-type", "shared-core"},
                                             {"scs:name-v1", "SCS-2V:4"},
                                             {"scs:name-v2", "SCS-2V-4"}});
    CHECK(specs_of("SCS-1L-1-5") == ExtraSpecs{{"scs:cpu-type", "crowded-core"},
                                               {"scs:disk0-type", "network"}, // unspecified counts as network
                                               {"scs:name-v1", "SCS-1L:1:5"},
                                               {"scs:name-v2", "SCS-1L-1-5"}});
    CHECK(specs_of("SCS-2V-4-10s_kvm_i2") == ExtraSpecs{{"scs:cpu-type", "shared-core"},
                                                        {"scs:disk0-type", "ssd"},
                                                        {"scs:name-v1", "SCS-2V:4:10s-kvm-i2"},
                                                        {"scs:name-v2", "SCS-2V-4-10s_kvm_i2"},
                                                        {"scs:name-v3", "SCS-2V:4:10s"},
                                                        {"scs:name-v4", "SCS-2V-4-10s"}});
    // an ARM brand stays in the short name, as the bare vendor
    CHECK(specs_of("SCS-4C-16-2x200p_a1") == ExtraSpecs{{"scs:cpu-type", "dedicated-core"},
                                                        {"scs:disk0-type", "nvme"},
                                                        {"scs:disk1-type", "nvme"},
                                                        {"scs:name-v1", "SCS-4C:16:2x200p-a1"},
                                                        {"scs:name-v2", "SCS-4C-16-2x200p_a1"},
                                                        {"scs:name-v3", "SCS-4C:16:2x200p-a"},
                                                        {"scs:name-v4", "SCS-4C-16-2x200p_a"}});
    // GPU frequency and bandwidth are dropped from the short name
    CHECK(specs_of("SCS-16T-64-200s_GNa-64h-48h_ib").back() ==
          std::pair<std::string, std::string>{"scs:name-v4", "SCS-16T-64-200s_GNa-64-48_ib"});
    // a v1 name gives the same properties as its v3 spelling
    CHECK(specs_of("SCS-2T:4:10n") == specs_of("SCS-2T-4-10n"));
    // too many disks to list
    auto huge = extra_specs(parsed("SCS-2V-4-1001x10"));
    REQUIRE_FALSE(huge);
    CHECK(huge.error() ==
          "a flavor with 1001 disks would need as many scs:diskN-type properties (at most 1000)");
    CHECK(extra_specs(parsed("SCS-2V-4-1000x10"))->size() == 1003);
}

TEST_CASE("fields → name: what flavor-name --json prints reads back", "[scs]")
{
    const auto flavor = parsed("SCS-16T-64-200s_bms_hwv_z4h_GNa-64h-48h_ib");
    Value fields = Value::object();
    add_flavor_fields(fields, flavor);
    CHECK(fields.dump() ==
          R"({"cpus":16,"cpu_type":"dedicated-thread","cpu_insecure":false,"ram_gib":64,"ram_no_ecc":false,)"
          R"("ram_oversubscribed":false,"disk_gb":200,"disk_count":1,"disk_type":"ssd","hypervisor":"bms",)"
          R"("hardware_virt":true,"cpu_brand":{"vendor":"amd","generation":4,"frequency":"h"},)"
          R"("gpu":{"type":"pass-through","vendor":"nvidia","generation":"a","compute_units":64,"frequency":"h",)"
          R"("vram_gib":48,"bandwidth":"h"},"infiniband":true})");
    CHECK(flavor_from_fields(fields).value() == flavor);

    const auto minimal = flavor_from_fields(Value::parse(R"({"cpus": 2, "cpu_type": "V", "ram_gib": 0.5})"));
    REQUIRE(minimal);
    CHECK(generate_flavor(*minimal)->name == "SCS-2V-0.5");
    const auto generation_zero = flavor_from_fields(
        Value::parse(R"({"cpus": 2, "cpu_type": "shared-core", "ram_gib": 4, "cpu_brand": {"vendor": "intel",
                       "generation": 0}})"));
    CHECK(generate_flavor(*generation_zero)->name == "SCS-2V-4_i");
}

TEST_CASE("fields → name: wrong fields are refused with the field's name", "[scs]")
{
    const auto error_of = [](const char* json) {
        auto flavor = flavor_from_fields(Value::parse(json));
        if (!flavor) {
            return flavor.error();
        }
        auto generated = generate_flavor(*flavor);
        return generated ? std::string("ok: ") + generated->name : generated.error();
    };
    CHECK(error_of(R"({"cpu_type": "V", "ram_gib": 4})") == "cpus: missing");
    CHECK(error_of(R"({"cpus": 2, "ram_gib": 4})") == "cpu_type: missing");
    CHECK(error_of(R"({"cpus": 2, "cpu_type": "V"})") == "ram_gib: missing");
    CHECK(error_of(R"({"cpus": 2, "cpu_type": "X", "ram_gib": 4})") ==
          "cpu_type: unknown value 'X' (one of crowded-core, shared-core, dedicated-thread, dedicated-core)");
    CHECK(error_of(R"({"cpus": 2, "cpu_typ": "V", "ram_gib": 4})") ==
          "cpu_typ: unknown field (did you mean 'cpu_type'?)");
    CHECK(error_of(R"({"cpus": -1, "cpu_type": "V", "ram_gib": 4})") ==
          "cpus: must be a non-negative integer, got -1");
    CHECK(error_of(R"({"cpus": 0, "cpu_type": "V", "ram_gib": 4})") ==
          "SCS-0V-4: cpus can not be set to 0; must be positive integer");
    CHECK(error_of(R"({"cpus": 2, "cpu_type": "V", "ram_gib": 0.3})") ==
          "SCS-2V-0.3: ram can not be set to 0.3; must be positive multiple of 0.5");
    CHECK(error_of(R"({"cpus": 2, "cpu_type": "V", "ram_gib": 4, "disk_count": 0, "disk_gb": 5})") ==
          "disk_count: 0 (no disk) contradicts disk_gb or disk_type");
    CHECK(error_of(R"({"cpus": 2, "cpu_type": "V", "ram_gib": 4, "disk_gb": 0})") ==
          "SCS-2V-4-: the fields do not read back from this name unchanged");
    CHECK(error_of(R"({"cpus": 2, "cpu_type": "V", "ram_gib": 4, "hypervisor": "chy"})") ==
          "hypervisor: unknown value 'chy' (one of kvm, xen, vmw, hyv, bms)");
    CHECK(error_of(R"({"cpus": 2, "cpu_type": "V", "ram_gib": 4, "gpu": {"type": "G", "vendor": "N",
                      "generation": "a-5"}})") ==
          "gpu.generation: unknown value 'a-5' (one of '', 'f', 'k', 'm', 'p', 'v', 't', 'a', 'l', 'g', 'b')");
    CHECK(error_of(R"({"cpus": 2, "cpu_type": "V", "ram_gib": 4, "cpu_brand": {"vendor": "intel",
                      "generation": 9}})") ==
          "SCS-2V-4_i9: cpugen can not be set to 9; must be one of (None, 0, 1, 2, 3, 4, 5, 6)");
    CHECK(error_of(R"({"cpus": 2, "cpu_type": "V", "ram_gib": 4, "disk_count": 3, "disk_type": "ssd"})") ==
          "ok: SCS-2V-4-3xs");
    CHECK(error_of("[1]") == "expected a JSON object of flavor fields, got array");
}

TEST_CASE("pathological names: huge numbers, long names, NUL bytes", "[scs]")
{
    SECTION("a 400-digit RAM figure, where the reference checker crashes, fails with a reason")
    {
        const auto verdict = check_flavor_name("SCS-2V-" + std::string(400, '1'));
        CHECK(verdict.kind == VerdictKind::fail);
        CHECK(verdict.reason == "ram can not be set to inf; too large");
        CHECK(verdict.reference_crashes);
    }
    SECTION("twice the RAM overflows a double: the reference crashes there too")
    {
        const auto verdict = check_flavor_name("SCS-2V-" + std::string(308, '9'));
        CHECK(verdict.reason == "ram can not be set to 1e+308; too large");
        CHECK(verdict.reference_crashes);
    }
    SECTION("a 301-digit RAM figure still passes, as a double")
    {
        const auto verdict = check_flavor_name("SCS-2V-1" + std::string(300, '0'));
        REQUIRE(verdict.kind == VerdictKind::pass);
        CHECK(verdict.flavor->cpu_ram.ram_gib == 1e300);
        CHECK(canonical_name(*verdict.flavor).size() == 4 + 2 + 1 + 301);
    }
    SECTION("leading zeros and RAM far below a GiB")
    {
        CHECK(check_flavor_name("SCS-2V-" + std::string(5000, '0') + "4").kind == VerdictKind::pass);
        CHECK(check_flavor_name("SCS-2V-0." + std::string(400, '0') + "1").reason ==
              "ram can not be set to 0.0; must be positive multiple of 0.5");
    }
    SECTION("integers of up to 4300 digits pass, as in CPython; longer ones fail with int()'s message")
    {
        const auto big = check_flavor_name("SCS-" + std::string(4300, '7') + "V-4");
        REQUIRE(big.kind == VerdictKind::pass);
        CHECK(big.flavor->cpu_ram.cpus.str() == std::string(4300, '7'));
        CHECK_FALSE(big.flavor->cpu_ram.cpus.to_u64());
        Value fields = Value::object();
        add_flavor_fields(fields, *big.flavor);
        CHECK(fields["cpus"] == std::string(4300, '7')); // beyond 64 bits: a string of digits
        CHECK(check_flavor_name("SCS-" + std::string(4301, '7') + "V-4").reason ==
              "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use "
              "sys.set_int_max_str_digits() to increase the limit");
        CHECK(check_flavor_name("SCS-2V-4-" + std::string(20, '9')).kind == VerdictKind::pass);
        CHECK(check_flavor_name("SCS-2V-4_i" + std::string(25, '9')).reason ==
              "cpugen can not be set to " + std::string(25, '9') + "; must be one of (None, 0, 1, 2, 3, 4, 5, 6)");
    }
    SECTION("a long name")
    {
        std::string name = "SCS-2V-4";
        for (int i = 0; i < 100000; ++i) {
            name += "_ib";
        }
        const auto verdict = check_flavor_name(name);
        CHECK(verdict.kind == VerdictKind::fail);
        CHECK(verdict.reason.size() == std::string("Extra characters: ").size() + 3 * 99999);
    }
    SECTION("NUL bytes are characters like any other")
    {
        CHECK(check_flavor_name(std::string("SCS-2V-4\0", 9)).reason == std::string("Extra characters: \0", 19));
        CHECK(check_flavor_name(std::string("SCS\0-2V-4", 9)).kind == VerdictKind::ignored);
        CHECK(check_flavor_name(std::string("SCS-2V-4_GN\0", 12)).reason ==
              "gen can not be set to '\\x00'; must be one of ('', 'f', 'k', 'm', 'p', 'v', 't', 'a', 'l', 'g', 'b')");
    }
}
