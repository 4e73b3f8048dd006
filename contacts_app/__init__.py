"""The press-room contact directory: spokespeople from press releases, validated and served."""

__version__ = "0.1.0"
