"""The test suite; modules mirror builder/."""
