"""The data layer: files, YAML and CSV readers, validation, the cache, saved assessments."""
