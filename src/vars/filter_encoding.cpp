// Encoding filters: to_json/to_nice_json/from_json, to_yaml/to_nice_yaml/from_yaml,
// b64encode/b64decode and hash/md5/sha1/checksum (OpenSSL EVP). Depends on core, yaml.
#include <openssl/evp.h>

#include "core/base64.hpp"
#include "core/diagnostics.hpp"
#include "vars/filter_support.hpp"
#include "vars/python_format.hpp"
#include "yaml/document.hpp"

namespace scsctl::vars::detail {

namespace {

std::string text_of(const Value& input)
{
    return python_str(input);
}

core::Result<Value> digest(const Value& input, const std::string& algorithm)
{
    const EVP_MD* md = EVP_get_digestbyname(algorithm.c_str());
    if (md == nullptr) {
        return filter_error("unsupported hash type " + algorithm);
    }
    const std::string data = text_of(input);
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), out, &length, md, nullptr) != 1) {
        return filter_error("hash " + algorithm + " failed");
    }
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex += k_hex[out[i] >> 4];
        hex += k_hex[out[i] & 0xF];
    }
    return hex;
}

int int_arg(const FilterArgs& args, std::string_view name, std::size_t index, int fallback)
{
    const Value* value = args.get(name, index);
    return value != nullptr && value->is_number_integer() ? value->get<int>() : fallback;
}

} // namespace

// to_json: json.dumps(a) with Python's defaults; indent/sort_keys/ensure_ascii accepted.
core::Result<Value> filter_to_json(const Value& input, const FilterArgs& args)
{
    const Value* indent = args.get("indent", std::size_t(-1));
    const int width = indent != nullptr && indent->is_number_integer() ? indent->get<int>() : -1;
    return json_dumps(input, width, arg_bool(args, "sort_keys", std::size_t(-1), false),
                      arg_bool(args, "ensure_ascii", std::size_t(-1), true));
}

core::Result<Value> filter_to_nice_json(const Value& input, const FilterArgs& args)
{
    return json_dumps(input, int_arg(args, "indent", 0, 4), arg_bool(args, "sort_keys", 1, true),
                      arg_bool(args, "ensure_ascii", std::size_t(-1), true));
}

core::Result<Value> filter_from_json(const Value& input, const FilterArgs&)
{
    if (!input.is_string()) {
        return filter_error("the JSON object must be str, not " + type_name(input));
    }
    Value parsed = Value::parse(input.get_ref<const std::string&>(), nullptr, false);
    if (parsed.is_discarded()) {
        return filter_error("from_json: the string is not valid JSON");
    }
    if (nested_deeper_than(parsed, k_max_parsed_depth)) {
        return filter_error("from_json: nesting is deeper than " + std::to_string(k_max_parsed_depth) + " levels");
    }
    return parsed;
}

core::Result<Value> filter_to_yaml(const Value& input, const FilterArgs& args)
{
    return python_yaml(input, false, int_arg(args, "indent", std::size_t(-1), 2));
}

core::Result<Value> filter_to_nice_yaml(const Value& input, const FilterArgs& args)
{
    return python_yaml(input, true, int_arg(args, "indent", 0, 4));
}

// from_yaml parses strings (JSON first, then YAML 1.1 as Ansible does); other values pass.
core::Result<Value> filter_from_yaml(const Value& input, const FilterArgs&)
{
    if (!input.is_string()) {
        return input;
    }
    core::Diagnostics diagnostics;
    auto value = yaml::load_value("<from_yaml>", input.get_ref<const std::string&>(), diagnostics);
    if (!value || diagnostics.has_errors()) {
        return filter_error("from_yaml: " + diagnostics.first_error().message);
    }
    if (nested_deeper_than(*value, k_max_parsed_depth)) {
        return filter_error("from_yaml: nesting is deeper than " + std::to_string(k_max_parsed_depth) + " levels");
    }
    return std::move(*value);
}

core::Result<Value> filter_b64encode(const Value& input, const FilterArgs&)
{
    return core::base64_encode(text_of(input));
}

// base64.b64decode without validation: bytes outside the alphabet are dropped.
core::Result<Value> filter_b64decode(const Value& input, const FilterArgs&)
{
    std::string cleaned;
    for (const char c : text_of(input)) {
        const bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (alpha || c == '+' || c == '/' || c == '=') {
            cleaned += c;
        }
    }
    auto decoded = core::base64_decode(cleaned);
    if (!decoded || cleaned.size() % 4 != 0) {
        return filter_error("b64decode: incorrect padding");
    }
    return std::move(*decoded);
}

core::Result<Value> filter_hash(const Value& input, const FilterArgs& args)
{
    return digest(input, arg_string(args, "hashtype", 0).value_or("sha1"));
}

core::Result<Value> filter_md5(const Value& input, const FilterArgs&)
{
    return digest(input, "md5");
}

core::Result<Value> filter_sha1(const Value& input, const FilterArgs&)
{
    return digest(input, "sha1");
}

} // namespace scsctl::vars::detail
