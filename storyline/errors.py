"""storyline's exceptions. The library raises these; only the CLI turns them into messages."""


class StorylineError(Exception):
    """Base class for every error storyline raises on purpose."""


class InputError(StorylineError):
    """An input cannot be read as an article (binary, empty, undecodable, malformed)."""


class StoreError(StorylineError):
    """The store cannot be opened, migrated or written."""


class SettingsError(StorylineError):
    """A settings file is missing or invalid."""


class QueryError(StorylineError):
    """A search or filter expression is invalid."""
