"""The shell: the Typer app, options, output formats, renderers and prompts."""
