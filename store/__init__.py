"""The claims database: SQLite through sqlite-utils. All SQL of the project lives here."""
