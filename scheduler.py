"""The claimtrack daemon: APScheduler jobs for crawls and daily digests.

Built by a later issue (see DESIGN.md, "A crawl is a subprocess"); this module marks its place.
"""
