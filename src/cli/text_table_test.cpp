// Aligned text tables: padding to the widest cell, the last column left as it is.
#include <catch2/catch.hpp>

#include "cli/text_table.hpp"

TEST_CASE("text table: columns padded to the widest cell, the last one unpadded", "[cli]")
{
    const std::string table =
        scsctl::cli::aligned_table({{"HOST", "CHECK", "DETAIL"}, {"node-long", "os", "Debian 12"}, {"n2", "", "x"}});
    CHECK(table == "HOST       CHECK  DETAIL\n"
                   "node-long  os     Debian 12\n"
                   "n2                x\n");
}
