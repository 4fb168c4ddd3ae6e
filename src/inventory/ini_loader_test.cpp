// Tests of the INI inventory loader. Expected values were checked with
// `ansible-inventory -i FILE --list` of ansible-core 2.14 on the same text.
#include "inventory/ini_loader.hpp"

#include <catch2/catch.hpp>

#include <memory>

#include "inventory/builder.hpp"

using scsctl::core::Value;
using Names = std::vector<std::string>;

namespace {

constexpr const char* k_path = "/srv/inv/hosts.ini";

struct Loaded {
    scsctl::model::Inventory inventory;
    scsctl::core::Diagnostics diagnostics;

    explicit Loaded(const std::string& text)
    {
        scsctl::inventory::InventoryBuilder builder(inventory, diagnostics);
        builder.set_current_source(k_path);
        scsctl::inventory::load_ini_inventory(k_path, text, builder);
        builder.reconcile();
    }

    const scsctl::model::Group& group(const std::string& name) const
    {
        const auto id = inventory.find_group(name);
        INFO("group " << name);
        REQUIRE(id);
        return inventory.group(*id);
    }

    const Value& host_vars(const std::string& name) const
    {
        const auto id = inventory.find_host(name);
        INFO("host " << name);
        REQUIRE(id);
        return inventory.host(*id).vars;
    }

    Names hosts(const std::string& name) const
    {
        Names names;
        for (auto id : group(name).hosts) {
            names.push_back(inventory.host(id).name);
        }
        return names;
    }

    Names children(const std::string& name) const
    {
        Names names;
        for (auto id : group(name).children) {
            names.push_back(inventory.group(id).name);
        }
        return names;
    }

    Names errors() const
    {
        Names texts;
        for (const auto& item : diagnostics.sorted()) {
            if (item.severity == scsctl::core::Severity::error) {
                texts.push_back(item.str());
            }
        }
        return texts;
    }
};

std::unique_ptr<Loaded> load(const std::string& text)
{
    return std::make_unique<Loaded>(text);
}

} // namespace

TEST_CASE("kolla-ansible multinode style inventory", "[ini]")
{
    const auto inv = load(R"(# These initial groups are the only groups required to be modified.
[control]
control01
control02 ansible_port=2222
control03:2200 api_interface=eth1

[network:children]
control

[compute]
compute[01:03]

[monitoring]
monitoring01

[storage:children]
compute

[deployment]
localhost ansible_connection=local

[baremetal:children]
control
network
compute
storage
monitoring

[common:children]
control
network

[nova:children]
control

[nova-api:children]
nova

[control:vars]
ansible_become=true
)");
    CHECK(inv->errors().empty());
    CHECK(inv->children("all") == Names{"ungrouped", "deployment", "baremetal", "common", "nova-api"});
    CHECK(inv->children("baremetal") == Names{"control", "network", "compute", "storage", "monitoring"});
    CHECK(inv->hosts("compute") == Names{"compute01", "compute02", "compute03"});
    CHECK(inv->hosts("control") == Names{"control01", "control02", "control03"});
    CHECK(inv->hosts("deployment") == Names{"localhost"});
    CHECK(inv->group("control").vars["ansible_become"] == Value("true"));
    CHECK(inv->host_vars("control02")["ansible_port"] == Value(2222));
    CHECK(inv->host_vars("control03")["ansible_port"] == Value(2200));
    CHECK(inv->host_vars("control03")["api_interface"] == Value("eth1"));
    CHECK(inv->host_vars("localhost")["ansible_connection"] == Value("local"));
    CHECK(inv->host_vars("control01")["inventory_file"] == Value(k_path));
    CHECK(inv->group("control").depth == 3); // all > baremetal > network > control
    CHECK(inv->group("nova").depth == 2);
}

TEST_CASE("hosts before any section are ungrouped", "[ini]")
{
    const auto inv = load("h0\n  h1 a=1\n[g]\nh1\n");
    CHECK(inv->errors().empty());
    CHECK(inv->hosts("ungrouped") == Names{"h0"}); // h1 leaves ungrouped once in g
    CHECK(inv->hosts("g") == Names{"h1"});
    CHECK(inv->host_vars("h1")["a"] == Value(1));
}

