"""storyline: an evidence-backed picture of a developing news story from scraped pages."""

__version__ = "0.1.0"

