"""Benchmarks, soak, scoring and headless replay: tools that sit on top of everything."""