TEST_CASE("host variables are Python literals", "[ini]")
{
    const auto inv = load(R"([g]
h1 a=1 a=2 s="'03#pa33w0rd'" t=True u=true l="[1,(2,3)]" d="{'k': 1}" f=1e3 e= c=abc#comment
h2 q='x y' b=c\ d n=010 z=" 5"
)");
    CHECK(inv->errors().empty());
    const Value& h1 = inv->host_vars("h1");
    CHECK(h1["a"] == Value(2));
    CHECK(h1["s"] == Value("03#pa33w0rd"));
    CHECK(h1["t"] == Value(true));
    CHECK(h1["u"] == Value("true"));
    CHECK(h1["l"] == Value::parse("[1,[2,3]]"));
    CHECK(h1["d"] == Value::parse(R"({"k":1})"));
    CHECK(h1["f"].is_number_float());
    CHECK(h1["e"] == Value(""));
    CHECK(h1["c"] == Value("abc"));
    const Value& h2 = inv->host_vars("h2");
    CHECK(h2["q"] == Value("x y"));
    CHECK(h2["b"] == Value("c d"));
    CHECK(h2["n"] == Value("010"));
    CHECK(h2["z"] == Value(5));
}

TEST_CASE("group variables are literal-evaluated too in 2.14", "[ini]")
{
    const auto inv = load(R"([web]
w1
[web:vars]
a=1
b=FALSE
c = 'x' # comment
d=x y = z
e={'k': 1}
g=
ansible_group_priority=5
[all:vars]
top=yes
)");
    CHECK(inv->errors().empty());
    const Value& vars = inv->group("web").vars;
    CHECK(vars["a"] == Value(1));
    CHECK(vars["b"] == Value("FALSE"));
    CHECK(vars["c"] == Value("x"));
    CHECK(vars["d"] == Value("x y = z"));
    CHECK(vars["e"] == Value::parse(R"({"k":1})"));
    CHECK(vars["g"] == Value(""));
    CHECK_FALSE(vars.contains("ansible_group_priority"));
    CHECK(inv->group("web").priority == 5);
    CHECK(inv->group("all").vars["top"] == Value("yes"));
}

TEST_CASE("ports, ranges and hosts seen twice", "[ini]")
{
    const auto inv = load("[a]\nh1\n[b]\nh1:2222\nh3:44\n[c]\nh3:55\n[::1]:22\ndb[a:b]:2\n");
    CHECK(inv->errors().empty());
    CHECK_FALSE(inv->host_vars("h1").contains("ansible_port")); // the port only applies to a new host
    CHECK(inv->host_vars("h3")["ansible_port"] == Value(44));
    CHECK(inv->host_vars("::1")["ansible_port"] == Value(22));
    CHECK(inv->hosts("c") == Names{"h3", "::1", "dba", "dbb"});
    CHECK(inv->host_vars("dbb")["ansible_port"] == Value(2));
}

TEST_CASE("variables of a host named like a group go to the group", "[ini]")
{
    const auto inv = load("[web]\nweb a=1\n");
    CHECK(inv->group("web").vars["a"] == Value(1));
    CHECK_FALSE(inv->host_vars("web").contains("a"));
}

TEST_CASE("children may name groups declared later", "[ini]")
{
    const auto inv = load("[a:children]\nb\n[b:children]\nc\n[c]\nh1\n[c:vars]\nx=1\n");
    CHECK(inv->errors().empty());
    CHECK(inv->children("a") == Names{"b"});
    CHECK(inv->children("b") == Names{"c"});
    CHECK(inv->children("all") == Names{"ungrouped", "a"});
    CHECK(inv->group("c").depth == 3);
}

