fn main() {
    // Like other Unix tools, stop quietly when the reader of our output goes away
    // (`okienko find … | head`) instead of failing on every later write.
    // SAFETY: set before any other thread exists; SIG_DFL is always a valid disposition.
    let _ =
        unsafe { nix::sys::signal::signal(nix::sys::signal::Signal::SIGPIPE, nix::sys::signal::SigHandler::SigDfl) };
    std::process::exit(okienko::cli::run());
}
