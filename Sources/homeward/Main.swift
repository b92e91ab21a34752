import HomewardCommands

/// `homeward`: parses its arguments and runs the command they name
/// (`Homeward` and its subcommands, in HomewardCommands).
@main
enum Main {
    static func main() async { await Homeward.main() }
}
