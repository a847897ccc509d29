"""Settings, database, clock and security primitives."""
