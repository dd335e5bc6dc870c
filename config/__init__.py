"""Configuration: one TOML file (``claimtrack.toml``) with the store, digest and sources."""

from config.loader import (
    ClusterConfig,
    Config,
    ConfigError,
    CrawlerConfig,
    DigestConfig,
    Schedule,
    SourceConfig,
    find_config,
    load_config,
    parse_config,
    parse_duration,
    parse_schedule,
)

__all__ = [
    "ClusterConfig",
    "Config",
    "ConfigError",
    "CrawlerConfig",
    "DigestConfig",
    "Schedule",
    "SourceConfig",
    "find_config",
    "load_config",
    "parse_config",
    "parse_duration",
    "parse_schedule",
]
