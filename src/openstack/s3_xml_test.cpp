// The S3 XML reader: ListBuckets answers as Swift's s3api and AWS write them (namespace,
// declaration, entities, CDATA, no buckets), S3 error documents, and garbage, which must be
// an error naming the byte, never a crash or a wrong list.
#include <catch2/catch.hpp>

#include "openstack/s3_xml.hpp"

using namespace scsctl::openstack;

TEST_CASE("ListBuckets: the bucket names of s3api's and AWS's answers", "[openstack][s3-xml]")
{
    // As Swift 2.30's s3api answers (one line, namespace, single-quoted declaration).
    const std::string s3api =
        "<?xml version='1.0' encoding='UTF-8'?>\n<ListAllMyBucketsResult "
        "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        "<Owner><ID>p:u</ID><DisplayName>p:u</DisplayName></Owner><Buckets><Bucket><Name>scs-test-container</Name>"
        "<CreationDate>2009-02-03T16:45:09.000Z</CreationDate></Bucket><Bucket><Name>b.2</Name>"
        "<CreationDate>2009-02-03T16:45:09.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>";
    CHECK(s3_bucket_names(s3api).value() == std::vector<std::string>{"scs-test-container", "b.2"});
    // Indented, a comment, a prefixed namespace, entities and CDATA.
    const std::string aws = "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- listing -->\n"
                            "<s3:ListAllMyBucketsResult xmlns:s3=\"http://s3.amazonaws.com/doc/2006-03-01/\">\n"
                            "  <s3:Buckets>\n    <s3:Bucket><s3:Name>a&amp;b&#x41;&#66;</s3:Name></s3:Bucket>\n"
                            "    <s3:Bucket><s3:Name><![CDATA[<c>]]></s3:Name></s3:Bucket>\n  </s3:Buckets>\n"
                            "</s3:ListAllMyBucketsResult>\n";
    CHECK(s3_bucket_names(aws).value() == std::vector<std::string>{"a&bAB", "<c>"});
    CHECK(s3_bucket_names("<ListAllMyBucketsResult><Owner/><Buckets/></ListAllMyBucketsResult>").value().empty());
    CHECK(s3_bucket_names("<ListAllMyBucketsResult></ListAllMyBucketsResult>").value().empty());
}

TEST_CASE("ListBuckets: garbage is an error, never a list", "[openstack][s3-xml]")
{
    const char* garbage[] = {
        "",
        "not xml at all",
        "{\"buckets\": []}",
        "<ListAllMyBucketsResult><Buckets>",                                    // unclosed
        "<ListAllMyBucketsResult><Buckets></ListAllMyBucketsResult></Buckets>", // crossed
        "<ListAllMyBucketsResult><Buckets><Bucket><Name>x</Name></Bucket></Buckets></ListAllMyBucketsResult>trailing",
        "<ListAllMyBucketsResult><Buckets><Bucket><Name>&nbsp;</Name></Bucket></Buckets></ListAllMyBucketsResult>",
        "<ListAllMyBucketsResult><Buckets><Bucket><Name>&#xZZ;</Name></Bucket></Buckets></ListAllMyBucketsResult>",
        "<ListAllMyBucketsResult><Buckets><Bucket><Name>&amp</Name></Bucket></Buckets></ListAllMyBucketsResult>",
        "<!DOCTYPE x [<!ENTITY a \"b\">]><ListAllMyBucketsResult/>",
        "<ListAllMyBucketsResult a=b/>", // unquoted attribute
        "<ListAllMyBucketsResult><Buckets><Bucket><CreationDate/></Bucket></Buckets></ListAllMyBucketsResult>",
        "<Error><Code>AccessDenied</Code><Message>Access Denied.</Message></Error>", // not a listing
        "<ListAllMyBucketsResult><!-- never closed </ListAllMyBucketsResult>",
    };
    for (const char* document : garbage) {
        INFO(document);
        const auto names = s3_bucket_names(document);
        REQUIRE_FALSE(names);
        CHECK_FALSE(names.error().message.empty());
    }
    CHECK(s3_bucket_names("not xml").error().message == "XML: at byte 0: expected an element");
    // Deep nesting stops at the bound instead of exhausting the stack.
    std::string deep;
    for (int i = 0; i < 100000; ++i) {
        deep += "<a>";
    }
    const auto nested = parse_xml(deep);
    REQUIRE_FALSE(nested);
    CHECK(nested.error().message.find("nested deeper than 100") != std::string::npos);
}

TEST_CASE("S3 errors: code and message, or nothing for other documents", "[openstack][s3-xml]")
{
    CHECK(s3_error_summary("<?xml version='1.0' encoding='UTF-8'?>\n<Error><Code>SignatureDoesNotMatch</Code>"
                           "<Message>The request signature we calculated does not match.</Message>"
                           "<RequestId>tx1</RequestId></Error>") ==
          "SignatureDoesNotMatch: The request signature we calculated does not match.");
    CHECK(s3_error_summary("<Error><Code>NoSuchBucket</Code></Error>") == "NoSuchBucket");
    CHECK(s3_error_summary("<ListAllMyBucketsResult/>").empty());
    CHECK(s3_error_summary("<html><body>502 Bad Gateway</body></html>").empty());
    CHECK(s3_error_summary("garbage").empty());
}
