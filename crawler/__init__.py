"""The Scrapy project: spiders navigate, pipelines hand pages to ``extractors`` and ``store``.

Built by a later issue; the package exists so the layout of DESIGN.md holds from the start.
"""
