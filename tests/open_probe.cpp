// gd_open_probe: opens the repository as every git-decision binary does and prints what
// `git rev-parse --absolute-git-dir --show-toplevel` prints (the toplevel line only when
// there is a working tree), so tests can compare the two on the same environment.
#include "decision/git/repository.hpp"

#include <iostream>

int main() {
    auto repo = decision::git::Repository::open(".");
    if (!repo) {
        std::cerr << repo.error().message << "\n";
        return 128;
    }
    auto strip = [](std::string s) {
        while (s.size() > 1 && s.back() == '/')
            s.pop_back();
        return s;
    };
    std::cout << strip(repo->git_dir().string()) << "\n";
    if (!repo->is_bare())
        std::cout << strip(repo->workdir().string()) << "\n";
    return 0;
}
