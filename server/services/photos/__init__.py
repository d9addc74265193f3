"""Photos: untrusted bytes made safe, stored, linked and checked by WeChat."""
