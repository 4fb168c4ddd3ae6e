// The catalogue's inputs come from the environment only, so that every command that
// lists or walks layers sees the same plugins.
#include "cli/layer_catalogue.hpp"

#include <cstdlib>

#include "core/exit_codes.hpp"
#include "core/version.hpp"
#include "secrets/secret_registry.hpp"

namespace scsctl::cli {

namespace {

std::string env_or_empty(const char* name)
{
    const char* value = std::getenv(name);
    return value == nullptr ? std::string() : std::string(value);
}

} // namespace

std::expected<layers::Catalogue, int> load_catalogue(const Console& console)
{
    layers::CatalogueOptions options;
    options.plugin_path = env_or_empty("SCSCTL_PLUGIN_PATH");
    options.path = env_or_empty("PATH");
    options.scsctl_version = core::k_version;
    if (const auto timeout = env_or_empty("SCSCTL_PLUGIN_TIMEOUT"); !timeout.empty()) {
        char* end = nullptr;
        const double seconds = std::strtod(timeout.c_str(), &end);
        if (end == timeout.c_str() || *end != '\0' || !(seconds > 0) || seconds > 86400) {
            console.error("SCSCTL_PLUGIN_TIMEOUT: expected a positive number of seconds, got '" + timeout + "'");
            return std::unexpected(core::k_exit_usage);
        }
        options.limits.timeout = std::chrono::milliseconds(static_cast<long>(seconds * 1000));
    }
    auto catalogue = layers::Catalogue::load(options);
    if (!catalogue) {
        console.error(catalogue.error().str());
        return std::unexpected(layer_exit_code(catalogue.error()));
    }
    return std::move(*catalogue);
}

int layer_exit_code(const core::Error& error)
{
    return error.kind == layers::k_plugin_fault ? k_exit_plugin : core::exit_code_for(error.kind);
}

layers::SecretFilter plugin_secret_filter(std::shared_ptr<const secrets::Redactor> redactor)
{
    layers::SecretFilter filter;
    for (const auto& secret : secrets::secret_registry()) {
        filter.names.emplace_back(secret.name);
    }
    if (redactor != nullptr && !redactor->empty()) {
        filter.holds_secret = [redactor](std::string_view text) { return redactor->contains_secret(text); };
    }
    return filter;
}

} // namespace scsctl::cli
