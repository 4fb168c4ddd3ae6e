// The scope "SCS-compatible IaaS" (SovereignCloudStack/standards,
// Tests/scs-compatible-iaas.yaml) as scsctl runs it: per version, the testcases with their
// ids as the reference runner openstack_test.py names them and whether the version's main
// target requires them; the runner's preflight (a member, neither admin nor manager); and
// running a selection, one result per testcase. Depends on core, openstack, scs.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "openstack/cloud_api.hpp"
#include "scs/iaas_subject.hpp"
#include "scs/iaas_testcase.hpp"

namespace scsctl::scs {

inline constexpr std::string_view k_iaas_scope_name = "SCS-compatible IaaS";
inline constexpr std::string_view k_iaas_scope_uuid = "50393e6f-2ae1-4c5c-a62c-3b75f2abef3f";

struct TestcaseSpec {
    std::string id;        ///< e.g. "scs-0103-flavor-1v-4"
    std::string standard;  ///< e.g. "scs-0103-v1"
    bool required = false; ///< in the version's main target
    bool writes = false;   ///< creates and deletes resources (see --help)
    TestcaseCheck check;
};

struct ScopeVersion {
    std::string name; ///< "v5.1"
    std::vector<TestcaseSpec> testcases;
};

/// The versions scsctl implements, newest first.
std::span<const ScopeVersion> iaas_scope_versions();
/// The version called `name`, or nullptr.
const ScopeVersion* find_iaas_scope_version(std::string_view name);

/// The reference's preflight on the session's roles: an error (kind failed) when the user
/// has admin or manager, or lacks member. Every testcase is then reported ABORT.
core::Result<void> iaas_preflight(const openstack::CloudApi& api);

/// Runs `selected` in order on one subject (lists shared between testcases are fetched
/// once); `on_result` sees each result as soon as it is known.
std::vector<TestcaseResult> run_testcases(IaasSubject& subject, std::span<const TestcaseSpec* const> selected,
                                          const std::function<void(const TestcaseResult&)>& on_result = {});

/// ABORT results for `selected`, carrying `why` (after a failed preflight or connection).
std::vector<TestcaseResult> aborted_results(std::span<const TestcaseSpec* const> selected, const std::string& why);

} // namespace scsctl::scs
