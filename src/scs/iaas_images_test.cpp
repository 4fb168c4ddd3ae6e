// Unit tests of scs-0102 (image metadata) and scs-0104 (standard images) over a FakeCloud
// that answers Glance's `GET /v2/images` as Glance does (flat properties, `next` links).
#include <catch2/catch.hpp>

#include "scs/iaas_fake_cloud_test.hpp"
#include "scs/iaas_image_dates.hpp"
#include "scs/iaas_testcases.hpp"

using scsctl::scs::ImageProperty;
using scsctl::scs::IaasSubject;
using scsctl::scs::TestLog;
using scsctl::scs::testing::FakeCloud;

namespace {

constexpr std::int64_t k_now = 1795000000; // 2026-11-18

/// A public image as Glance v2 lists it, with every scs-0102 property set well.
nlohmann::json glance_image(const std::string& name)
{
    return {{"id", "id-" + name},
            {"name", name},
            {"status", "active"},
            {"visibility", "public"},
            {"protected", false},
            {"os_hidden", false},
            {"container_format", "bare"},
            {"disk_format", "qcow2"},
            {"created_at", "2026-11-10T08:00:00Z"},
            {"updated_at", "2026-11-10T08:05:00Z"},
            {"size", 3LL * 1024 * 1024 * 1024},
            {"virtual_size", nullptr},
            {"min_disk", 8},
            {"min_ram", 512},
            {"os_hash_algo", "sha512"},
            {"os_hash_value", "ab12"},
            {"self", "/v2/images/id-" + name},
            {"file", "/v2/images/id-" + name + "/file"},
            {"schema", "/v2/schemas/image"},
            {"tags", nlohmann::json::array()},
            {"architecture", "x86_64"},
            {"hw_disk_bus", "scsi"},
            {"hypervisor_type", "kvm"},
            {"hw_rng_model", "virtio"},
            {"os_distro", "ubuntu"},
            {"os_version", "24.04"},
            {"image_build_date", "2026-11-09"},
            {"image_original_user", "ubuntu"},
            {"image_source", "https://cloud-images.ubuntu.com/releases/noble/release-20261108/"},
            {"image_description", "https://ubuntu.com/cloud"},
            {"replace_frequency", "monthly"},
            {"provided_until", "2029-04-30"},
            {"uuid_validity", "last-3"},
            {"hotfix_hours", "0"}};
}

void serve_images(FakeCloud& cloud, nlohmann::json images)
{
    cloud.on("GET", "image", "/v2/images?member_status=all", 200,
             {{"images", std::move(images)}, {"first", "/v2/images?member_status=all"}, {"schema", "/v2/schemas/images"}});
}

bool has_line(const TestLog& log, const std::string& part)
{
    for (const auto& line : log.lines()) {
        if (line.text.find(part) != std::string::npos) {
            return true;
        }
    }
    return false;
}

bool passes(IaasSubject& subject, ImageProperty property, TestLog& log)
{
    auto verdict = scsctl::scs::scs0102_property(subject, log, property);
    REQUIRE(verdict);
    return *verdict;
}

} // namespace

TEST_CASE("image dates are read as strptime reads them", "[scs-check]")
{
    using scsctl::scs::DateFormats;
    using scsctl::scs::parse_image_date;
    CHECK(parse_image_date("2026-11-10T08:00:00Z", DateFormats::strict) == 1794268800 + 8 * 3600);
    CHECK(parse_image_date("2026-11-10", DateFormats::strict) == std::nullopt);
    CHECK(parse_image_date("2026-11-10", DateFormats::any) == 1794268800);
    CHECK(parse_image_date("2026-1-5 7:05", DateFormats::any).has_value());
    CHECK(parse_image_date("2026-02-29", DateFormats::any) == std::nullopt); // not a leap year
    CHECK(parse_image_date("2024-02-29", DateFormats::any).has_value());
    CHECK(parse_image_date("20261110", DateFormats::marker) == 1794268800);
    CHECK(parse_image_date("2026-11-10x", DateFormats::any) == std::nullopt);
}

