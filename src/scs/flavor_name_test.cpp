// Table-driven tests of the scs-0100 verdicts: every example name of the standard documents
// scs-0100-v1/-v2/-v3 and scs-0103 (with its verdict and, for passing names, the canonical
// name), the reference checker's surprises, and pathological inputs. Expected reasons are
// the reference checker's messages (CPython 3.11).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scs/flavor_generate.hpp"
#include "scs/flavor_json.hpp"
#include "scs/flavor_verdict.hpp"

using namespace scsctl::scs;

namespace {

struct Case {
    std::string name;
    VerdictKind kind;
    std::string detail; ///< FAIL: the reason; PASS: the canonical name ("" = the name itself)
};

constexpr auto pass = VerdictKind::pass;
constexpr auto tolerated = VerdictKind::pass_tolerated;
constexpr auto fail = VerdictKind::fail;
constexpr auto ignored = VerdictKind::ignored;

const std::string k_nvidia_gens = "('', 'f', 'k', 'm', 'p', 'v', 't', 'a', 'l', 'g', 'b')";

std::vector<Case> standard_examples()
{
    return {
        // scs-0100-v3 (and v2): CPU suffixes
        {"SCS-2C-4-10n", pass, ""},
        {"SCS-2T-4-10n", pass, ""},
        {"SCS-2V-4-10n", pass, ""},
        {"SCS-2L-4-10n", pass, ""},
        {"SCS-2Li-4-10n", pass, ""},
        {"SCS-2-4-10n", fail, "Failed to parse main part"},
        {"SCS-2iT-4-10n", fail, "Failed to parse main part"},
        // memory
        {"SCS-2C-3.5-10n", pass, ""},
        {"SCS-2C-4u-10n", pass, ""},
        {"SCS-2C-4o-10n", pass, ""},
        {"SCS-2C-4uo-10n", pass, ""},
        {"SCS-2C-4ou-10n", fail, "Extra characters: u-10n"},
        // disks
        {"SCS-2C-4-10s", pass, ""},
        {"SCS-2C-4-10s_bms_z3", pass, ""},
        {"SCS-2C-4-3x10s", pass, ""},
        {"SCS-2C-4-3x10s_bms_z3", pass, ""},
        {"SCS-2C-4-10", pass, ""},
        {"SCS-2C-4-10_bms_z3", pass, ""},
        {"SCS-2C-4-n", pass, ""},
        {"SCS-2C-4-n_bms_3", fail, "Extra characters: _3"}, // a typo in the standard
        {"SCS-2C-4-", pass, ""},
        {"SCS-2C-4-_bms_z3", pass, ""},
        {"SCS-2C-4-_bms_z3h_GNa-64_ib", pass, ""},
        {"SCS-2C-4-_ib", pass, ""},
        {"SCS-2C-4", pass, ""},
        {"SCS-2C-4_bms_z3", pass, ""},
        {"SCS-2C-4-3x-", fail, "Extra characters: -"}, // listed as valid by the standard
        {"SCS-2C-4-3xs", pass, ""},
        {"SCS-2C-4-3x10", pass, ""},
        {"SCS-2C-4-1.5n", fail, "Extra characters: .5n"},
        // hypervisor, hardware virtualization
        {"SCS-2C-4-10n_bms", pass, ""},
        {"SCS-2C-4-10n_bms_z3h", pass, ""},
        {"SCS-2C-4-10_kvm_hwv", pass, ""},
        {"SCS-2C-4-10_hwv", pass, ""},
        {"SCS-2C-4-10_bms_hwv", pass, ""},
        {"SCS-2C-4-10_hwv_xen", fail, "Extra characters: _xen"},
        // CPU brand
        {"SCS-2C-4-10n_z", pass, ""},
        {"SCS-2C-4-10n_z3", pass, ""},
        {"SCS-2C-4-10n_z3h", pass, ""},
        {"SCS-2C-4-10n_z3hh", pass, ""},
        {"SCS-2C-4-10n_bms_z", pass, ""},
        {"SCS-2C-4-10n_bms_z3", pass, ""},
        {"SCS-2C-4-10n_bms_z3hh", pass, ""},
        // the decoded examples
        {"SCS-8Ti-32-50p_i1", pass, ""},
        {"SCS-1L-1u-5", pass, ""},
        {"SCS-16T-64-200s_GNa-64_ib", pass, ""},
        {"SCS-4C-16-2x200p_a1", pass, ""},
        {"SCS-1V-0.5", pass, ""},
        {"SCS-16T-64-200s_GNa:64_ib", fail, "gen can not be set to 'a:64_ib'; must be one of " + k_nvidia_gens},
        // naming policy and advice text
        {"SCS-1T-1-5n", pass, ""},
        {"SCS-1D-1.5-8s", fail, "Failed to parse main part"},
        {"SCS-8T-16-50", pass, ""},
        {"SCS-8T-16-50n", pass, ""},
        {"SCS-8T-16-50n_i2", pass, ""},
        {"SCS-8T-16-50n_a2", pass, ""},
        {"SCS-8C-16-50", pass, ""},
        // standard flavors (scs-0100-v3, scs-0103)
        {"SCS-1V-4", pass, ""},         {"SCS-2V-8", pass, ""},         {"SCS-4V-16", pass, ""},
        {"SCS-8V-32", pass, ""},        {"SCS-1V-2", pass, ""},         {"SCS-2V-4", pass, ""},
        {"SCS-4V-8", pass, ""},         {"SCS-8V-16", pass, ""},        {"SCS-16V-32", pass, ""},
        {"SCS-1V-8", pass, ""},         {"SCS-2V-16", pass, ""},        {"SCS-4V-32", pass, ""},
        {"SCS-1L-1", pass, ""},         {"SCS-1V-4-10", pass, ""},      {"SCS-2V-8-20", pass, ""},
        {"SCS-4V-16-50", pass, ""},     {"SCS-8V-32-100", pass, ""},    {"SCS-1V-2-5", pass, ""},
        {"SCS-2V-4-10", pass, ""},      {"SCS-4V-8-20", pass, ""},      {"SCS-8V-16-50", pass, ""},
        {"SCS-16V-32-100", pass, ""},   {"SCS-1V-8-20", pass, ""},      {"SCS-2V-16-50", pass, ""},
        {"SCS-4V-32-100", pass, ""},    {"SCS-1L-1-5", pass, ""},       {"SCS-4V-16-100s", pass, ""},
        {"SCS-2V-4-20s", pass, ""},
        // scs-0100-v1 spelling: tolerated; where v1 fails too, the reason is v3's
        {"SCS-2C:4:10n", tolerated, "SCS-2C-4-10n"},
        {"SCS-2T:4:10n", tolerated, "SCS-2T-4-10n"},
        {"SCS-2V:4:10n", tolerated, "SCS-2V-4-10n"},
        {"SCS-2L:4:10n", tolerated, "SCS-2L-4-10n"},
        {"SCS-2Li:4:10n", tolerated, "SCS-2Li-4-10n"},
        {"SCS-2:4:10n", fail, "Failed to parse main part"},
        {"SCS-2iT:4:10n", fail, "Failed to parse main part"},
        {"SCS-2C:3.5:10n", tolerated, "SCS-2C-3.5-10n"},
        {"SCS-2C:4u:10n", tolerated, "SCS-2C-4u-10n"},
        {"SCS-2C:4o:10n", tolerated, "SCS-2C-4o-10n"},
        {"SCS-2C:4uo:10n", tolerated, "SCS-2C-4uo-10n"},
        {"SCS-2C:4ou:10n", fail, "Failed to parse main part"},
        {"SCS-2C:4:10s-bms-z3", tolerated, "SCS-2C-4-10s_bms_z3"},
        {"SCS-2C:4:3x10s", tolerated, "SCS-2C-4-3x10s"},
        {"SCS-2C:4:3x10s-bms-z3", tolerated, "SCS-2C-4-3x10s_bms_z3"},
        {"SCS-2C:4:10", tolerated, "SCS-2C-4-10"},
        {"SCS-2C:4:n", tolerated, "SCS-2C-4-n"},
        {"SCS-2C:4:n-bms-3", fail, "Failed to parse main part"},
        {"SCS-2C:4:", tolerated, "SCS-2C-4-"},
        {"SCS-2C:4:-bms-z3", tolerated, "SCS-2C-4-_bms_z3"},
        {"SCS-2C:4:-bms-z3h-GNa:64-ib", tolerated, "SCS-2C-4-_bms_z3h_GNa-64_ib"},
        {"SCS-2C:4:-ib", tolerated, "SCS-2C-4-_ib"},
        {"SCS-2C:4", tolerated, "SCS-2C-4"},
        {"SCS-2C:4-bms-z3", tolerated, "SCS-2C-4_bms_z3"},
        {"SCS-2C:4:3x", tolerated, "SCS-2C-4-3x"},
        {"SCS-2C:4:3xs", tolerated, "SCS-2C-4-3xs"},
        {"SCS-2C:4:3x10", tolerated, "SCS-2C-4-3x10"},
        {"SCS-2C:4:1.5n", fail, "Failed to parse main part"},
        {"SCS-2C:4:10n-bms-z3h", tolerated, "SCS-2C-4-10n_bms_z3h"},
        {"SCS-2C:4:10-kvm-hwv", tolerated, "SCS-2C-4-10_kvm_hwv"},
        {"SCS-2C:4:10-hwv", tolerated, "SCS-2C-4-10_hwv"},
        {"SCS-2C:4:10-hwv-xen", fail, "Failed to parse main part"},
        {"SCS-2C:4:10n-z3hh", tolerated, "SCS-2C-4-10n_z3hh"},
        {"SCS-8Ti:32:50p-i1", tolerated, "SCS-8Ti-32-50p_i1"},
        {"SCS-1L:1u:5", tolerated, "SCS-1L-1u-5"},
        {"SCS-16T:64:200s-GNa:64-ib", tolerated, "SCS-16T-64-200s_GNa-64_ib"},
        {"SCS-4C:16:2x200p-a1", tolerated, "SCS-4C-16-2x200p_a1"},
        {"SCS-1V:0.5", tolerated, "SCS-1V-0.5"},
        {"SCS-1V:2", tolerated, "SCS-1V-2"},
        {"SCS-1Vl:1:5", fail, "Failed to parse main part"},
        {"SCS-1T:1:5n", tolerated, "SCS-1T-1-5n"},
        {"SCS-1D:1.5:8s", fail, "Failed to parse main part"},
    };
}

/// The reference's behaviour where it surprises (docs/scs.md), and bad input.
std::vector<Case> reference_quirks()
{
    const std::string cpu_gens = "(None, 0, 1, 2, 3, 4, 5, 6)";
    return {
        {"", ignored, ""},
        {"m1.small", ignored, ""},
        {"scs-2V-4", ignored, ""},
        {" SCS-2V-4", ignored, ""},
        {"SCS_2V-4", ignored, ""},
        {"SCS-", fail, "Failed to parse main part"},
        {"SCS-2V-4 ", fail, "Extra characters:  "},
        {"SCS-2V-4\r", fail, "Extra characters: \r"},
        {std::string("SCS-2V-4\0x", 10), fail, std::string("Extra characters: \0x", 20)},
        {"SCS-V-4", fail, "cpus can not be set to None; must be positive integer"},
        {"SCS-0V-4", fail, "cpus can not be set to 0; must be positive integer"},
        {"SCS-02V-04", pass, "SCS-2V-4"},
        {"SCS-2V-", fail, "could not convert string to float: ''"},
        {"SCS-2V-.", fail, "could not convert string to float: '.'"},
        {"SCS-2V-1.2.3", fail, "could not convert string to float: '1.2.3'"},
        {"SCS-2V-0", fail, "ram can not be set to 0.0; must be positive multiple of 0.5"},
        {"SCS-2V-0.25", fail, "ram can not be set to 0.25; must be positive multiple of 0.5"},
        {"SCS-2V-0.00001", fail, "ram can not be set to 1e-05; must be positive multiple of 0.5"},
        {"SCS-2V-4.", pass, "SCS-2V-4"},
        {"SCS-2V-.5", pass, "SCS-2V-0.5"},
        {"SCS-2V-4.50", pass, "SCS-2V-4.5"},
        {"SCS-2V-4-0", fail, "disksize can not be set to 0; must be positive integer"},
        {"SCS-2V-4-0x10", fail, "nrdisks can not be set to 0; must be positive integer"},
        {"SCS-2V-4-x10", pass, "SCS-2V-4-10"},
        {"SCS-2V-4-1x10", pass, "SCS-2V-4-10"},
        {"SCS-2V-4-3x", pass, ""},
        {"SCS-2V-4_i7", fail, "cpugen can not be set to 7; must be one of " + cpu_gens},
        {"SCS-2V-4_r1", fail, "cpugen can not be set to 1; must be one of (None, 0)"},
        {"SCS-2V-4_a6", fail, "cpugen can not be set to 6; must be one of (None, 0, 1, 2, 3, 4, 5)"},
        {"SCS-2V-4_z6", pass, ""},
        {"SCS-2V-4_i0", pass, "SCS-2V-4_i"},
        {"SCS-2V-4_i006", pass, "SCS-2V-4_i6"},
        {"SCS-2V-4_i007", fail, "cpugen can not be set to 7; must be one of " + cpu_gens},
        {"SCS-2V-4_z3hhhh", fail, "perf can not be set to 'hhhh'; must be one of ('', 'h', 'hh', 'hhh')"},
        {"SCS-2V-4_i2x", fail, "Extra characters: _i2x"},
        {"SCS-2V-4_i\n", fail, "Extra characters: \n"},
        {"SCS-2V-4_i1h_\n", fail, "Extra characters: _\n"},
        {"SCS-2V-4_ib", pass, ""},
        {"SCS-2V-4_i_ib", pass, ""},
        {"SCS-2V-4_chy", fail, "Extra characters: _chy"},
        {"SCS-2V-4_kvm_bms", fail, "Extra characters: _bms"},
        {"SCS-2V-4_GNa_ib", fail, "gen can not be set to 'a_ib'; must be one of " + k_nvidia_gens},
        {"SCS-2V-4_GNa-0", fail, "cu can not be set to 0; must be positive integer"},
        {"SCS-2V-4_GNa-64-0", fail, "vram can not be set to 0; must be positive integer"},
        {"SCS-2V-4_GNa-64hhh", fail, "perf can not be set to 'hhh'; must be one of ('', 'h', 'hh')"},
        {"SCS-2V-4_GNa-64h-8hhh", fail, "vramperf can not be set to 'hhh'; must be one of ('', 'h', 'hh')"},
        {"SCS-2V-4_gA3.5-32h-16hh", pass, ""},
        {"SCS-2V-4_GNb", pass, ""},
        {"SCS-2V-4_GI0.95", pass, ""},
        {"SCS-2V-4_GA2.1-60", pass, ""},
        {"SCS-2V-4_GA2.2", fail,
         "gen can not be set to '2.2'; must be one of ('', '0.4', '0.5', '1', '1.1', '2', '2.1', '3', '3.1', "
         "'3.5', '4', '4.1', '5.1')"},
        {"SCS-2V-4_GNah", pass, ""},
        {"SCS-2V-4_GN", pass, ""},
        {"SCS-2V-4_GN-8-16", pass, ""},
        {"SCS-2V-4_GNa--8", fail, "Extra characters: --8"},
        {"SCS-2V-4_GX", fail, "Extra characters: _GX"},
        {"SCS-2V-4_GN'x", fail, "gen can not be set to \"'x\"; must be one of " + k_nvidia_gens},
        {"SCS-2V-4_GN\xc3\xa9\t\xff", fail, "gen can not be set to '\xc3\xa9\\t\\udcff'; must be one of " + k_nvidia_gens},
        {"SCS-2V-4_bms_hwv_z3h_GNa-64h-48h_ib", pass, ""},
        {"SCS-2V-4_ib_ib", fail, "Extra characters: _ib"},
        {"SCS-2V:4_kvm", fail, "Failed to parse main part"},
        {"SCS-2V-4:10", fail, "Extra characters: :10"},
    };
}

void check_case(const Case& c)
{
    INFO("name: " << c.name);
    const auto verdict = check_flavor_name(c.name);
    CHECK(verdict_word(verdict.kind) == verdict_word(c.kind));
    if (c.kind == fail) {
        CHECK(verdict.reason == c.detail);
        CHECK_FALSE(verdict.flavor);
    }
    if (c.kind == pass || c.kind == tolerated) {
        REQUIRE(verdict.flavor);
        const std::string canonical = c.detail.empty() ? c.name : c.detail;
        // The round-trip property: generate(parse(name)) is the canonical name, and the
        // canonical name reads back as the same fields.
        CHECK(canonical_name(*verdict.flavor) == canonical);
        const auto generated = generate_flavor(*verdict.flavor);
        REQUIRE(generated);
        CHECK(generated->name == canonical);
        const auto again = check_flavor_name(canonical);
        CHECK(again.kind == pass);
        scsctl::core::Value fields = scsctl::core::Value::object();
        add_flavor_fields(fields, *verdict.flavor);
        const auto from_fields = flavor_from_fields(fields);
        REQUIRE(from_fields);
        CHECK(canonical_name(*from_fields) == canonical);
    }
}

} // namespace

TEST_CASE("every example of the flavor-naming standards gets the reference's verdict", "[scs]")
{
    for (const auto& c : standard_examples()) {
        check_case(c);
    }
}

TEST_CASE("the reference checker's surprises and bad names", "[scs]")
{
    for (const auto& c : reference_quirks()) {
        check_case(c);
    }
}
