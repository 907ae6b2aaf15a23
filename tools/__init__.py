"""Developer tools for SpineBot that are not part of the bot itself (see tools/README.md)."""
