fn main() {
    std::process::exit(okienko::cli::run());
}
