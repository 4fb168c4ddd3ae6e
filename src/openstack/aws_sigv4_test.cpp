// AWS Signature Version 4 against AWS's published vectors: the SigV4 test suite's
// get-vanilla, get-vanilla-query-order-key-case and post-vanilla (credentials AKIDEXAMPLE,
// 20150830T123600Z, us-east-1, service "service"), and the S3 documentation's "GET Object"
// example (examplebucket, 20130524T000000Z, with x-amz-content-sha256 and Range). The
// expected hashes and signatures are the published ones.
#include <catch2/catch.hpp>

#include "openstack/aws_sigv4.hpp"

using namespace scsctl::openstack;

namespace {

constexpr const char* k_empty_sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

SigV4Request suite_request(std::string method)
{
    SigV4Request request;
    request.method = std::move(method);
    request.headers = {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", "20150830T123600Z"}};
    request.payload_sha256 = k_empty_sha256;
    return request;
}

const SigV4Key k_suite_key{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "service"};

} // namespace

TEST_CASE("SigV4 test suite: get-vanilla", "[openstack][sigv4]")
{
    const auto request = suite_request("GET");
    CHECK(sigv4_canonical_request(request) ==
          "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
          "host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sigv4_string_to_sign(request, k_suite_key) ==
          "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
          "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
    CHECK(sigv4_authorization(request, k_suite_key) ==
          "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
          "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST_CASE("SigV4 test suite: get-vanilla-query-order-key-case sorts the query", "[openstack][sigv4]")
{
    auto request = suite_request("GET");
    request.query = {{"Param2", "value2"}, {"Param1", "value1"}};
    CHECK(sigv4_canonical_request(request).starts_with("GET\n/\nParam1=value1&Param2=value2\n"));
    CHECK(sigv4_string_to_sign(request, k_suite_key)
              .ends_with("\n816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0"));
    CHECK(sigv4_authorization(request, k_suite_key)
              .ends_with("Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"));
}

TEST_CASE("SigV4 test suite: post-vanilla", "[openstack][sigv4]")
{
    CHECK(sigv4_authorization(suite_request("POST"), k_suite_key)
              .ends_with("Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"));
}

TEST_CASE("S3 documentation example: GET Object with Range and x-amz-content-sha256", "[openstack][sigv4]")
{
    SigV4Request request;
    request.path = "/test.txt";
    request.headers = {{"Host", "examplebucket.s3.amazonaws.com"},
                       {"Range", "bytes=0-9"},
                       {"x-amz-content-sha256", k_empty_sha256},
                       {"x-amz-date", "20130524T000000Z"}};
    request.payload_sha256 = k_empty_sha256;
    const SigV4Key key{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3"};
    CHECK(sigv4_canonical_request(request) ==
          "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
          "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
          "x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n"
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sigv4_string_to_sign(request, key) ==
          "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
          "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
    const std::string authorization = sigv4_authorization(request, key);
    CHECK(authorization == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                           "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                           "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    CHECK(authorization.find(key.secret_key) == std::string::npos);
}

TEST_CASE("SigV4 pieces: hashes, URI encoding, dates, header values", "[openstack][sigv4]")
{
    CHECK(sha256_hex("") == k_empty_sha256);
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(aws_uri_encode("/a b/c~d-e_f.g", true) == "/a%20b/c~d-e_f.g");
    CHECK(aws_uri_encode("a/b+c=d&é", false) == "a%2Fb%2Bc%3Dd%26%C3%A9");
    CHECK(amz_date(std::chrono::system_clock::from_time_t(1440938160)) == "20150830T123600Z");
    auto request = suite_request("GET");
    request.headers["My-Header1"] = "  a   b \t c  ";
    CHECK(sigv4_canonical_request(request).find("\nmy-header1:a b c\n") != std::string::npos);
    CHECK(sigv4_authorization(request, k_suite_key).find("SignedHeaders=host;my-header1;x-amz-date,") !=
          std::string::npos);
}
