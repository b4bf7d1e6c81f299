"""The pure core: typed records and the logic on them. No files, no terminal, no framework."""
