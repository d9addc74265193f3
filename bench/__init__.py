"""`make bench`: the performance table. See bench/__main__.py for how sections plug in."""
