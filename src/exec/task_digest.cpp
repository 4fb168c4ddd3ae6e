// SHA-256 through OpenSSL's EVP interface.
#include "exec/task_digest.hpp"

#include <openssl/evp.h>

#include <filesystem>

namespace scsctl::exec {

std::string sha256_hex(std::string_view data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
        return {};
    }
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        out += k_hex[digest[i] >> 4];
        out += k_hex[digest[i] & 0x0F];
    }
    return out;
}

std::string value_digest(const core::Value& value)
{
    return sha256_hex(value.dump(-1, ' ', false, core::Value::error_handler_t::replace));
}

std::string task_id_of(const model::Task& task)
{
    std::error_code error;
    std::string file = task.where.file;
    if (!file.empty()) {
        auto absolute = std::filesystem::absolute(file, error);
        if (!error) {
            file = absolute.lexically_normal().string();
        }
    }
    const core::Value identity{{"file", file}, {"line", task.where.line}, {"name", task.name},
                               {"action", task.action}, {"args", task.args}};
    return value_digest(identity);
}

} // namespace scsctl::exec
