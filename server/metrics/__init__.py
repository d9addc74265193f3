"""Metrics for operators: instruments (`instruments`), the request hooks and `/metrics`
(`http.init_app`), and the gauges read from the store at scrape time (`store_gauges`).

This face imports nothing, so the store and WeChat layers can count on `instruments`
without pulling in the HTTP side.
"""
