// Entry point: hands argv to the CLI composition root.
#include "cli/app.hpp"

int main(int argc, char** argv)
{
    return scsctl::cli::run(argc, argv);
}
