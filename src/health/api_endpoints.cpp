// See api_endpoints.hpp. Bodies are quoted in details only as far as their first line
// (and at most 120 characters): an error page must not flood a report.
#include "health/api_endpoints.hpp"

namespace scsctl::health {

namespace {

std::string first_line(const std::string& text)
{
    auto line = text.substr(0, text.find('\n'));
    return line.size() > 120 ? line.substr(0, 120) + "..." : line;
}

std::string http_status(long status, const std::string& body)
{
    return "HTTP " + std::to_string(status) + (body.empty() ? "" : ": " + first_line(body));
}

std::string join(const std::vector<std::string>& items)
{
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : ", ") + item;
    }
    return out;
}

/// The Ready condition of a node: "True", "False", "Unknown" (with its reason), or "missing".
std::string ready_condition(const nlohmann::json& node, std::string& reason)
{
    const auto status = node.find("status");
    if (status == node.end() || !status->is_object() || !status->contains("conditions") ||
        !(*status)["conditions"].is_array()) {
        return "missing";
    }
    for (const auto& condition : (*status)["conditions"]) {
        if (condition.is_object() && condition.value("type", std::string{}) == "Ready") {
            reason = condition.value("reason", std::string{});
            return condition.value("status", std::string("missing"));
        }
    }
    return "missing";
}

} // namespace

ApiVerdict judge_readyz(long status, const std::string& body)
{
    if (status == 200 && (body == "ok" || body == "ok\n")) {
        return {true, "readyz ok"};
    }
    std::vector<std::string> failing;
    std::size_t start = 0;
    while (start < body.size()) {
        const auto end = body.find('\n', start);
        const auto line = body.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (line.starts_with("[-]")) {
            failing.push_back(line.substr(3));
        }
        start = end == std::string::npos ? body.size() : end + 1;
    }
    if (!failing.empty()) {
        return {false, "readyz HTTP " + std::to_string(status) + ": " + join(failing)};
    }
    return {false, "readyz " + http_status(status, body)};
}

ApiVerdict judge_node_list(long status, const std::string& body)
{
    if (status != 200) {
        return {false, "nodes " + http_status(status, body)};
    }
    const auto list = nlohmann::json::parse(body, nullptr, false);
    if (!list.is_object() || !list.contains("items") || !list["items"].is_array()) {
        return {false, "nodes: the answer is not a NodeList"};
    }
    std::vector<std::string> not_ready;
    for (const auto& node : list["items"]) {
        std::string name = "?";
        if (node.is_object() && node.contains("metadata") && node["metadata"].is_object()) {
            name = node["metadata"].value("name", std::string("?"));
        }
        std::string reason;
        const auto ready = ready_condition(node, reason);
        if (ready != "True") {
            not_ready.push_back(name + " Ready=" + ready + (reason.empty() ? "" : " (" + reason + ")"));
        }
    }
    const auto total = list["items"].size();
    if (total == 0) {
        return {false, "nodes: the cluster has no nodes"};
    }
    const auto ready = total - not_ready.size();
    const std::string counts = std::to_string(ready) + "/" + std::to_string(total) + " nodes Ready";
    return not_ready.empty() ? ApiVerdict{true, counts} : ApiVerdict{false, counts + ": " + join(not_ready)};
}

ApiVerdict judge_oidc_discovery(long status, const std::string& body, const std::string& expected_issuer)
{
    if (status != 200) {
        return {false, "discovery " + http_status(status, body)};
    }
    const auto document = nlohmann::json::parse(body, nullptr, false);
    if (!document.is_object()) {
        return {false, "discovery: the answer is not a JSON object"};
    }
    const auto issuer = document.value("issuer", std::string{});
    if (issuer != expected_issuer) {
        return {false, "discovery: issuer '" + issuer + "' is not '" + expected_issuer + "'"};
    }
    std::vector<std::string> missing;
    for (const char* key : {"jwks_uri", "authorization_endpoint", "token_endpoint"}) {
        if (!document.contains(key) || !document[key].is_string() || document[key].get<std::string>().empty()) {
            missing.push_back(key);
        }
    }
    if (!missing.empty()) {
        return {false, "discovery: no " + join(missing)};
    }
    return {true, document["jwks_uri"].get<std::string>()};
}

ApiVerdict judge_jwks(long status, const std::string& body)
{
    if (status != 200) {
        return {false, "jwks " + http_status(status, body)};
    }
    const auto document = nlohmann::json::parse(body, nullptr, false);
    if (!document.is_object() || !document.contains("keys") || !document["keys"].is_array()) {
        return {false, "jwks: the answer has no keys array"};
    }
    if (document["keys"].empty()) {
        return {false, "jwks: no signing keys"};
    }
    return {true, std::to_string(document["keys"].size()) + " signing keys"};
}

std::string https_base(const std::string& address, const std::string& port)
{
    const bool ipv6 = address.find(':') != std::string::npos && !address.starts_with("[");
    return "https://" + (ipv6 ? "[" + address + "]" : address) + ":" + port;
}

} // namespace scsctl::health
