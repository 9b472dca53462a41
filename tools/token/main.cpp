#include <iostream>

#include "token_cli.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  safeloop::EnvReader env;
  safeloop::SystemClock clock;
  return safeloop::token::RunTokenCli(args, env, clock, std::cout, std::cerr);
}
