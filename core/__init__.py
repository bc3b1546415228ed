"""The vocabulary every layer shares: plain records, their closed sets of words, canonical links, errors.

Nothing here imports from the rest of rumorbot, so the engine, the feeds, storage, configuration and
the chat handlers may all depend on it without depending on each other.
"""
