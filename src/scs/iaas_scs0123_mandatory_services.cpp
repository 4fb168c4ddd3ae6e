// scs-0123-service-* and scs-0123-storage-apis: a service of the given type(s) is in the
// catalog (scs-0123-swift-s3 is in iaas_scs0123_swift_s3.cpp). Depends on core, openstack,
// scs.
#include "scs/iaas_testcases.hpp"

namespace scsctl::scs {

core::Result<bool> scs0123_service_presence(IaasSubject& subject, TestLog& log,
                                            std::span<const std::string_view> types)
{
    std::string listed;
    for (const auto type : types) {
        if (subject.has_service(type)) {
            return true;
        }
        listed += (listed.empty() ? "" : ", ") + std::string(type);
    }
    log.error("No service of type(s) " + listed + " found.");
    return false;
}

} // namespace scsctl::scs
