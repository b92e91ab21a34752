import HomewardBasics
typealias SplitMix = SeededGenerator
