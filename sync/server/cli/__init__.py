"""The handlers of `yuancang-central`'s subcommands, by theme, and its parser;
`sync/server/__main__.py` dispatches to them."""