TEST_CASE("scs-0102 passes well-described public images and skips private ones", "[scs-check]")
{
    FakeCloud cloud;
    auto private_image = glance_image("mine");
    private_image["visibility"] = "private";
    private_image.erase("architecture");
    serve_images(cloud, nlohmann::json::array({glance_image("Ubuntu 24.04"), private_image}));
    IaasSubject subject(cloud);
    subject.set_now(k_now);
    TestLog log;
    for (auto property : {ImageProperty::architecture, ImageProperty::hash_algo, ImageProperty::min_disk,
                          ImageProperty::min_ram, ImageProperty::os_version, ImageProperty::os_distro,
                          ImageProperty::hw_disk_bus, ImageProperty::hypervisor_type, ImageProperty::hw_rng_model,
                          ImageProperty::image_build_date, ImageProperty::image_original_user,
                          ImageProperty::image_source, ImageProperty::image_description,
                          ImageProperty::replace_frequency, ImageProperty::provided_until,
                          ImageProperty::uuid_validity, ImageProperty::hotfix_hours}) {
        CHECK(passes(subject, property, log));
    }
    CHECK(*scsctl::scs::scs0102_image_recency(subject, log));
    CHECK(log.lines().empty());
    CHECK(cloud.requests.size() == 1); // one listing serves every testcase
}

TEST_CASE("scs-0102 fails missing and malformed properties, naming the images", "[scs-check]")
{
    FakeCloud cloud;
    auto bad = glance_image("Debian 12");
    bad["architecture"] = "amd64";
    bad["min_disk"] = 1; // smaller than the 3 GiB image
    bad.erase("os_distro");
    bad["hw_disk_bus"] = "ide";
    bad["image_build_date"] = "2026-11-11"; // after registration
    bad["image_source"] = "cloud.debian.org";
    bad["replace_frequency"] = "hourly";
    bad["uuid_validity"] = "last-three";
    bad["hotfix_hours"] = "soon";
    bad["hw_rng_model"] = nullptr; // null is allowed
    serve_images(cloud, nlohmann::json::array({glance_image("Ubuntu 24.04"), bad}));
    IaasSubject subject(cloud);
    subject.set_now(k_now);
    TestLog log;
    CHECK_FALSE(passes(subject, ImageProperty::architecture, log));
    CHECK(has_line(log, "property architecture not correct for image(s): Debian 12"));
    CHECK_FALSE(passes(subject, ImageProperty::min_disk, log));
    CHECK(has_line(log, "property min_disk smaller than size for image(s): Debian 12"));
    CHECK_FALSE(passes(subject, ImageProperty::os_distro, log));
    CHECK_FALSE(passes(subject, ImageProperty::hw_disk_bus, log));
    CHECK_FALSE(passes(subject, ImageProperty::image_build_date, log));
    CHECK(has_line(log, "AFTER registration date"));
    CHECK_FALSE(passes(subject, ImageProperty::image_source, log));
    CHECK_FALSE(passes(subject, ImageProperty::replace_frequency, log));
    CHECK_FALSE(passes(subject, ImageProperty::uuid_validity, log));
    CHECK_FALSE(passes(subject, ImageProperty::hotfix_hours, log));
    CHECK(passes(subject, ImageProperty::hw_rng_model, log));
    CHECK(passes(subject, ImageProperty::os_version, log));
}

TEST_CASE("scs-0102 image recency: outdated images need a current replacement", "[scs-check]")
{
    auto stale = [](const std::string& name, bool hidden) {
        auto image = glance_image(name);
        image["image_build_date"] = "2026-06-01";
        image["created_at"] = "2026-06-01T10:00:00Z";
        image["os_hidden"] = hidden;
        return image;
    };
    FakeCloud replaced;
    serve_images(replaced, nlohmann::json::array({stale("Ubuntu 24.04 20260601", false), glance_image("Ubuntu 24.04")}));
    IaasSubject ok(replaced);
    ok.set_now(k_now);
    TestLog log;
    CHECK(*scsctl::scs::scs0102_image_recency(ok, log));
    CHECK(has_line(log, "is a valid replacement for outdated \"Ubuntu 24.04 20260601\""));

    FakeCloud abandoned;
    serve_images(abandoned, nlohmann::json::array({stale("Ubuntu 24.04", false)}));
    IaasSubject bad(abandoned);
    bad.set_now(k_now);
    TestLog log2;
    CHECK_FALSE(*scsctl::scs::scs0102_image_recency(bad, log2));
    CHECK(has_line(log2, "\"Ubuntu 24.04\" outdated without replacement"));
    CHECK(has_line(log2, "not hidden or otherwise marked"));

    FakeCloud past_until;
    auto retired = stale("Ubuntu 20.04", false);
    retired["provided_until"] = "2026-10-01";
    serve_images(past_until, nlohmann::json::array({retired}));
    IaasSubject fine(past_until);
    fine.set_now(k_now);
    TestLog log3;
    CHECK(*scsctl::scs::scs0102_image_recency(fine, log3));
}

