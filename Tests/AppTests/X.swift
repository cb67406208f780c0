import Testing
@testable import App
import VaporTesting
