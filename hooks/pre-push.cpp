// git pre-push hook <remote> <url>: every commit being pushed must be covered.
#include "decision/hook/run.hpp"

int main(int argc, char** argv) {
    return decision::hook::run("pre-push", [&]() -> decision::util::Result<int> {
        return decision::hook::pre_push(argc > 1 ? argv[1] : "origin", std::cin, std::cerr);
    });
}