TEST_CASE("images are read across Glance's pages, public and community only", "[scs-check]")
{
    FakeCloud cloud;
    auto community = glance_image("Debian 12");
    community["visibility"] = "community";
    auto shared = glance_image("Ubuntu 24.04");
    shared["visibility"] = "shared";
    cloud.on("GET", "image", "/v2/images?member_status=all", 200,
             {{"images", nlohmann::json::array({shared})}, {"next", "/v2/images?marker=id-Ubuntu&member_status=all"}});
    cloud.on("GET", "image", "/v2/images?marker=id-Ubuntu&member_status=all", 200,
             {{"images", nlohmann::json::array({community})}});
    IaasSubject subject(cloud);
    TestLog log;
    const auto& images = subject.images();
    REQUIRE(images);
    REQUIRE(images->size() == 1);
    CHECK((*images)[0]["name"] == "Debian 12");
}

TEST_CASE("scs-0104: standard images by name or scheme, with their sources", "[scs-check]")
{
    constexpr std::string_view noble[] = {"https://cloud-images.ubuntu.com/releases/noble/",
                                          "https://cloud-images.ubuntu.com/noble/"};
    constexpr std::string_view capi[] = {"https://capi.example/ubuntu-2204-kube"};
    const scsctl::scs::StandardImage ubuntu{"Ubuntu 24.04", false, noble};
    const scsctl::scs::StandardImage capi_image{"ubuntu-capi-image", true, capi};
    FakeCloud cloud;
    auto capi_v1 = glance_image("ubuntu-capi-image-v1.31.4");
    capi_v1["image_source"] = "https://elsewhere.example/capi.qcow2";
    serve_images(cloud, nlohmann::json::array({glance_image("Ubuntu 24.04"), capi_v1}));
    IaasSubject subject(cloud);
    TestLog log;
    CHECK(*scsctl::scs::scs0104_image(subject, log, ubuntu));
    CHECK(*scsctl::scs::scs0104_source(subject, log, ubuntu));
    CHECK(*scsctl::scs::scs0104_image(subject, log, capi_image));
    CHECK_FALSE(*scsctl::scs::scs0104_source(subject, log, capi_image));
    CHECK(has_line(log, "Image 'ubuntu-capi-image-v1.31.4' source mismatch"));

    FakeCloud empty;
    serve_images(empty, nlohmann::json::array());
    IaasSubject none(empty);
    CHECK_FALSE(*scsctl::scs::scs0104_image(none, log, ubuntu));
    CHECK(*scsctl::scs::scs0104_source(none, log, ubuntu)); // nothing there, nothing wrong
    CHECK(has_line(log, "Missing image 'Ubuntu 24.04'"));

    CHECK(scsctl::scs::matches_capi_scheme("ubuntu-capi-image-v1.30"));
    CHECK(scsctl::scs::matches_capi_scheme("ubuntu-capi-image-v1.3x"));
    CHECK_FALSE(scsctl::scs::matches_capi_scheme("ubuntu-capi-image v1.30"));
    CHECK_FALSE(scsctl::scs::matches_capi_scheme("ubuntu-capi-image-v12.3"));
}

TEST_CASE("scs-0102 and scs-0104 abort when Glance's answer cannot be used", "[scs-check]")
{
    FakeCloud cloud;
    cloud.on("GET", "image", "/v2/images?member_status=all", 200, {{"error", "not a list"}});
    IaasSubject subject(cloud);
    TestLog log;
    const auto property = scsctl::scs::scs0102_property(subject, log, ImageProperty::architecture);
    REQUIRE_FALSE(property);
    CHECK(property.error().message.find("has no list 'images'") != std::string::npos);
    constexpr std::string_view noble[] = {"https://cloud-images.ubuntu.com/releases/noble/"};
    CHECK_FALSE(scsctl::scs::scs0104_image(subject, log, {"Ubuntu 24.04", false, noble}));

    // An outdated image without provided_until stops the recency testcase, as it stops the
    // reference.
    FakeCloud stale;
    auto image = glance_image("Ubuntu 24.04");
    image["image_build_date"] = "2025-01-01";
    image.erase("provided_until");
    serve_images(stale, nlohmann::json::array({image}));
    IaasSubject stale_subject(stale);
    stale_subject.set_now(k_now);
    const auto recency = scsctl::scs::scs0102_image_recency(stale_subject, log);
    REQUIRE_FALSE(recency);
    CHECK(recency.error().message == "image Ubuntu 24.04 is outdated and has no provided_until");

    // A standard image without image_source cannot be judged.
    FakeCloud sourceless;
    auto bare = glance_image("Ubuntu 24.04");
    bare.erase("image_source");
    serve_images(sourceless, nlohmann::json::array({bare}));
    IaasSubject sourceless_subject(sourceless);
    CHECK_FALSE(scsctl::scs::scs0104_source(sourceless_subject, log, {"Ubuntu 24.04", false, noble}));
}
