"""The fake WeChat server: as strict as the real API, served over loopback HTTP."""
