// git pre-commit hook: validate the staged decision records.
// The fast front-end (no libgit2): exits 0 at once when the staged change touches nothing
// the hook checks, else runs the full hook, git-decision-hook pre-commit.
#include "decision/fast/front_end.hpp"

int main(int argc, char** argv) {
    return decision::fast::front_end("pre-commit", argc, argv);
}
