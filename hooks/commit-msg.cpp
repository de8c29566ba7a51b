// git commit-msg hook <file>: the staged change must be covered by an approved decision.
// The fast front-end (no libgit2): exits 0 at once when the staged change touches nothing
// the hook checks, else runs the full hook, git-decision-hook commit-msg.
#include "decision/fast/front_end.hpp"

int main(int argc, char** argv) {
    return decision::fast::front_end("commit-msg", argc, argv);
}
