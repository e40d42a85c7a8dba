"""The project's error tree. The CLI catches `SahelMapError` and exits with code 2."""

__all__ = ["SahelMapError", "InputError", "DataError", "ConfigError"]


class SahelMapError(Exception):
    """Base class: a problem the user can fix. Never a bug."""


class InputError(SahelMapError):
    """An input file cannot be used at all (missing, empty, binary, no header...)."""


class DataError(SahelMapError):
    """A shipped or derived data file is broken (no CRS, missing attribute...)."""


class ConfigError(SahelMapError):
    """A configuration value is wrong (zones.toml, a CLI option)."""