TEST_CASE("undefined groups are reported where they are named", "[ini]")
{
    const auto inv = load("[web]\nw1\n[parent:children]\nweb\n  webs\n[x:vars]\ny=1\n");
    CHECK(inv->errors() == Names{
                               "/srv/inv/hosts.ini:5:3: section [parent:children] includes undefined group 'webs' "
                               "(did you mean 'web'?)",
                               "/srv/inv/hosts.ini:6:1: section [x:vars] is for undefined group 'x'",
                           });
    // Declared only by [b:vars] after being named as a child: still undefined for Ansible.
    const auto late = load("[app:children]\ndb\n[db:vars]\nx=1\n");
    CHECK(late->errors() == Names{"/srv/inv/hosts.ini:2:1: section [app:children] includes undefined group 'db'"});
}

TEST_CASE("section errors", "[ini]")
{
    const auto inv = load("[g:chidlren]\nh0\n[g x]\nh1\n[ok]  # comment\nh2\n");
    CHECK(inv->errors() == Names{
                               "/srv/inv/hosts.ini:1:4: section [g:chidlren] has unknown type 'chidlren' (did you mean "
                               "'children'?)",
                               "/srv/inv/hosts.ini:3:1: invalid section entry '[g x]': a section must be [group], "
                               "[group:vars] or [group:children] without spaces",
                           });
    CHECK(inv->hosts("ok") == Names{"h2"}); // loading went on
    CHECK_FALSE(inv->inventory.find_host("h0"));
}

TEST_CASE("line errors are located and loading continues", "[ini]")
{
    const auto inv = load(R"([g]
h1 x
h2 a="unterminated
---
h3:
web[5:1]
"" a=1
good
[g:vars]
novalue
[g:children]
two words
)");
    CHECK(inv->errors() == Names{
                               "/srv/inv/hosts.ini:2:4: expected key=value host variable assignment, got 'x'",
                               "/srv/inv/hosts.ini:3:4: cannot parse host definition: no closing quotation",
                               "/srv/inv/hosts.ini:4:1: invalid host pattern '---': this looks like a YAML file",
                               "/srv/inv/hosts.ini:5:1: invalid host pattern 'h3:': a trailing ':' is reserved for "
                               "a port number",
                               "/srv/inv/hosts.ini:6:4: host range '[5:1]' in 'web[5:1]' is empty (begin must not "
                               "exceed end)",
                               "/srv/inv/hosts.ini:7:1: empty host name",
                               "/srv/inv/hosts.ini:10:1: expected key=value, got 'novalue'",
                               "/srv/inv/hosts.ini:12:1: expected a group name, got 'two words'",
                           });
    CHECK(inv->hosts("g") == Names{"h1", "good"});
}

TEST_CASE("values without a JSON form warn, TypeErrors fail", "[ini]")
{
    const auto inv = load("[g]\nh1 s=\"{1,2}\" big=99999999999999999999\nh2 bad=\"{[1]:2}\"\n");
    CHECK(inv->host_vars("h1")["s"] == Value("{1,2}"));
    CHECK(inv->host_vars("h1")["big"] == Value("99999999999999999999"));
    std::size_t warnings = 0;
    for (const auto& item : inv->diagnostics.items()) {
        warnings += item.severity == scsctl::core::Severity::warning ? 1 : 0;
    }
    CHECK(warnings == 2);
    REQUIRE(inv->errors().size() == 1);
    CHECK_THAT(inv->errors()[0], Catch::StartsWith("/srv/inv/hosts.ini:3:4: value of 'bad' is not valid"));
}

TEST_CASE("comments, blank lines and odd line breaks", "[ini]")
{
    const auto inv = load("; semicolon\n# hash\n\r\n[g]\r\nh1 # trailing\r\n\th2\n");
    CHECK(inv->errors().empty());
    CHECK(inv->hosts("g") == Names{"h1", "h2"});
    // A ';' after a section header is not a comment there: Ansible reads a host line.
    const auto odd = load("[g]\n[g:vars] ; semicolon\n");
    REQUIRE(odd->errors().size() == 1);
    CHECK_THAT(odd->errors()[0], Catch::StartsWith("/srv/inv/hosts.ini:2:1: host range '[g:vars]'"));
}

TEST_CASE("a group cycle is refused", "[ini]")
{
    const auto inv = load("[a:children]\nb\n[b:children]\na\n[b]\n");
    REQUIRE(inv->errors().size() == 1);
    CHECK_THAT(inv->errors()[0], Catch::Contains("cycle"));
}
