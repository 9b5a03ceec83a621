"""Monitoring: a registry of sources (feeds, sitemaps, section pages, crawl roots) run on their schedules.

``registry`` holds the configuration and status, ``schedule`` the timing and backoff, ``listing`` reads
what a source lists, and ``runner`` decides what is new or changed and hands it to the Ingestor.
"""
