// scsctl scs flavor-name generate: fields → canonical name + extra_specs. Fields come from
// options (one flavor) or from --from-json FILE|- (an object or an array of objects, as
// `flavor-name --json` prints them; FAIL and ignored entries are skipped). Exit 0, or 2 when
// a flavor's fields are wrong or make a name that fails scs-0100. Depends on core and scs.
#include "cli/scs_flavor_generate.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <sstream>

#include "cli/scs_flavor_output.hpp"
#include "core/exit_codes.hpp"
#include "scs/flavor_json.hpp"

namespace scsctl::cli {

namespace {

struct GenerateArgs {
    std::string from_json;
    bool json = false;
    std::map<std::string, std::string> values; ///< field → option value, as given
    std::map<std::string, bool> flags;         ///< boolean field → set
};

/// Option name → (field path, value kind). Kinds: n natural, f number, s string.
struct FieldOption {
    const char* option;
    const char* field; ///< "gpu.vendor" for nested fields
    char kind;
    const char* help;
};

constexpr FieldOption k_field_options[] = {
    {"--cpus", "cpus", 'n', "Number of vCPUs"},
    {"--cpu-type", "cpu_type", 's', "crowded-core, shared-core, dedicated-thread, dedicated-core (or L, V, T, C)"},
    {"--ram", "ram_gib", 'f', "RAM in GiB (a multiple of 0.5)"},
    {"--disk-gb", "disk_gb", 'n', "Root disk size in GB"},
    {"--disk-count", "disk_count", 'n', "Number of root disks (0: no disk part)"},
    {"--disk-type", "disk_type", 's', "network, hdd, ssd, nvme (or n, h, s, p)"},
    {"--hypervisor", "hypervisor", 's', "kvm, xen, vmw, hyv, bms"},
    {"--cpu-vendor", "cpu_brand.vendor", 's', "intel, amd, arm, risc-v (or i, z, a, r)"},
    {"--cpu-generation", "cpu_brand.generation", 'n', "The vendor's CPU generation"},
    {"--cpu-frequency", "cpu_brand.frequency", 's', "h, hh or hhh"},
    {"--gpu-type", "gpu.type", 's', "virtual or pass-through (or g, G)"},
    {"--gpu-vendor", "gpu.vendor", 's', "nvidia, amd, intel (or N, A, I)"},
    {"--gpu-generation", "gpu.generation", 's', "The vendor's GPU generation code (a, l, 3.5, ...)"},
    {"--gpu-compute-units", "gpu.compute_units", 'n', "SMs, CUs or EUs"},
    {"--gpu-frequency", "gpu.frequency", 's', "h or hh"},
    {"--gpu-vram", "gpu.vram_gib", 'n', "GPU memory in GiB"},
    {"--gpu-bandwidth", "gpu.bandwidth", 's', "h or hh"},
};

constexpr FieldOption k_flag_options[] = {
    {"--cpu-insecure", "cpu_insecure", 'b', "The `i` suffix: insecure SMT or microcode"},
    {"--ram-no-ecc", "ram_no_ecc", 'b', "The `u` suffix: RAM without ECC"},
    {"--ram-oversubscribed", "ram_oversubscribed", 'b', "The `o` suffix: oversubscribed RAM"},
    {"--hardware-virt", "hardware_virt", 'b', "`_hwv`: hardware (nested) virtualization"},
    {"--infiniband", "infiniband", 'b', "`_ib`: Infiniband"},
};

/// `fields[path] = value`, creating the nested object of "gpu.vendor".
void set_field(core::Value& fields, const std::string& path, core::Value value)
{
    const auto dot = path.find('.');
    if (dot == std::string::npos) {
        fields[path] = std::move(value);
        return;
    }
    fields[path.substr(0, dot)][path.substr(dot + 1)] = std::move(value);
}

std::expected<core::Value, std::string> fields_from_options(const GenerateArgs& args)
{
    core::Value fields = core::Value::object();
    for (const auto& option : k_field_options) {
        const auto it = args.values.find(option.field);
        if (it == args.values.end()) {
            continue;
        }
        if (option.kind == 'f') {
            double number = 0;
            const auto& text = it->second;
            const auto result = std::from_chars(text.data(), text.data() + text.size(), number);
            if (result.ec != std::errc() || result.ptr != text.data() + text.size()) {
                return std::unexpected(std::string(option.option) + ": not a number: '" + text + "'");
            }
            set_field(fields, option.field, number);
        } else {
            set_field(fields, option.field, it->second);
        }
    }
    for (const auto& [field, on] : args.flags) {
        if (on) {
            set_field(fields, field, true);
        }
    }
    return fields;
}

/// Byte offset → "line:col" of `text`.
std::string line_col(const std::string& text, std::size_t offset)
{
    std::size_t line = 1;
    std::size_t col = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line, col = 1;
        } else {
            ++col;
        }
    }
    return std::to_string(line) + ":" + std::to_string(col);
}

