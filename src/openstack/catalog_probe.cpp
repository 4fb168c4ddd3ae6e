// One GET per catalog endpoint (see catalog_probe.hpp). Any status below 500 counts as an
// answer: a 300 version list, a 401 for an endpoint that wants another token, a 404 for
// a versioned root are all a live API.
#include "openstack/catalog_probe.hpp"

namespace scsctl::openstack {

std::vector<EndpointProbe> probe_catalog(CloudApi& api)
{
    std::vector<EndpointProbe> probes;
    for (const auto& service : api.catalog()) {
        for (const auto& endpoint : service.endpoints) {
            EndpointProbe probe{service.type, service.name, endpoint, false, 0, {}, {}};
            const auto started = std::chrono::steady_clock::now();
            auto reply = api.get_url(endpoint.url);
            if (reply) {
                probe.status = reply->status;
                probe.latency = reply->latency;
                probe.answers = reply->status > 0 && reply->status < 500;
                if (!probe.answers) {
                    probe.problem = "HTTP " + std::to_string(reply->status);
                }
            } else {
                probe.latency = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                                      started);
                probe.problem = reply.error().message;
            }
            probes.push_back(std::move(probe));
        }
    }
    return probes;
}

} // namespace scsctl::openstack
