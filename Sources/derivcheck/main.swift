import Foundation

exit(Derivcheck.main(Array(CommandLine.arguments.dropFirst())))
