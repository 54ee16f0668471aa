from storyline.cli import cli

cli()
