"""The entry layer: the `rumorbot` command line, its subcommands, and the wiring of the Telegram Application.

It sits above everything else (chat handlers, the bot's services, storage, configuration, the engine)
and nothing imports it, so the packages below form no cycle.
"""
