// Tests of the Ansible Vault reader against files the real `ansible-vault encrypt`
// writes (1.1, and 1.2 with a vault id); skipped when ansible-vault is not installed.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "secrets/ansible_vault.hpp"
#include "secrets/secret_store.hpp"
#include "temp_dir.hpp"

using namespace scsctl;
using namespace scsctl::secrets;

namespace {

std::string read(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool have_ansible_vault()
{
    return std::system("command -v ansible-vault >/dev/null 2>&1") == 0;
}

/// Encrypts `plain` with the real ansible-vault; returns the file's path.
std::string vault_file(const testing::TempDir& dir, const std::string& name, const std::string& plain,
                       const std::string& vault_id)
{
    const std::string path = dir.write(name, plain);
    const std::string password_file = dir.write("vault-pass", "vault pw\n");
    const std::string id = vault_id.empty() ? "--vault-password-file '" + password_file + "'"
                                            : "--vault-id '" + vault_id + "@" + password_file + "'";
    const std::string command = "ANSIBLE_LOCAL_TEMP='" + dir.path().string() + "' ANSIBLE_HOME='" +
                                dir.path().string() + "' ansible-vault encrypt " + id + " '" + path +
                                "' >/dev/null 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
    return path;
}

} // namespace

TEST_CASE("files written by ansible-vault 1.1 and 1.2 decrypt", "[secrets]")
{
    if (!have_ansible_vault()) {
        SUCCEED("ansible-vault not installed");
        return;
    }
    testing::TempDir dir;
    const std::string plain = "database_password: \"from vault\"\nlong: \"" + std::string(100, 'x') + "\"\n";
    const std::string v11 = vault_file(dir, "v11.yml", plain, "");
    CHECK(read(v11).starts_with("$ANSIBLE_VAULT;1.1;AES256\n"));
    auto opened = open_ansible_vault(v11, read(v11), "vault pw");
    REQUIRE(opened);
    CHECK(*opened == plain);

    const std::string v12 = vault_file(dir, "v12.yml", "a: 1\n", "prod");
    CHECK(read(v12).starts_with("$ANSIBLE_VAULT;1.2;AES256;prod\n"));
    auto opened12 = open_ansible_vault(v12, read(v12), "vault pw");
    REQUIRE(opened12);
    CHECK(*opened12 == "a: 1\n");

    auto store = load_secret_store(v11, std::string("vault pw"));
    REQUIRE(store);
    CHECK(store->format == StoreFormat::ansible_vault);
    CHECK(store->values["database_password"] == "from vault");
}

TEST_CASE("ansible-vault files: wrong password and damage are located errors", "[secrets]")
{
    if (!have_ansible_vault()) {
        SUCCEED("ansible-vault not installed");
        return;
    }
    testing::TempDir dir;
    const std::string path = vault_file(dir, "v.yml", "k: v\n", "");
    const std::string text = read(path);
    auto wrong = open_ansible_vault("v.yml", text, "nope");
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().str() == "v.yml: cannot decrypt: wrong vault password, or the file was changed");

    std::string changed = text;
    const auto at = changed.rfind('\n', changed.size() - 2) + 5;
    changed[at] = changed[at] == '0' ? '1' : '0';
    CHECK_FALSE(open_ansible_vault("v.yml", changed, "vault pw"));

    auto not_hex = open_ansible_vault("v.yml", "$ANSIBLE_VAULT;1.1;AES256\nzz\n", "vault pw");
    REQUIRE_FALSE(not_hex);
    CHECK(not_hex.error().str() == "v.yml:2: not hexadecimal");
    auto version = open_ansible_vault("v.yml", "$ANSIBLE_VAULT;2.0;AES256\n00\n", "vault pw");
    REQUIRE_FALSE(version);
    CHECK(version.error().str() == "v.yml:1: unsupported Ansible Vault version '2.0' (supported: 1.1, 1.2)");
    auto truncated = open_ansible_vault("v.yml", text.substr(0, text.size() / 2), "vault pw");
    REQUIRE_FALSE(truncated);
    CHECK(truncated.error().str().starts_with("v.yml"));
}
