#include <iostream>
int main() {
    std::cout << "git-decision\n";
}