std::expected<core::Value, std::string> read_json(const std::string& path)
{
    std::string text;
    if (path == "-") {
        std::ostringstream input;
        input << std::cin.rdbuf();
        text = input.str();
    } else {
        std::ifstream file(path, std::ios::binary);
        if (!file) {
            return std::unexpected(path + ": cannot read the file");
        }
        text.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
    }
    const std::string shown = path == "-" ? "<stdin>" : path;
    try {
        return core::Value::parse(text);
    } catch (const core::Value::parse_error& error) {
        const std::size_t at = error.byte > 0 ? error.byte - 1 : 0;
        std::string message = error.what();
        const auto colon = message.find(": ", message.find("parse error"));
        return std::unexpected(shown + ":" + line_col(text, at) + ": invalid JSON" +
                               (colon == std::string::npos ? "" : message.substr(colon)));
    }
}

int run_generate(const GenerateArgs& args, const GlobalOptions& options)
{
    const Console console(options);
    const bool json = args.json || options.output == OutputFormat::json;
    const bool by_options = !args.values.empty() ||
                            std::any_of(args.flags.begin(), args.flags.end(), [](const auto& f) { return f.second; });
    if (args.from_json.empty() == !by_options) {
        console.error(by_options ? "scs flavor-name generate: give fields as options or --from-json, not both"
                                 : "scs flavor-name generate: give the fields (--cpus, --cpu-type, --ram, ...) or "
                                   "--from-json FILE|-");
        return core::k_exit_usage;
    }
    auto input = by_options ? fields_from_options(args) : read_json(args.from_json);
    if (!input) {
        console.error(input.error());
        return core::k_exit_usage;
    }
    const bool many = input->is_array();
    const core::Value entries = many ? *input : core::Value::array({*input});
    core::Value out = core::Value::array();
    std::string text;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const core::Value& entry = entries[i];
        const std::string where = many ? "entry " + std::to_string(i + 1) + ": " : "";
        if (entry.is_object() && entry.contains("verdict") && !entry.contains("cpus")) {
            continue; // FAIL or ignored in flavor-name's output: nothing to generate
        }
        auto flavor = scs::flavor_from_fields(entry);
        auto generated = flavor ? scs::generate_flavor(*flavor) : std::unexpected(flavor.error());
        if (!generated) {
            console.error(where + generated.error());
            return core::k_exit_usage;
        }
        out.push_back(generated_json(*generated));
        text += (text.empty() ? "" : "\n") + generated_text(*generated);
    }
    const std::string shown = json ? json_text(many ? out : out.at(0)) : text;
    std::fwrite(shown.data(), 1, shown.size(), stdout);
    return core::k_exit_ok;
}

} // namespace

CLI::App* define_flavor_generate(CLI::App& flavor_name, GlobalOptions& options)
{
    auto args = std::make_shared<GenerateArgs>();
    CLI::App* generate = flavor_name.add_subcommand(
        "generate", "The canonical flavor name and its scs-0103 extra_specs from fields (options or --from-json)");
    generate->add_option("--from-json", args->from_json,
                         "Read fields from JSON: an object or an array as 'flavor-name --json' prints ('-': stdin)")
        ->type_name("FILE");
    generate->add_flag("--json", args->json, "JSON output (the same as --output json)");
    for (const auto& option : k_field_options) {
        generate
            ->add_option_function<std::string>(
                option.option, [args, field = std::string(option.field)](const std::string& value) {
                    args->values[field] = value;
                },
                option.help)
            ->type_name(option.kind == 's' ? "WORD" : option.kind == 'f' ? "GIB" : "N");
    }
    for (const auto& option : k_flag_options) {
        generate->add_flag_callback(
            option.option, [args, field = std::string(option.field)] { args->flags[field] = true; }, option.help);
    }
    generate->callback([&options, args] { options.action = [&options, args] { return run_generate(*args, options); }; });
    return generate;
}

} // namespace scsctl::cli
